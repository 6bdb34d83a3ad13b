export { AvroSerde } from './serde.ts';
export { SchemaRegistryClient } from './registry.ts';
export { schemas, type RecordSchema, type SchemaName } from './schemas.ts';
export type * from './types.ts';
export { createSerdes, registerSerdes, type Serdes } from './serdes.ts';
export { eventProblems, validateEvent, PLATFORMS } from './validate-event.ts';
export { RECORD_LIMITS, SEGMENTS_CEILING, UUID_PATTERN, type LimitedRecord } from './record-limits.ts';
export { validateLimits, type LimitViolation } from './validate-limits.ts';
