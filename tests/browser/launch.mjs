// launch.mjs: starts Debian's Chromium (or $CHROMIUM) headless through playwright-core, with
// everything that could reach the network at start-up turned off. When it cannot start, says
// "skipped: ..." and exits 77, which the test runners report as skipped rather than failed.
import { chromium } from 'playwright-core';

export async function launchChromium() {
  try {
    return await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  } catch (e) {
    console.log(`skipped: Chromium cannot start (${String(e.message).split('\n')[0]})`);
    process.exit(77);
  }
}
