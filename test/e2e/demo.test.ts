/**
 * The demo, headless, as `npm run demo` runs it (deploy/demo/main.ts in its own process, the
 * all-in-one as its child) on the test stack with a small volume and free ports. It must exit 0
 * after the summary, and the summary must show every check passed: each expected pixel at the
 * partner exactly once and nothing else, every cookie as specified, S2S real-time final states,
 * verified export files and manifests, and exactly the bad records dead-lettered.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DemoResult } from '../../deploy/demo/run-demo.ts';
import { compiledEntry } from '../support/compiled-entry.ts';
import { brokers, registryUrl } from '../support/stack.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'segdest-demo-'));

function runDemo(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [compiledEntry('deploy/demo/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('npm run demo, headless', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('delivers every expected record exactly as specified and exits 0 after the summary', async () => {
    const summaryFile = join(dir, 'summary.json');
    const { code, output } = await runDemo({
      KAFKA_BROKERS: brokers.join(','),
      SCHEMA_REGISTRY_URL: registryUrl,
      DEMO_HEADLESS: 'true',
      DEMO_EVENTS: '3000',
      DEMO_DEVICES: '800',
      DEMO_PORTS: 'free',
      DEMO_TIMEOUT_MS: '120000',
      DEMO_DIR: join(dir, 'runs'),
      DEMO_EXPORT_DIR: join(dir, 'exports'),
      DEMO_SUMMARY_FILE: summaryFile,
    });
    expect(code, output).toBe(0);
    expect(output).toMatch(/publishing \[#{25}\] 100% 3000\/3000 events/);
    expect(output).toContain('every check passed');
    expect(output).toMatch(/stopped \(all-in-one exit code 0\)/);

    const result = JSON.parse(readFileSync(summaryFile, 'utf8')) as DemoResult;
    expect(result.checks.map((c) => [c.name, c.status])).toEqual([
      ['router delivery records per destination', 'pass'],
      ['URL pixels at the partner, exactly as rendered from the templates', 'pass'],
      ['cookie values served by the edge endpoint', 'pass'],
      ['bad records dead-lettered with their reason, nothing else', 'pass'],
      ['S2S real-time JSON at the partner (OAuth2), last message per user = its final state', 'pass'],
      ['S2S batch files and .info manifests', 'pass'],
    ]);
    // 3000 events carry 4 bad records per 2000 (garbage, wrong magic byte, unknown schema id, unknown platform).
    expect(result.published).toMatchObject({ badRecords: 8 });
    expect(result.deadLetters).toEqual({ bad_magic_byte: 4, unknown_schema_id: 2, invalid_event: 2 });
    expect(result.destinations.map((d) => d.type)).toEqual(['URL', 'URL', 'COOKIE', 'COOKIE', 'S2S', 'S2S']);
    for (const d of result.destinations) expect(d.routed, d.name).toBeGreaterThan(0);
    expect(output).not.toContain(result.adminToken);

    // The export files, re-verified here from the manifests: a full and an incremental transfer.
    const files = readdirSync(result.exports.dir);
    const manifests = files.filter((f) => f.endsWith('.info'));
    expect(manifests.map((m) => m.replace(/_\d+\.info$/, ''))).toEqual([
      expect.stringMatching(/_full$/),
      expect.stringMatching(/_iter$/),
    ]);
    for (const manifest of manifests) {
      const info = JSON.parse(readFileSync(join(result.exports.dir, manifest), 'utf8')) as {
        Files: { FileName: string; FileByteSize: number; md5: string }[];
      };
      for (const file of info.Files) {
        const bytes = readFileSync(join(result.exports.dir, file.FileName));
        expect(statSync(join(result.exports.dir, file.FileName)).size).toBe(file.FileByteSize);
        expect(createHash('md5').update(bytes).digest('hex')).toBe(file.md5);
      }
    }
  }, 180_000);
});
