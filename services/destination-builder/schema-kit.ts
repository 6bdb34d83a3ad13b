/**
 * Small TypeBox helpers the builder's API schemas share: string enums rendered as JSON Schema
 * `enum` (a union of literals renders as `anyOf` of `const`, which generated clients type poorly),
 * nullable values, and references to named components (`$id`, registered with `app.addSchema`,
 * rendered by @fastify/swagger under `components.schemas`).
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

export const strict = { additionalProperties: false } as const;

export { StringEnum } from '../../libs/schema/string-enum.ts';

export const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A `$ref` to a named component, typed as the component. */
export function ref<T extends TSchema>(schema: T) {
  if (schema.$id === undefined) throw new Error('ref() needs a schema with an $id');
  return Type.Unsafe<Static<T>>(Type.Ref(schema.$id));
}
