/**
 * Headless Chromium for the UI tests: Debian's `chromium` package (installed by .ci/run) driven by
 * playwright-core, which downloads no browser of its own. Also builds the web UI once when its
 * output folder is missing (it is git-ignored), so a clean clone runs the browser tests as is.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const UI_DIST = fileURLToPath(new URL('../../services/destination-builder/ui/dist/', import.meta.url));

export function ensureUiBuilt(): void {
  if (existsSync(`${UI_DIST}index.html`)) return;
  // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  execFileSync('npm', ['run', 'build:ui'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    // Without the background-networking flags Chromium keeps calling Google hosts, which a closed
    // network refuses; playwright gives every launch a fresh, empty profile directory.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
