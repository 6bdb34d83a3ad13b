export { createKafka, type KafkaOptions } from './create-kafka.ts';
export { topicNames, topicCatalog, RETRY_DELAYS, type TopicNames, type TopicSpec } from './topics.ts';
export { bootstrapTopics } from './bootstrap-topics.ts';
export { TopicReader, type TopicReaderOptions } from './topic-reader.ts';
export { createProducer, type ProducerOptions } from './create-producer.ts';
export { PartitionProducers } from './partition-producers.ts';
export { CommittedOffsets } from './committed-offsets.ts';
export { decodeBatch, DECODE_FAILURES, type DecodeStep } from './decode-batch.ts';
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
export { instrumentKafka, type InstrumentedClients } from './instrument-kafka.ts';
export {
  LagReader,
  type LagReaderOptions,
  type LagSnapshot,
  type GroupLag,
  type LagReadError,
} from './lag-reader.ts';
export { type PartitionLag } from './partition-lag.ts';
export { DelayedConsumer, type DelayedConsumerOptions, type DueRecord } from './delayed-consumer.ts';
export {
  StoredOffsetConsumer,
  type StoredOffsetConsumerOptions,
  type StoredOffsetBatch,
} from './stored-offset-consumer.ts';
export { fitRequests, messageBytes, type FittedRequests } from './fit-requests.ts';
export { partitionCounts } from './partition-counts.ts';
export { readProduceLimit, KAFKA_DEFAULT_MAX_MESSAGE_BYTES } from './read-produce-limit.ts';
export { OutputProducer, type OutputProducerOptions, type BatchSender } from './output-producer.ts';
export {
  SupervisedConsumer,
  type SupervisedConsumerOptions,
  type ConsumerSettings,
  type ConsumerState,
} from './supervised-consumer.ts';
export { BrokerProbe, type BrokerProbeOptions } from './broker-probe.ts';
export { oversizedDeadLetter, MAX_DEAD_LETTER_VALUE_BYTES } from './dead-letter.ts';
export { murmur2Partition } from './murmur2-partition.ts';
