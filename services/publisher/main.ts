/**
 * `npm run publish:events -- [--dry-run] [--id-syncs] <file.jsonl | ->`: validates qualification
 * events from JSON lines (docs/publishing.md) and publishes the valid ones to
 * `<TOPIC_PREFIX>qualifications`; with `--id-syncs`, ID syncs (`{uuid, dpid, dpuuid, seenAt?}`)
 * to `<TOPIC_PREFIX>id-syncs`, keyed `<uuid>|<dpid>` as the compacted topic wants. Invalid lines are
 * printed to stderr as `line <n>: <problem>`, every problem of the line, and not sent. The summary
 * gives the rate. Exit code 0 when every line was valid, 1 when some were refused, 2 on a usage or
 * connection error.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { loadConfig } from '../../libs/config/index.ts';
import { createKafka, createProducer, topicNames } from '../../libs/kafka/index.ts';
import { createLogger } from '../../libs/runtime/logger.ts';
import {
  SchemaRegistryClient,
  createSerdes,
  type IdSync,
  type QualificationEvent,
} from '../../libs/schema/index.ts';
import { publisherConfigSchema } from './config.ts';
import { publishEvents } from './publish-events.ts';
import { validateIdSyncLine } from './validate-id-sync-line.ts';

const USAGE = 'usage: npm run publish:events -- [--dry-run] [--id-syncs] <file.jsonl | ->';
const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const idSyncs = args.includes('--id-syncs');
const files = args.filter((a) => a !== '--dry-run' && a !== '--id-syncs');
if (files.length !== 1 || files[0]!.startsWith('--')) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
const file = files[0]!;

try {
  const config = loadConfig(publisherConfigSchema);
  const logger = createLogger('publisher', config.logLevel === 'info' ? 'warn' : config.logLevel);
  const topics = topicNames(config.topicPrefix);
  const topic = idSyncs ? topics.idSyncs : topics.qualifications;
  let send: ((records: (QualificationEvent | IdSync)[]) => Promise<void>) | undefined;
  let disconnect = async () => {};
  if (!dryRun) {
    const serdes = createSerdes(new SchemaRegistryClient(config.schemaRegistryUrl), topics);
    const serde = idSyncs ? serdes.idSync : serdes.qualificationEvent;
    // Registers the reader schema under `<topic>-value` (idempotent; refused if not BACKWARD-compatible).
    await serde.register();
    const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: 'publisher', logger });
    const admin = kafka.admin();
    await admin.connect();
    const exists = (await admin.listTopics()).includes(topic);
    await admin.disconnect();
    if (!exists) {
      throw new Error(
        `topic ${topic} does not exist (the product's bootstrap creates it: start the all-in-one or the services first)`,
      );
    }
    const producer = createProducer(kafka);
    await producer.connect();
    disconnect = () => producer.disconnect();
    send = async (records) => {
      await producer.send({
        topic,
        messages: records.map((record) =>
          'dpuuid' in record
            ? { key: `${record.uuid}|${record.dpid}`, value: serdes.idSync.encode(record) }
            : { key: record.uuid, value: serdes.qualificationEvent.encode(record) },
        ),
      });
    };
  }
  // Created after the awaits above: readline drops lines emitted before iteration starts.
  const input = createInterface({
    input: file === '-' ? process.stdin : createReadStream(file),
    crlfDelay: Infinity,
  });
  const started = performance.now();
  const summary = await publishEvents<QualificationEvent | IdSync>(input, {
    send,
    batchSize: config.publishBatchSize,
    ...(idSyncs ? { validate: (line: string) => validateIdSyncLine(line) } : {}),
    onError: ({ line, errors }) => {
      for (const error of errors) process.stderr.write(`line ${line}: ${error}\n`);
    },
  });
  await disconnect();
  const seconds = (performance.now() - started) / 1000;
  const rate = Math.round(summary.lines / Math.max(seconds, 0.001));
  process.stdout.write(
    `${summary.lines} lines: ${summary.valid} valid, ${summary.invalid} invalid, ${summary.blank} blank; ` +
      `${dryRun ? 'dry run, nothing sent' : `${summary.sent} sent to ${topic}`} ` +
      `in ${seconds.toFixed(2)} s (${rate} lines/s)\n`,
  );
  process.exit(summary.invalid > 0 ? 1 : 0);
} catch (error) {
  process.stderr.write(`publish failed: ${(error as Error).message}\n`);
  process.exit(2);
}
