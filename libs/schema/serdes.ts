/** One serde per topic value, subjects by TopicNameStrategy (`<topic>-value`). */
import type { TopicNames } from '../kafka/topics.ts';
import type { SchemaRegistryClient } from './registry.ts';
import { schemas } from './schemas.ts';
import { AvroSerde } from './serde.ts';

export function createSerdes(registry: SchemaRegistryClient, topics: TopicNames) {
  const subject = (topic: string) => `${topic}-value`;
  return {
    qualificationEvent: new AvroSerde(registry, schemas.qualificationEvent, subject(topics.qualifications)),
    idSync: new AvroSerde(registry, schemas.idSync, subject(topics.idSyncs)),
    destinationConfig: new AvroSerde(registry, schemas.destinationConfig, subject(topics.destinations)),
    urlDeliveryRequest: new AvroSerde(registry, schemas.urlDeliveryRequest, subject(topics.deliveriesUrl)),
    cookieDeliveryRequest: new AvroSerde(
      registry,
      schemas.cookieDeliveryRequest,
      subject(topics.deliveriesCookie),
    ),
    s2sDeliveryRequest: new AvroSerde(registry, schemas.s2sDeliveryRequest, subject(topics.deliveriesS2s)),
    deadLetter: new AvroSerde(registry, schemas.deadLetter, subject(topics.deadLetters)),
    destinationAudit: new AvroSerde(registry, schemas.destinationAudit, subject(topics.destinationsAudit)),
    dataSource: new AvroSerde(registry, schemas.dataSource, subject(topics.dataSources)),
    apiToken: new AvroSerde(registry, schemas.apiToken, subject(topics.apiTokens)),
  };
}

export type Serdes = ReturnType<typeof createSerdes>;

/** Registers every schema (idempotent); call at service start so encode() is ready. */
export async function registerSerdes(serdes: Serdes): Promise<void> {
  for (const serde of Object.values(serdes)) await serde.register();
}
