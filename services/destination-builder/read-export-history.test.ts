import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExportHistory } from './read-export-history.ts';

// the route passes its JSON Schema validator; a structural stand-in here
const isRun = (record: unknown) => typeof record === 'object' && record !== null && 'outcome' in record;

let server: Server;
let base: string;
const TOKEN = 'history-token';
const RUN = {
  id: 1,
  destinationId: 611,
  mode: 'full',
  outcome: 'succeeded',
  startedAt: 1_764_000_000_000,
  finishedAt: 1_764_000_001_000,
  durationMs: 1000,
  files: ['611_full.sync', '611_full.info'],
  userCount: 2,
  lineCount: 2,
  byteCount: 40,
  watermarkFrom: 0,
  watermarkTo: 1_764_000_000_000,
  error: null,
};

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return res.writeHead(401).end();
    const exports = req.url?.includes('/612/')
      ? [RUN, { runId: 'x', status: 'SUCCEEDED' }]
      : [{ ...RUN, addedByANewerExporter: true }];
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ exports }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('readExportHistory', () => {
  it('sends the exporter token when configured, and says why when refused', async () => {
    expect(await readExportHistory(base, 611, 5, { token: TOKEN, isRun })).toEqual({
      available: true,
      exports: [RUN],
    });
    expect(await readExportHistory(base, 611, 5, { isRun })).toEqual({
      available: false,
      error: 'HTTP 401',
      exports: [],
    });
    expect(await readExportHistory('', 611, 5, { token: TOKEN, isRun })).toMatchObject({ available: false });
  });

  it('refuses to relay records that are not export runs', async () => {
    expect(await readExportHistory(base, 612, 5, { token: TOKEN, isRun })).toEqual({
      available: false,
      error: "the exporter's record 1 is not an export run",
      exports: [],
    });
  });
});
