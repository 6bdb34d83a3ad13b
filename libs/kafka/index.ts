export { createKafka, type KafkaOptions } from './create-kafka.ts';
export { topicNames, topicCatalog, type TopicNames, type TopicSpec } from './topics.ts';
export { bootstrapTopics } from './bootstrap-topics.ts';
export { TopicReader, type TopicReaderOptions } from './topic-reader.ts';
export { createProducer, type ProducerOptions } from './create-producer.ts';
export { deadLetterMessage, type DeadLetterInput, type DeadLetterEncoder } from './dead-letter.ts';
export {
  ConsumerRunner,
  type ConsumerRunnerOptions,
  type DecodedRecord,
  type BatchContext,
  type RunnerHooks,
} from './consumer-runner.ts';
export type {
  Kafka,
  Admin,
  Consumer,
  Producer,
  Message,
  TopicMessages,
  IHeaders,
  EachBatchPayload,
  KafkaMessage,
} from 'kafkajs';
export { CompressionTypes } from 'kafkajs';
