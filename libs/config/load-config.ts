/**
 * Service configuration from environment variables, declared as a TypeBox object schema whose
 * properties carry `default` and `description`. Values are coerced (numbers, booleans, JSON arrays
 * and comma lists) and validated at start; every problem is reported at once, naming the variable.
 * Only this folder reads process.env.
 */
import { Value } from '@sinclair/typebox/value';
import type { Static, TObject, TSchema } from '@sinclair/typebox';
import { AppError } from '../errors/index.ts';

export type Env = Record<string, string | undefined>;

/** Environment variable name of a config key: camelCase -> UPPER_SNAKE. */
export function envName(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

function coerce(schema: TSchema, raw: string): unknown {
  const type = (schema as { type?: string }).type;
  if (type === 'integer' || type === 'number') {
    const number = Number(raw);
    return raw.trim() === '' || Number.isNaN(number) ? raw : number;
  }
  if (type === 'boolean') {
    if (/^(true|1|yes)$/i.test(raw)) return true;
    if (/^(false|0|no)$/i.test(raw)) return false;
    return raw;
  }
  if (type === 'array') {
    if (raw.trim().startsWith('[')) {
      try {
        return JSON.parse(raw);
      } catch {
        return raw;
      }
    }
    return raw
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '');
  }
  return raw;
}

export function loadConfig<T extends TObject>(schema: T, env: Env = process.env): Static<T> {
  const input: Record<string, unknown> = {};
  for (const [key, propSchema] of Object.entries(schema.properties)) {
    const raw = env[envName(key)];
    if (raw !== undefined) input[key] = coerce(propSchema, raw);
  }
  const withDefaults = Value.Default(schema, input) as Record<string, unknown>;
  const errors = [...Value.Errors(schema, withDefaults)];
  if (errors.length > 0) {
    const byVariable = new Map<string, string>();
    for (const e of errors) {
      const variable = envName(e.path.replace(/^\//, '').split('/')[0] ?? '');
      if (byVariable.has(variable)) continue;
      byVariable.set(
        variable,
        `${e.message}${e.value === undefined ? ' (missing)' : ` (got ${JSON.stringify(e.value)})`}`,
      );
    }
    const lines = [...byVariable].map(([variable, problem]) => `${variable}: ${problem}`);
    throw new AppError('invalid_config', `invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return withDefaults as Static<T>;
}

/** Rows for the README config table: variable, default, description. */
export function describeConfig(
  schema: TObject,
): { variable: string; default: string; description: string }[] {
  return Object.entries(schema.properties).map(([key, prop]) => {
    const p = prop as { default?: unknown; description?: string };
    return {
      variable: envName(key),
      default: p.default === undefined ? '(required)' : JSON.stringify(p.default),
      description: p.description ?? '',
    };
  });
}
