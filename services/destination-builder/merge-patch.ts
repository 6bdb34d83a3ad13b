/**
 * JSON Merge Patch (RFC 7396) for PATCH of destinations and mappings: `applyMergePatch` is the
 * RFC's algorithm (objects merge member by member, `null` removes a member, anything else,
 * arrays included, replaces), and `mergePatchSchema` derives the JSON Schema of a patch from the
 * schema of the full body: every member optional, nested objects patched the same way, and `null`
 * allowed exactly where the full body may omit the member (a required member cannot be removed).
 */
import { Type, type TSchema, type TUnsafe } from '@sinclair/typebox';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

interface RawSchema {
  type?: string;
  properties?: Record<string, RawSchema>;
  required?: string[];
  anyOf?: RawSchema[];
  [key: string]: unknown;
}

const NULL: RawSchema = { type: 'null' };

function patchOf(schema: RawSchema, required: boolean): RawSchema {
  const branches = schema.anyOf;
  const nullable = branches?.some((b) => b.type === 'null') ?? false;
  let patched: RawSchema = schema;
  if (branches !== undefined && nullable) {
    const objectBranch = branches.find((b) => b.type === 'object' && b.properties !== undefined);
    if (objectBranch !== undefined) patched = { anyOf: [patchObject(objectBranch), NULL] };
  } else if (schema.type === 'object' && schema.properties !== undefined) {
    patched = patchObject(schema);
  } else if (schema.type === 'object' && schema.patternProperties !== undefined) {
    // a map (Type.Record): any member may be set or, with null, removed
    const members = schema.patternProperties as Record<string, RawSchema>;
    patched = {
      ...schema,
      patternProperties: Object.fromEntries(
        Object.entries(members).map(([pattern, value]) => [pattern, { anyOf: [value, NULL] }]),
      ),
    };
  }
  return required || nullable ? patched : { anyOf: [patched, NULL] };
}

function patchObject(schema: RawSchema): RawSchema {
  const required = new Set(schema.required ?? []);
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([key, value]) => [key, patchOf(value, required.has(key))]),
  );
  const { description } = schema;
  return {
    type: 'object',
    additionalProperties: false,
    properties,
    ...(description === undefined ? {} : { description }),
  };
}

/** The merge-patch schema of an object schema, named `$id`, with examples of patches. */
export function mergePatchSchema(
  body: TSchema,
  options: { $id: string; description: string; examples: Json[] },
): TUnsafe<Record<string, unknown>> {
  const plain = JSON.parse(JSON.stringify(body)) as RawSchema;
  return Type.Unsafe<Record<string, unknown>>({ ...patchObject(plain), ...options });
}
