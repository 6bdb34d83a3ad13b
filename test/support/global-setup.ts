/**
 * Where the integration tests find Kafka and the schema registry:
 *   1. KAFKA_BROKERS and SCHEMA_REGISTRY_URL from the environment win (the local stack, CI, a cluster);
 *   2. else, when a Docker engine answers, testcontainers starts Kafka and Apicurio Registry;
 *   3. else fail at once, naming the command that starts the local stack.
 * On a local broker (1.), topics left by earlier runs are deleted first (remove-test-topics.ts).
 * No test skips because a service is missing. First, dist/ is rebuilt when a source changed.
 */
import { execFileSync } from 'node:child_process';
import { ROOT } from './compiled-entry.ts';
import { removeTestTopics } from './remove-test-topics.ts';
import { warmUpBroker } from './warm-up-broker.ts';

export default async function setup(): Promise<(() => Promise<void>) | void> {
  // The tests that start a service as its own process run the compiled build, as deployed.
  execFileSync(process.execPath, ['deploy/tools/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'inherit' });
  if (process.env.KAFKA_BROKERS && process.env.SCHEMA_REGISTRY_URL) {
    await assertReachable(process.env.SCHEMA_REGISTRY_URL);
    const brokers = process.env.KAFKA_BROKERS.split(',');
    await warmUpBroker(brokers);
    const removed = await removeTestTopics(brokers);
    if (removed > 0) console.info(`removed ${removed} topics left by earlier test runs`);
    return;
  }
  const { getContainerRuntimeClient, GenericContainer, Wait } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch {
    throw new Error(
      'Integration tests need Kafka and a schema registry. Start the local stack with `npm run stack:up` and ' +
        'export the variables it prints (KAFKA_BROKERS, SCHEMA_REGISTRY_URL), or run `npm test`, which does both; ' +
        'on a machine with Docker, testcontainers starts them instead.',
    );
  }
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const kafka = await new KafkaContainer('confluentinc/cp-kafka:8.0.0').start();
  const registry = await new GenericContainer('apicurio/apicurio-registry:3.3.3')
    .withEnvironment({ APICURIO_RULES_GLOBAL_COMPATIBILITY: 'BACKWARD' })
    .withExposedPorts(8080)
    .withWaitStrategy(Wait.forHttp('/apis/ccompat/v7/subjects', 8080))
    .start();
  process.env.KAFKA_BROKERS = `${kafka.getHost()}:${kafka.getMappedPort(9093)}`;
  process.env.SCHEMA_REGISTRY_URL = `http://${registry.getHost()}:${registry.getMappedPort(8080)}/apis/ccompat/v7`;
  await warmUpBroker(process.env.KAFKA_BROKERS.split(','));
  return async () => {
    await registry.stop();
    await kafka.stop();
  };
}

async function assertReachable(url: string): Promise<void> {
  try {
    const response = await fetch(`${url}/subjects`, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    throw new Error(
      `SCHEMA_REGISTRY_URL=${url} does not answer (${(error as Error).message}); start the local stack with \`npm run stack:up\`.`,
    );
  }
}
