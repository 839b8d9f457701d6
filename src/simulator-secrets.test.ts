import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from './config.js';
import { loadSimulatorSecrets, SIMULATOR_SECRETS_FILE } from './simulator-secrets.js';

describe('simulator secrets file', () => {
  const dirs: string[] = [];
  const aDataDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simfill-simsecrets-'));
    dirs.push(dir);
    return path.join(dir, 'data');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is created once with mode 0600 and read back unchanged', () => {
    const dataDir = aDataDir();
    const first = loadSimulatorSecrets(dataDir);
    const file = path.join(dataDir, SIMULATOR_SECRETS_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadSimulatorSecrets(dataDir)).toEqual(first);
    expect(fs.readdirSync(dataDir)).toEqual([SIMULATOR_SECRETS_FILE]);
    expect(first.stripe.secretKey).toMatch(/^sk_test_[A-Za-z0-9]{48}$/);
    expect(first.paypal.webhookId).toMatch(/^[0-9A-Z]{17}$/);
  });

  it('adds the entries a file from an earlier SimFill lacks, keeping the ones it has', () => {
    const dataDir = aDataDir();
    const first = loadSimulatorSecrets(dataDir);
    const file = path.join(dataDir, SIMULATOR_SECRETS_FILE);
    const older: Partial<typeof first> = { ...first };
    delete older.airalo;
    delete older.smdp;
    fs.writeFileSync(file, JSON.stringify(older), { mode: 0o600 });
    const upgraded = loadSimulatorSecrets(dataDir);
    expect(upgraded).toMatchObject(older);
    expect(upgraded.smdp.requesterId).toMatch(/^SIMFILL-[0-9A-Z]{12}$/);
    expect(upgraded.smdp.notificationSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(upgraded.airalo.clientId).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(loadSimulatorSecrets(dataDir)).toEqual(upgraded);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dataDir)).toEqual([SIMULATOR_SECRETS_FILE]);
  });

  it('narrows a file someone made readable to others back to 0600', () => {
    const dataDir = aDataDir();
    const secrets = loadSimulatorSecrets(dataDir);
    const file = path.join(dataDir, SIMULATOR_SECRETS_FILE);
    fs.chmodSync(file, 0o644);
    expect(loadSimulatorSecrets(dataDir)).toEqual(secrets);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged file with one line saying what to do, never inventing secrets over it', () => {
    const dataDir = aDataDir();
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, SIMULATOR_SECRETS_FILE);
    fs.writeFileSync(file, '{"stripe":', { mode: 0o600 });
    expect(() => loadSimulatorSecrets(dataDir)).toThrow(ConfigError);
    expect(() => loadSimulatorSecrets(dataDir)).toThrow(
      `Invalid configuration: SIMFILL_DATA_DIR holds ${file}, which is not valid JSON; delete it to generate new simulator secrets`,
    );
    fs.writeFileSync(file, JSON.stringify({ stripe: { secretKey: 'sk_test_simfill_embedded_simulator' } }));
    expect(() => loadSimulatorSecrets(dataDir)).toThrow(/does not hold the expected simulator secrets/);
    expect(fs.readFileSync(file, 'utf8')).toContain('sk_test_simfill_embedded_simulator');
  });
});
