import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchPostgres, type ScratchPostgres } from './helpers/databases.js';
import { freePort, runCli, startServer } from './helpers/cli.js';
import { readLocalOperatorToken } from '../src/local-operator.js';

// Each test spawns real processes (tsx start-up ~1.5 s per command), so they get more than the default time.
describe('simfill CLI', { timeout: 240_000 }, () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simfill-cli-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('stops before starting anything when a setting is bad, naming the variable', async () => {
    const result = await runCli(['start'], { PORT: 'eighty', SIMFILL_DATA_DIR: path.join(dataDir, 'never') });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'simfill: Invalid configuration: PORT must be a whole number from 1 to 65535 (got "eighty")',
    );
    expect(fs.existsSync(path.join(dataDir, 'never'))).toBe(false);
  });

  it('names SMTP_DEV_PORT, not PORT, when the dev mailbox port is taken, before creating anything', async () => {
    const busy = await freePort();
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(busy, '127.0.0.1', resolve));
    try {
      const target = path.join(dataDir, 'smtp-busy');
      const result = await runCli(['start'], {
        SIMFILL_DATA_DIR: target,
        PORT: String(await freePort()),
        SMTP_DEV_PORT: String(busy),
      });
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(
        `simfill: cannot listen on 127.0.0.1:${busy} (the port is in use); set SMTP_DEV_PORT to another port ` +
          '(0 picks a free one).',
      );
      expect(fs.existsSync(path.join(target, 'pgdata'))).toBe(false);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('refuses to start real top-ups that its payment simulators could pay for, naming the variables', async () => {
    const never = path.join(dataDir, 'mixed');
    const result = await runCli(['start'], {
      SIMFILL_DATA_DIR: never,
      RELOADLY_CLIENT_ID: 'reloadly-live-client',
      RELOADLY_CLIENT_SECRET: 'reloadly-live-secret',
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'simfill: Invalid configuration: RELOADLY_CLIENT_ID is set (real line top-ups) but STRIPE_SECRET_KEY/STRIPE_WEBHOOK_SECRET and PAYPAL_CLIENT_ID/PAYPAL_CLIENT_SECRET/PAYPAL_WEBHOOK_ID are not, so simfill start would let its payment simulators pay for real top-ups; set the payment credentials too, or unset RELOADLY_CLIENT_ID/RELOADLY_CLIENT_SECRET',
    );
    expect(fs.existsSync(never)).toBe(false);
  });

  it('doctor reports the provider mixes that start refuses as problems', async () => {
    // An unreachable database keeps the run short; the configuration lines come first.
    const env = {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
      RELOADLY_CLIENT_ID: 'live-client',
      RELOADLY_CLIENT_SECRET: 'live-secret',
    };
    const mixed = await runCli(['doctor'], env);
    expect(mixed.code).toBe(1);
    expect(mixed.stdout).toContain(
      '✘ simfill start refuses this configuration: Invalid configuration: RELOADLY_CLIENT_ID is set (real line top-ups) but STRIPE_SECRET_KEY/STRIPE_WEBHOOK_SECRET and PAYPAL_CLIENT_ID/PAYPAL_CLIENT_SECRET/PAYPAL_WEBHOOK_ID are not',
    );
    const testKey = await runCli(['doctor'], {
      ...env,
      RELOADLY_API_BASE: 'https://topups.reloadly.com',
      STRIPE_SECRET_KEY: 'sk_test_51Testkey000000',
      STRIPE_WEBHOOK_SECRET: 'whsec_testsecret0000',
      PAYPAL_CLIENT_ID: 'AbCdEfGh12345678',
      PAYPAL_CLIENT_SECRET: 'EfGhIjKl12345678',
      PAYPAL_WEBHOOK_ID: '8PT597110X687430L',
      PAYPAL_API_BASE: 'https://api-m.paypal.com',
    });
    expect(testKey.code).toBe(1);
    expect(testKey.stdout).toContain(
      '✘ simfill start, serve and worker refuse this configuration: Invalid configuration: STRIPE_SECRET_KEY is a test-mode key while RELOADLY_API_BASE is Reloadly production',
    );
  });

  it('refuses a reconciliation day the API would refuse, in one line, before opening anything', async () => {
    const never = path.join(dataDir, 'reconcile');
    const future = await runCli(['reconcile', '--date', '2099-12-31'], { SIMFILL_DATA_DIR: never });
    expect(future.code).toBe(1);
    expect(future.stderr.trim()).toBe(
      'simfill: --date must be today or earlier (UTC) (got "2099-12-31"; a UTC day as YYYY-MM-DD).',
    );
    const impossible = await runCli(['reconcile', '--date', '2026-02-30'], { SIMFILL_DATA_DIR: never });
    expect(impossible.code).toBe(1);
    expect(impossible.stderr.trim()).toBe(
      'simfill: --date has the wrong format (got "2026-02-30"; a UTC day as YYYY-MM-DD).',
    );
    expect(fs.existsSync(never)).toBe(false);
  });

  it('starts on the embedded database with the demo catalog, refuses a second process on the same data dir, and restarts fast', async () => {
    const env = { SIMFILL_DATA_DIR: path.join(dataDir, 'data') };
    const server = await startServer('start', env, await freePort());
    try {
      expect(server.output()).toContain('Seeding the demo catalog');
      expect(server.output()).toMatch(/Portal\s+http:\/\/localhost:\d+\//);
      expect(server.output()).toMatch(/API docs\s+http:\/\/localhost:\d+\/docs/);
      expect(server.output()).toMatch(/eSIMs\s+Airalo-compatible simulator at http:\/\/127\.0\.0\.1:\d+/);
      expect(server.output()).toMatch(
        /SM-DP\+\s+ES2\+ SM-DP\+ simulator at http:\/\/127\.0\.0\.1:\d+ \(1000 SIMFILL-US-DATA/,
      );
      const plans = (await (await fetch(`${server.baseUrl}/v1/plans`)).json()) as { data: unknown[] };
      expect(plans.data).toHaveLength(20);

      const second = await runCli(['start'], { ...env, PORT: String(await freePort()) });
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`is in use by another SimFill process (pid ${server.child.pid})`);

      const doctor = await runCli(['doctor'], env);
      expect(doctor.stdout).toContain('in use by a running SimFill');

      const busyPort = new URL(server.baseUrl).port;
      const clash = await runCli(['start'], {
        SIMFILL_DATA_DIR: path.join(dataDir, 'other'),
        PORT: busyPort,
      });
      expect(clash.code).toBe(1);
      expect(clash.stderr).toContain(`cannot listen on localhost:${busyPort} (the port is in use); set PORT`);
      expect(clash.stderr).not.toContain('Seeding');
      expect(fs.existsSync(path.join(dataDir, 'other', 'pgdata'))).toBe(false);
      // The running server is untouched by the refused second process.
      expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(fs.existsSync(path.join(env.SIMFILL_DATA_DIR, 'simfill.lock'))).toBe(false);

    const again = await startServer('start', env, await freePort());
    try {
      expect(again.output()).not.toContain('Seeding');
      expect(again.output()).not.toContain('Creating the embedded database');
    } finally {
      await again.stop();
    }
  });

  it('runs a dev mailbox in embedded mode that the mail commands read, and creates staff from the command line', async () => {
    const smtpPort = String(await freePort());
    const env = { SIMFILL_DATA_DIR: path.join(dataDir, 'mail'), SMTP_DEV_PORT: smtpPort };
    const port = await freePort();
    const server = await startServer('start', env, port);
    try {
      expect(server.output()).toContain(
        `Dev mailbox  http://localhost:${port}/console/mailbox (SMTP on 127.0.0.1:${smtpPort}`,
      );
      // The data dir is enough: the running server wrote where it listens (HTTP and dev SMTP) into it.
      const cliEnv = { SIMFILL_DATA_DIR: env.SIMFILL_DATA_DIR };
      expect((await runCli(['mail', 'list'], cliEnv)).stdout).toContain('The dev mailbox is empty.');
      // The embedded SM-DP+'s profiles are in SimFill's pool; the CLI adds more through the running server.
      const csv = path.join(dataDir, 'profiles.csv');
      fs.writeFileSync(csv, 'iccid,profileType\n8949000000000030007,GOLD\n');
      const imported = await runCli(['esim', 'inventory', 'import', csv], cliEnv);
      expect(imported.stdout).toContain('Imported 1 profiles into the eSIM pool (0 already there');
      const local = { 'x-simfill-local-token': readLocalOperatorToken(env.SIMFILL_DATA_DIR)! };
      const pool = (await (
        await fetch(`${server.baseUrl}/v1/admin/esim-inventory`, { headers: local })
      ).json()) as {
        data: { profile_type: string; available: number }[];
      };
      expect(pool.data).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ profile_type: 'SIMFILL-US-DATA', available: 1000 }),
          expect.objectContaining({ profile_type: 'GOLD', available: 1 }),
        ]),
      );
      // Its notifications reach SimFill: with the data dir's secret, a profile SimFill never issued is unknown.
      const secrets = JSON.parse(
        fs.readFileSync(path.join(env.SIMFILL_DATA_DIR, 'simulator-secrets.json'), 'utf8'),
      ) as { smdp: { notificationSecret: string } };
      const notified = await fetch(`${server.baseUrl}/gsma/rsp2/es2plus/handleDownloadProgressInfo`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-admin-protocol': 'gsma/rsp/v2.1.0',
          authorization: `Bearer ${secrets.smdp.notificationSecret}`,
        },
        body: JSON.stringify({
          header: { functionRequesterIdentifier: 'SMDP.SIMFILL.TEST', functionCallIdentifier: 'FCI-1' },
          iccid: '8949000000000030007',
          profileType: 'GOLD',
          timestamp: '2026-12-04T10:00:00Z',
          notificationPointId: 3,
          notificationPointStatus: { status: 'Executed-Success' },
        }),
      });
      expect(await notified.json()).toMatchObject({
        header: {
          functionExecutionStatus: {
            status: 'Failed',
            statusCodeData: { subjectCode: '8.2.1', reasonCode: '3.9' },
          },
        },
      });
      // A reconciliation through the running server: counts that add up, and one progress line.
      const today = new Date().toISOString().slice(0, 10);
      const reconciled = await runCli(['reconcile', '--date', today], cliEnv);
      expect(reconciled.code, reconciled.stderr).toBe(0);
      expect(reconciled.stderr).toBe(`Reconciling ${today}…\n`);
      expect(reconciled.stdout).toMatch(
        new RegExp(
          `^rec_[0-9a-z]{26} \\(${today}\\):\n` +
            '  SimFill   0 deliveries: 0 matched, 0 with a mismatch, 0 still open\n' +
            '  Provider  0 transactions: 0 unknown to SimFill\n' +
            '  0 mismatches to look at\\.\n$',
        ),
      );
      const sent = await runCli(['mail', 'test', '--to', 'li@example.com', '--locale', 'zh-CN'], cliEnv);
      expect(sent.stdout).toContain('Sent "SimFill 邮件测试" to li@example.com via the dev mailbox.');
      const list = await runCli(['mail', 'list'], cliEnv);
      const id = /^(msg_[0-9a-z]{26})\s.*li@example\.com\s+SimFill 邮件测试$/m.exec(list.stdout)?.[1];
      expect(id).toBeDefined();
      const shown = await runCli(['mail', 'show', id!], cliEnv);
      expect(shown.stdout).toContain('Subject: SimFill 邮件测试');
      expect(shown.stdout).toContain(`  http://localhost:${port}`);
      const missing = await runCli(['mail', 'show', 'msg_01jz8x4e5qf0m8g4v3k2y1t9bc'], cliEnv);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('No such message: msg_01jz8x4e5qf0m8g4v3k2y1t9bc.');

      // The running server holds the embedded database, so staff commands go through it as the local operator.
      const created = await runCli(
        ['staff', 'create', '--email', 'owner@simfill.test', '--role', 'owner'],
        cliEnv,
      );
      expect(created.stdout).toMatch(/^Created owner owner@simfill\.test \(stf_[0-9a-z]{26}\)\.$/m);
      const link = new RegExp(`^  (http://localhost:${port}/console/set-password\\?token=\\S+)$`, 'm').exec(
        created.stdout,
      )?.[1];
      expect(link).toBeDefined();
      const repeated = await runCli(
        ['staff', 'create', '--email', 'OWNER@simfill.test', '--role', 'admin'],
        cliEnv,
      );
      expect(repeated.code).toBe(1);
      expect(repeated.stderr).toContain('A staff member with this email already exists.');
      const badRole = await runCli(
        ['staff', 'create', '--email', 'x@simfill.test', '--role', 'boss'],
        cliEnv,
      );
      expect(badRole.stderr).toContain('--role must be one of owner, admin, support, finance (got "boss")');
      expect((await runCli(['staff', 'list'], cliEnv)).stdout).toMatch(
        /stf_[0-9a-z]{26}\s+owner\s+owner@simfill\.test/,
      );
      const reset = await runCli(['staff', 'reset-totp', '--email', 'owner@simfill.test'], cliEnv);
      expect(reset.stdout).toContain('owner@simfill.test: active, two-factor off.');
      const nobody = await runCli(['staff', 'disable', '--email', 'nobody@simfill.test'], cliEnv);
      expect(nobody.stderr).toContain('No staff member with the email nobody@simfill.test.');
      const invitation = await runCli(['mail', 'list'], cliEnv);
      expect(invitation.stdout).toContain('owner@simfill.test  Your SimFill console account');
      // The link works in the console: set the password, then log in.
      const token = new URL(link!).searchParams.get('token');
      const setup = await fetch(`http://localhost:${port}/v1/staff/password-setups`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, password: 'owner password 2026' }),
      });
      expect(setup.status).toBe(200);
    } finally {
      await server.stop();
    }
    // With the server stopped the CLI opens the database itself.
    const direct = await runCli(['staff', 'list'], env);
    expect(direct.stdout).toMatch(/owner\s+owner@simfill\.test/);
    const disabled = await runCli(['staff', 'disable', '--email', 'owner@simfill.test'], env);
    expect(disabled.stdout).toContain('owner@simfill.test: disabled, two-factor off.');
    const down = await runCli(['mail', 'list'], { ...env, PORT: String(port) });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain(`SimFill is not answering at http://localhost:${port}`);
  });

  it('seeds, migrates and checks the embedded database from the command line', async () => {
    const env = { SIMFILL_DATA_DIR: path.join(dataDir, 'tools') };
    const seed = await runCli(['seed'], env);
    expect(seed.code).toBe(0);
    expect(seed.stdout).toContain('Demo catalog: 5 carriers, 23 plans.');
    const migrate = await runCli(['migrate'], env);
    expect(migrate.stdout).toMatch(/Migrations: (\d+) of \1 applied \(pglite\)/);
    const doctor = await runCli(['doctor'], env);
    expect(doctor.stdout).toContain('✔ configuration is valid');
    expect(doctor.stdout).toMatch(/✔ migrations: all \d+ applied/);
    expect(doctor.stdout).toContain('✔ ledger: balanced in every currency (0 entries)');
    expect(doctor.stdout).toContain('✔ mail: the embedded dev mailbox receives every email');
  });

  describe('on PostgreSQL', () => {
    let scratch: ScratchPostgres;
    beforeAll(async () => {
      scratch = await createScratchPostgres();
    });
    afterAll(async () => scratch?.drop());

    it('reports pending migrations, applies them, then serves', async () => {
      const env = { DATABASE_URL: scratch.url };
      const before = await runCli(['doctor'], env);
      expect(before.code).toBe(1);
      expect(before.stdout).toContain('✔ PostgreSQL (DATABASE_URL) is reachable');
      expect(before.stdout).toMatch(/✘ migrations: \d+ pending/);
      expect(before.stdout).toContain('✘ mail: SMTP_URL is not set');
      const badSmtp = await runCli(['doctor'], { ...env, SMTP_URL: 'smtp://127.0.0.1:1' });
      expect(badSmtp.stdout).toContain('✘ mail: the SMTP server at SMTP_URL refuses');
      expect((await runCli(['migrate'], env)).stdout).toMatch(/applied \(postgres\)/);
      expect((await runCli(['seed'], env)).code).toBe(0);
      const server = await startServer('serve', env, await freePort());
      try {
        const ready = (await (await fetch(`${server.baseUrl}/readyz`)).json()) as { database: string };
        expect(ready.database).toBe('postgres');
      } finally {
        expect(await server.stop()).toBe(0);
      }
    });

    it('says clearly when the database cannot be reached', async () => {
      const result = await runCli(['doctor'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('✘ PostgreSQL (DATABASE_URL) is not reachable');
    });
  });
});
