/**
 * A string enum as JSON Schema writes it (`{ type: 'string', enum: [...] }`), which OpenAPI tools
 * and generated clients read as an enum (TypeBox's union of literals renders as `anyOf` of
 * `const`). Validated by Ajv (Fastify); TypeBox's `Value` does not know the kind.
 */
import { Type, type SchemaOptions } from '@sinclair/typebox';

export function StringEnum<const T extends readonly string[]>(values: T, options: SchemaOptions = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}
