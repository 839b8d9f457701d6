import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appleInstallLink,
  installQrPng,
  installQrSvg,
  manualEntry,
  parseActivationCode,
  type ActivationCode,
} from '../src/modules/esim/service.js';

/** Every install path decodes back to the exact activation code: what the customer's phone will read. */

const CHROMIUM = '/usr/bin/chromium';
const code = ((): ActivationCode => {
  const parsed = parseActivationCode('LPA:1$SMDP.GSMA.COM$04386-AGYFT-A74Y8-3F815$1.3.6.1.4.1.31746$1');
  if (!parsed.ok) throw new Error('vector did not parse');
  return parsed.code;
})();
const LPA = 'LPA:1$SMDP.GSMA.COM$04386-AGYFT-A74Y8-3F815$1.3.6.1.4.1.31746$1';

let dir: string;
const zbar = (file: string) =>
  execFileSync('zbarimg', ['-q', '--raw', file], { stdio: ['ignore', 'pipe', 'ignore'] })
    .toString()
    .trim();

describe('installing an eSIM', () => {
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simfill-esim-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('makes a PNG QR code a scanner reads as the exact LPA string', async () => {
    const file = path.join(dir, 'install.png');
    fs.writeFileSync(file, await installQrPng(code));
    expect(zbar(file)).toBe(LPA);
  });

  it('makes an SVG QR code that, drawn by a browser, reads as the exact LPA string', async () => {
    const svg = await installQrSvg(code);
    expect(svg.startsWith('<svg')).toBe(true);
    const browser = await chromium.launch({ executablePath: CHROMIUM });
    try {
      const page = await browser.newPage({ viewport: { width: 400, height: 400 } });
      await page.setContent(
        `<body style="margin:0;background:#fff"><div style="width:400px">${svg}</div></body>`,
      );
      const file = path.join(dir, 'install-svg.png');
      await page.locator('svg').screenshot({ path: file });
      expect(zbar(file)).toBe(LPA);
    } finally {
      await browser.close();
    }
  });

  it("gives Apple's one-tap link and the manual-entry fields from the same code", () => {
    const link = new URL(appleInstallLink(code));
    expect(link.origin + link.pathname).toBe('https://esimsetup.apple.com/esim_qrcode_provisioning');
    expect(link.searchParams.get('carddata')).toBe(LPA);
    expect(manualEntry(code)).toEqual({
      smdpAddress: 'SMDP.GSMA.COM',
      activationCode: '04386-AGYFT-A74Y8-3F815',
      lpa: LPA,
      confirmationCodeRequired: true,
    });
  });
});
