/** Configuration every service shares: where Kafka and the registry are, logging, topic naming. */
import { Type } from '@sinclair/typebox';

export const commonConfigProperties = {
  kafkaBrokers: Type.Array(Type.String(), {
    default: ['127.0.0.1:9092'],
    description: 'Kafka bootstrap servers, comma-separated host:port.',
    minItems: 1,
  }),
  schemaRegistryUrl: Type.String({
    default: 'http://127.0.0.1:8081/apis/ccompat/v7',
    description: 'Confluent-compatible schema registry base URL.',
  }),
  topicPrefix: Type.String({
    default: '',
    description: 'Prefix for every topic name (isolates environments on one cluster).',
  }),
  logLevel: Type.Union(
    [
      Type.Literal('trace'),
      Type.Literal('debug'),
      Type.Literal('info'),
      Type.Literal('warn'),
      Type.Literal('error'),
      Type.Literal('silent'),
    ],
    { default: 'info', description: 'pino log level.' },
  ),
};
