/**
 * `npm run publish:events -- [--dry-run] <file.jsonl | ->`: validates qualification events from
 * JSON lines (docs/publishing.md) and publishes the valid ones to `<TOPIC_PREFIX>qualifications`.
 * Invalid lines are printed to stderr as `line <n>: <problem>` and not sent. Exit code 0 when every
 * line was valid, 1 when some were refused, 2 on a usage or connection error.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { loadConfig } from '../../libs/config/index.ts';
import { createKafka, createProducer, topicNames } from '../../libs/kafka/index.ts';
import { createLogger } from '../../libs/runtime/logger.ts';
import { SchemaRegistryClient, createSerdes, type QualificationEvent } from '../../libs/schema/index.ts';
import { publisherConfigSchema } from './config.ts';
import { publishEvents } from './publish-events.ts';

const USAGE = 'usage: npm run publish:events -- [--dry-run] <events.jsonl | ->';
const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const files = args.filter((a) => a !== '--dry-run');
if (files.length !== 1 || files[0]!.startsWith('--')) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
const file = files[0]!;

try {
  const config = loadConfig(publisherConfigSchema);
  const logger = createLogger('publisher', config.logLevel === 'info' ? 'warn' : config.logLevel);
  const topics = topicNames(config.topicPrefix);
  let send: ((events: QualificationEvent[]) => Promise<void>) | undefined;
  let disconnect = async () => {};
  if (!dryRun) {
    const serdes = createSerdes(new SchemaRegistryClient(config.schemaRegistryUrl), topics);
    // Registers the reader schema under `<topic>-value` (idempotent; refused if not BACKWARD-compatible).
    await serdes.qualificationEvent.register();
    const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: 'publisher', logger });
    const admin = kafka.admin();
    await admin.connect();
    const exists = (await admin.listTopics()).includes(topics.qualifications);
    await admin.disconnect();
    if (!exists) {
      throw new Error(
        `topic ${topics.qualifications} does not exist (the product's bootstrap creates it: start the all-in-one or the services first)`,
      );
    }
    const producer = createProducer(kafka);
    await producer.connect();
    disconnect = () => producer.disconnect();
    send = async (events) => {
      await producer.send({
        topic: topics.qualifications,
        messages: events.map((event) => ({
          key: event.uuid,
          value: serdes.qualificationEvent.encode(event),
        })),
      });
    };
  }
  // Created after the awaits above: readline drops lines emitted before iteration starts.
  const input = createInterface({
    input: file === '-' ? process.stdin : createReadStream(file),
    crlfDelay: Infinity,
  });
  const summary = await publishEvents(input, {
    send,
    batchSize: config.publishBatchSize,
    onError: ({ line, errors }) => {
      for (const error of errors) process.stderr.write(`line ${line}: ${error}\n`);
    },
  });
  await disconnect();
  process.stdout.write(
    `${summary.lines} lines: ${summary.valid} valid, ${summary.invalid} invalid, ${summary.blank} blank; ` +
      `${dryRun ? 'dry run, nothing sent' : `${summary.sent} sent to ${topics.qualifications}`}\n`,
  );
  process.exit(summary.invalid > 0 ? 1 : 0);
} catch (error) {
  process.stderr.write(`publish failed: ${(error as Error).message}\n`);
  process.exit(2);
}
