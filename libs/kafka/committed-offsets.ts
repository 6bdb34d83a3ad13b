/**
 * Reads a consumer group's committed offset of one partition from the group coordinator (one
 * admin client, opened on first use). The exactly-once runner asks it where to resume after a
 * transaction whose outcome it did not hear (consumer-runner.ts).
 */
import type { Admin, Kafka } from 'kafkajs';

export class CommittedOffsets {
  private admin: Promise<Admin> | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
  ) {}

  /** The committed offset (the next record to read), or undefined when the group has none. */
  async read(topic: string, partition: number): Promise<bigint | undefined> {
    const admin = await this.connect();
    const [entry] = await admin.fetchOffsets({ groupId: this.groupId, topics: [topic] });
    const found = entry?.partitions.find((p) => p.partition === partition);
    if (found === undefined || Number(found.offset) < 0) return undefined;
    return BigInt(found.offset);
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.then((a) => a.disconnect()).catch(() => undefined);
  }

  private connect(): Promise<Admin> {
    if (this.admin === undefined) {
      const admin = this.kafka.admin();
      const connected = admin.connect().then(() => admin);
      connected.catch(() => {
        if (this.admin === connected) this.admin = undefined;
      });
      this.admin = connected;
    }
    return this.admin;
  }
}
