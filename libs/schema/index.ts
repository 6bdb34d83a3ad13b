export { AvroSerde } from './serde.ts';
export { SchemaRegistryClient } from './registry.ts';
export { schemas, type RecordSchema, type SchemaName } from './schemas.ts';
export type * from './types.ts';
export { createSerdes, registerSerdes, type Serdes } from './serdes.ts';
export { validateEvent, PLATFORMS } from './validate-event.ts';
