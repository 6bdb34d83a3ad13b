// Readiness probe of the local 3-broker cluster, used by stack.sh (the Maven runtime has no
// kafka-tools jar, so no kafka-topics.sh): exits 0 when the cluster metadata lists the expected
// number of brokers and every partition of every topic (internal ones included) has its full
// replica set in sync; exits 1 otherwise, printing what is missing.
//
//   node deploy/local/cluster-check.mjs <brokers,comma,separated> <expected broker count>
// eslint-disable-next-line no-restricted-imports -- a stand-alone probe run by stack.sh with plain node (no tsx), outside the services
import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;
const [brokerList, expected] = process.argv.slice(2);
const kafka = new Kafka({
  clientId: 'stack-cluster-check',
  brokers: brokerList.split(','),
  logLevel: logLevel.NOTHING,
  connectionTimeout: 1500,
  requestTimeout: 5000,
  retry: { retries: 0 },
});
const admin = kafka.admin();
try {
  await admin.connect();
  const { brokers } = await admin.describeCluster();
  if (brokers.length < Number(expected)) {
    console.log(`brokers in metadata: ${brokers.map((b) => b.nodeId).join(',')} (want ${expected})`);
    process.exit(1);
  }
  const names = await admin.listTopics();
  const { topics } = names.length > 0 ? await admin.fetchTopicMetadata({ topics: names }) : { topics: [] };
  const short = [];
  for (const topic of topics)
    for (const p of topic.partitions)
      if (p.isr.length < p.replicas.length || p.leader < 0) short.push(`${topic.name}-${p.partitionId}`);
  if (short.length > 0) {
    console.log(
      `under-replicated: ${short.slice(0, 5).join(' ')}${short.length > 5 ? ` (+${short.length - 5})` : ''}`,
    );
    process.exit(1);
  }
  process.exit(0);
} catch (error) {
  console.log(`not reachable: ${error.message}`);
  process.exit(1);
}
