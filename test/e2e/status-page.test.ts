/**
 * The lag-exporter's /status page in headless Chromium (Debian's `chromium`, driven by
 * playwright-core) against the whole product running in-process with steady traffic: the page polls
 * /status.json, keeps a history in the browser and must plot throughput for every consumer service
 * and lag for every consumer group, loading nothing but its own origin. Saves the screenshot shown
 * in docs/metrics.md.
 */
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONSUMER_SERVICES,
  keepDriving,
  startLiveServices,
  type LiveServices,
} from '../support/live-services.ts';
import { waitFor } from '../support/stack.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT = new URL('../../docs/screenshots/status-page.png', import.meta.url);

describe('status page in headless Chromium', () => {
  let live: LiveServices;
  let browser: BrowserContext;
  let profile: string;
  let stopTraffic: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    live = await startLiveServices('status-page', {
      lagExporter: (urls) => ({
        statusTargets: Object.entries(urls).map(([name, url]) => `${name}=${url}/metrics`),
        statusPollMs: 500,
      }),
    });
    profile = await mkdtemp(join(tmpdir(), 'status-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 860 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await stopTraffic();
    await browser?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
    await live?.stop();
  });

  it('plots throughput per service and lag per group from live metrics', async () => {
    const asked = performance.now();
    const statusJson = await fetch(`${live.urls['lag-exporter']}/status.json`);
    expect(statusJson.status).toBe(200);
    const readMs = performance.now() - asked;
    const status = (await statusJson.json()) as { services: { name: string; up: boolean }[] };
    expect(status.services.filter((s) => !s.up)).toEqual([]);
    // The consumers must be in their groups before the lag figures mean anything.
    for (const service of CONSUMER_SERVICES) {
      await waitFor(async () => (await fetch(`${live.urls[service]}/readyz`)).ok, { message: service });
    }
    stopTraffic = keepDriving(live, 200, 10);

    const page = await browser.newPage();
    const origin = new URL(live.urls['lag-exporter']).origin;
    const foreign: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(origin)) foreign.push(request.url());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const started = Date.now();
    await page.goto(`${live.urls['lag-exporter']}/status`);

    const series = (chart: string) =>
      page.$$eval(`svg[data-chart="${chart}"] polyline`, (lines) =>
        lines.map((l) => ({
          name: l.getAttribute('data-series') ?? '',
          points: Number(l.getAttribute('data-points')),
        })),
      );
    const chartMax = (chart: string) =>
      page.getAttribute(`svg[data-chart="${chart}"]`, 'data-max').then(Number);
    // At least 6 readings in the browser, every consumer plotted with moving throughput.
    await waitFor(
      async () => {
        const lines = await series('throughput');
        return (
          CONSUMER_SERVICES.every((s) => lines.some((l) => l.name === s && l.points >= 6)) &&
          (await chartMax('throughput')) > 0 &&
          (await chartMax('deliveries')) > 0
        );
      },
      { timeoutMs: 60_000, intervalMs: 200, message: 'throughput plotted for every consumer service' },
    );
    const seconds = (Date.now() - started) / 1000;
    const lagLines = await series('lag-messages');
    for (const group of Object.values(live.groups)) {
      expect(lagLines.find((l) => l.name === group)?.points ?? 0, group).toBeGreaterThanOrEqual(6);
    }
    expect((await series('lag-seconds')).length).toBeGreaterThan(0);
    const rows = await page.$$eval('#services tbody tr', (trs) =>
      trs.map((tr) => `${tr.getAttribute('data-service')} ${tr.children[1]?.textContent}`),
    );
    expect(rows.sort()).toEqual(
      ['cookie-delivery', 'destination-builder', 'router', 's2s-delivery', 'url-delivery'].map(
        (s) => `${s} up`,
      ),
    );
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);

    mkdirSync(new URL('.', SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT.pathname, fullPage: true });
    const readings = await page.getAttribute('body', 'data-readings');
    console.info(
      `status-page: first /status.json ${readMs.toFixed(0)} ms; every plot filled ${seconds.toFixed(1)} s ` +
        `after load (${readings} readings, polling every 500 ms)`,
    );
  });
});
