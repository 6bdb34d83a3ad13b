/**
 * One batch export run as the s2s exporter records it and answers on its export API
 * (services/s2s-delivery/export-routes.ts); the destination builder relays the same records
 * (GET /v1/destinations/{id}/export-history). Times in epoch ms.
 */
import { Type, type Static } from '@sinclair/typebox';
import { StringEnum } from './string-enum.ts';

const nullableNumber = Type.Union([Type.Number(), Type.Null()]);

export const ExportRunSchema = Type.Object(
  {
    id: Type.Integer(),
    destinationId: Type.Integer(),
    mode: StringEnum(['full', 'iter']),
    outcome: StringEnum(['running', 'succeeded', 'failed']),
    startedAt: Type.Number({ description: 'Epoch ms.' }),
    finishedAt: nullableNumber,
    durationMs: nullableNumber,
    files: Type.Array(Type.String(), { description: 'Published data files, then the .info manifest.' }),
    userCount: Type.Integer(),
    lineCount: Type.Integer(),
    byteCount: Type.Integer({ description: 'Bytes of the data files as published (manifest excluded).' }),
    watermarkFrom: Type.Integer(),
    watermarkTo: Type.Integer(),
    error: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

export type ExportRun = Static<typeof ExportRunSchema>;
