/** Path and query parameter schemas shared by the routes (strings with patterns: no coercion). */
import type {} from '@fastify/swagger';
import { Type } from '@sinclair/typebox';

export const IdParams = Type.Object(
  { id: Type.String({ pattern: '^[1-9][0-9]{0,8}$' }) },
  { additionalProperties: false },
);

export const MappingParams = Type.Object(
  { id: Type.String({ pattern: '^[1-9][0-9]{0,8}$' }), sid: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }) },
  { additionalProperties: false },
);

export const ErrorReply = Type.Object({
  error: Type.String(),
  message: Type.String(),
  issues: Type.Optional(
    Type.Array(Type.Object({ pointer: Type.String(), rule: Type.String(), message: Type.String() })),
  ),
});

export const bearer = [{ bearer: [] }];
