import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExportHistory } from './read-export-history.ts';

let server: Server;
let base: string;
const TOKEN = 'history-token';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return res.writeHead(401).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ exports: [{ id: 1 }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('readExportHistory', () => {
  it('sends the exporter token when configured, and says why when refused', async () => {
    expect(await readExportHistory(base, 611, 5, TOKEN)).toEqual({ available: true, exports: [{ id: 1 }] });
    expect(await readExportHistory(base, 611, 5)).toEqual({
      available: false,
      error: 'HTTP 401',
      exports: [],
    });
    expect(await readExportHistory('', 611, 5, TOKEN)).toMatchObject({ available: false });
  });
});
