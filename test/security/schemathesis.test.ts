/**
 * Schemathesis against the running builder's OpenAPI document (issue 14, item 5): the builder
 * listens on 127.0.0.1:<free port> with the real broker and registry behind it, and schemathesis
 * (pinned, in a venv under .local/, test/support/schemathesis.ts) fuzzes every documented operation
 * as the bootstrap admin, so requests pass authentication and reach validation and the handlers.
 * Path ids point at a destination and a data source made first, so the handlers behind them run
 * instead of answering 404.
 * Checks: every check of schemathesis 4.32 (no 5xx, every status documented, every answer matching
 * its documented schema, content type and headers, schema-violating requests refused, valid ones
 * accepted, 405 with Allow for undeclared methods, auth not ignored, deleted resources gone, ...).
 * positive_data_acceptance accepts, besides 2xx/401/403/404, the answers a schema-valid request
 * can rightly get from the state behind it, each documented on its operation: 409 (the segment is
 * already mapped), 412 (a generated If-Match names another version), 422 (the configuration rules
 * of SPEC §3 that JSON Schema cannot say, e.g. a URL template's macros or an SSRF-safe host) and
 * 428 (If-Match is documented optional so that its absence is answered 428, not 400).
 * Deterministic: fixed seed, one worker, no example database, a bounded number of examples.
 */
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, auth, startBuilder, type RunningBuilder } from '../support/builder.ts';
import { ensureSchemathesis, run, VENV } from '../support/schemathesis.ts';
import { testEnvironment, type TestEnvironment } from '../support/stack.ts';
import { ROUTE_POLICY, type FixtureIds } from './route-policy.ts';

const CHECKS = 'all';
/** Statuses positive_data_acceptance accepts for schema-valid requests (see above). */
const ACCEPTED = ['2xx', '401', '403', '404', '409', '412', '422', '428'];
const MAX_EXAMPLES = 20;
const SEED = 14;

interface JsonReport {
  exit_code: number;
  complete: boolean;
  operations: { total: number; tested: number; errored: number };
  test_cases: { generated: number; with_failures: number; unique_failures: number; errored: number };
  failures: unknown[];
  errors: unknown[];
}

/** Requests schemathesis made: the interactions recorded in its NDJSON event stream. */
async function countInteractions(file: string): Promise<number> {
  let count = 0;
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.startsWith('{"ScenarioFinished"')) continue;
    const event = JSON.parse(line) as { ScenarioFinished: { recorder: { interactions?: object } } };
    count += Object.keys(event.ScenarioFinished.recorder.interactions ?? {}).length;
  }
  return count;
}

describe('security: schemathesis against the builder OpenAPI', () => {
  let env: TestEnvironment;
  let builder: RunningBuilder;
  let base: string;
  let cli: string;
  let ids: Pick<FixtureIds, 'destination' | 'dataSource'>;

  beforeAll(async () => {
    cli = await ensureSchemathesis();
    env = await testEnvironment('sec-fuzz', 1);
    // the production body limit: the test harness's 64 KB answers 413 to a schema-violating array
    // of more than maxItems elements, which negative_data_rejection does not count as a rejection
    builder = await startBuilder(env, { BODY_LIMIT_BYTES: '1048576' });
    const app = builder.service.app;
    const destination = await app.inject({
      method: 'POST',
      url: '/v1/destinations',
      headers: auth(ADMIN_TOKEN),
      payload: ROUTE_POLICY['POST /v1/destinations']!.body!({} as FixtureIds),
    });
    expect(destination.statusCode, destination.body).toBe(201);
    const dataSource = await app.inject({
      method: 'PUT',
      url: '/v1/data-sources/1001',
      headers: auth(ADMIN_TOKEN),
      payload: { name: 'CRM', exportControls: [] },
    });
    expect(dataSource.statusCode, dataSource.body).toBe(201);
    ids = { destination: destination.json().id, dataSource: 1001 };
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await builder?.stop();
  });

  it(`finds no failure with ${MAX_EXAMPLES} examples per operation (every check)`, async () => {
    const dir = join(VENV, '..', 'schemathesis-run');
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    // path ids of the fixtures (TOML: one [[operations]] table per id family)
    await writeFile(
      join(dir, 'schemathesis.toml'),
      [
        '[[operations]]',
        'include-path-regex = "^/v1/destinations/\\\\{id\\\\}"',
        `parameters = { "path.id" = "${ids.destination}", "path.sid" = "5" }`,
        '',
        '[[operations]]',
        'include-path-regex = "^/v1/data-sources/\\\\{id\\\\}"',
        `parameters = { "path.id" = "${ids.dataSource}" }`,
        '',
        '[checks.positive_data_acceptance]',
        `expected-statuses = [${ACCEPTED.map((s) => `"${s}"`).join(', ')}]`,
        '',
      ].join('\n'),
    );
    const requestsBefore = builder.logs.filter((l) => l.includes('"incoming request"')).length;
    const result = await run(
      cli,
      [
        '--config-file',
        join(dir, 'schemathesis.toml'),
        'run',
        `${base}/openapi.json`,
        '--checks',
        CHECKS,
        '--max-examples',
        String(MAX_EXAMPLES),
        '--seed',
        String(SEED),
        '--workers',
        '1',
        '--generation-database',
        'none',
        '--no-color',
        '--request-timeout',
        '10',
        '-H',
        `Authorization: Bearer ${ADMIN_TOKEN}`,
        '--report',
        'json,ndjson',
        '--report-dir',
        dir,
      ],
      { cwd: dir, timeoutMs: 80_000 },
    );
    const files = await readdir(dir);
    const jsonFile = files.find((f) => f.startsWith('json-'));
    const ndjsonFile = files.find((f) => f.startsWith('ndjson-'));
    expect(
      jsonFile,
      `no JSON report; schemathesis said:\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-2000)}`,
    ).toBeDefined();
    const report = JSON.parse(await readFile(join(dir, jsonFile!), 'utf8')) as JsonReport;
    const requests = await countInteractions(join(dir, ndjsonFile!));
    const received = builder.logs.filter((l) => l.includes('"incoming request"')).length - requestsBefore;
    console.log(
      `schemathesis: ${report.operations.tested}/${report.operations.total} operations, ` +
        `${report.test_cases.generated} test cases, ${requests} requests made (${received} received by the builder), ` +
        `${report.test_cases.with_failures} with failures, ${report.errors.length} errors; seed ${SEED}`,
    );
    if (result.code !== 0) console.log(result.stdout.slice(-8000));
    expect(report.complete).toBe(true);
    expect(report.failures).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(report.test_cases.with_failures).toBe(0);
    expect(result.code).toBe(0);
    expect(report.operations.tested).toBe(report.operations.total);
    expect(report.operations.total).toBeGreaterThan(15);
    expect(requests).toBeGreaterThan(1000);
    expect(received).toBeGreaterThanOrEqual(requests);
  });
});
