/**
 * The builder's OpenAPI document is client-grade (issue 16): every API operation has an id, a
 * summary, the bearer requirement, its real answers (success bodies and every error status as
 * named components, the shared Error shape), request bodies are named components with examples,
 * enums are `enum`s with a type; Redocly's recommended ruleset finds no error; and the web UI's
 * generated types are what the document gives today (run `npm run gen:api-types` when this fails).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_TYPES_FILE, renderApiTypes } from '../../deploy/tools/openapi/api-types.ts';
import { PRIORITY_RULE } from '../../libs/rendering/index.ts';
import { openApiDocument } from './openapi-document.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OPS_PATHS = new Set(['/healthz', '/readyz', '/metrics', '/version']);
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

interface Operation {
  operationId?: string;
  summary?: string;
  security?: unknown[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: { $ref?: string } }> }>;
}
type Document = {
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components: { schemas: Record<string, Record<string, unknown>> };
};

function operations(document: Document) {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) =>
      item[method] ? [{ key: `${method.toUpperCase()} ${path}`, path, op: item[method]! }] : [],
    ),
  );
}

/** Every schema object in the document, with where it is. */
function* schemas(node: unknown, at = '#'): Generator<[string, Record<string, unknown>]> {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* schemas(item, `${at}/${i}`);
  } else if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    if ('type' in record || 'enum' in record || 'const' in record || 'anyOf' in record) yield [at, record];
    for (const [key, value] of Object.entries(record)) {
      if (key !== 'examples' && key !== 'example') yield* schemas(value, `${at}/${key}`);
    }
  }
}

describe('OpenAPI document of the destination builder', () => {
  let document: Document;
  beforeAll(async () => {
    document = (await openApiDocument()) as unknown as Document;
  });

  it('declares every API operation with its id, summary, security and real answers', () => {
    const api = operations(document).filter((o) => !OPS_PATHS.has(o.path));
    expect(api.length).toBeGreaterThanOrEqual(22);
    const ids = new Set<string>();
    for (const { key, op } of api) {
      expect(op.operationId, key).toMatch(/^[a-z][A-Za-z]+$/);
      ids.add(op.operationId!);
      expect(op.summary, key).toBeTruthy();
      expect(op.security, key).toEqual([{ bearer: [] }]);
      const statuses = Object.keys(op.responses);
      expect(statuses, key).toContain('401');
      expect(
        statuses.some((s) => /^2\d\d$/.test(s)),
        key,
      ).toBe(true);
      for (const [status, response] of Object.entries(op.responses)) {
        expect(response.description, `${key} ${status}`).not.toBe('Default Response');
        if (status === '204') {
          expect(response.content, `${key} 204`).toBeUndefined();
          continue;
        }
        const ref = response.content?.['application/json']?.schema.$ref;
        expect(ref, `${key} ${status}`).toMatch(/^#\/components\/schemas\/[A-Z]\w+$/);
        if (Number(status) >= 400) expect(ref, `${key} ${status}`).toBe('#/components/schemas/Error');
        expect(document.components.schemas[ref!.split('/').pop()!], ref).toBeDefined();
      }
      if (op.requestBody !== undefined) {
        for (const [type, media] of Object.entries(op.requestBody.content)) {
          const name = media.schema.$ref?.split('/').pop();
          expect(name, `${key} ${type}`).toBeDefined();
          const examples = document.components.schemas[name!]!.examples as unknown[] | undefined;
          expect(examples?.length, `${key}: examples of ${name}`).toBeGreaterThan(0);
        }
        expect(statuses, key).toEqual(expect.arrayContaining(['400', '413', '415']));
      }
    }
    expect(ids.size).toBe(api.length);
  });

  it('answers stale and missing preconditions as HTTP says (412, 428), and PATCH takes merge patches', () => {
    const byKey = new Map(operations(document).map((o) => [o.key, o.op]));
    for (const key of [
      'PUT /v1/destinations/{id}',
      'PATCH /v1/destinations/{id}',
      'DELETE /v1/destinations/{id}',
    ]) {
      expect(Object.keys(byKey.get(key)!.responses), key).toEqual(expect.arrayContaining(['412', '428']));
      expect(Object.keys(byKey.get(key)!.responses), key).not.toContain('409');
    }
    expect(Object.keys(byKey.get('POST /v1/destinations/{id}/mappings')!.responses)).toContain('409');
    for (const key of ['PATCH /v1/destinations/{id}', 'PATCH /v1/destinations/{id}/mappings/{sid}']) {
      expect(Object.keys(byKey.get(key)!.requestBody!.content), key).toEqual([
        'application/merge-patch+json',
        'application/json',
      ]);
    }
  });

  it('says what a cookie priority means as the Avro schema and the renderer do (issue 20)', () => {
    const avro = JSON.parse(readFileSync(join(ROOT, 'schemas', 'destination-config.avsc'), 'utf8')) as {
      fields: { name: string; type: { items?: { fields: { name: string; doc?: string }[] } } }[];
    };
    const mappingFields = avro.fields.find((f) => f.name === 'mappings')!.type.items!.fields;
    expect(mappingFields.find((f) => f.name === 'priority')!.doc).toBe(PRIORITY_RULE);
    const priorities = ['MappingInput', 'Mapping'].map((name) => {
      const property = (
        document.components.schemas[name]!.properties as Record<string, Record<string, unknown>>
      ).priority!;
      return JSON.stringify(property);
    });
    for (const priority of priorities) expect(priority).toContain(JSON.stringify(PRIORITY_RULE));
  });

  it('writes enums as typed enums, never as const or unions of consts', () => {
    let enums = 0;
    for (const [at, schema] of schemas(document)) {
      expect('const' in schema, at).toBe(false);
      if (Array.isArray(schema.enum)) {
        enums += 1;
        expect(schema.type, at).toBeDefined();
      }
      if (Array.isArray(schema.anyOf)) {
        const branches = schema.anyOf as Record<string, unknown>[];
        expect(branches.filter((b) => Array.isArray(b.enum) && b.enum.length === 1).length, at).toBe(0);
      }
    }
    expect(enums).toBeGreaterThan(20);
  });

  it('passes Redocly’s recommended lint (warnings only where ops routes have no 4xx answer)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'openapi-lint-'));
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document, null, 2));
    // telemetry is off in redocly.yaml; the update check is skipped when stderr is not a terminal
    const lint = spawnSync(
      join(ROOT, 'node_modules', '.bin', 'redocly'),
      ['lint', file, '--config', join(ROOT, 'deploy', 'tools', 'openapi', 'redocly.yaml'), '--format=json'],
      { encoding: 'utf8' },
    );
    const report = JSON.parse(lint.stdout.slice(lint.stdout.indexOf('{'))) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; severity: string; location: { pointer: string }[] }[];
    };
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    for (const problem of report.problems) {
      expect(problem.ruleId).toBe('operation-4xx-response');
      const path = decodeURIComponent(problem.location[0]!.pointer.split('/')[2]!.replaceAll('~1', '/'));
      expect(OPS_PATHS.has(path), path).toBe(true);
    }
    expect(lint.status).toBe(0);
  });

  it('is what the web UI’s generated API types were made from', async () => {
    expect(readFileSync(API_TYPES_FILE, 'utf8')).toBe(await renderApiTypes(document as never));
  });
});
