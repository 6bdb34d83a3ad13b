/**
 * s2s-delivery (real-time JSON batches) passes the shared delivery conformance suite
 * (test/support/delivery-conformance.ts): one user per request, so one delivery is one POST.
 */
import { randomUUID } from 'node:crypto';
import { describeDeliveryConformance } from '../support/delivery-conformance.ts';
import {
  idSync,
  realTimeDestination,
  realTimeSettings,
  s2sRequest,
  startS2sHarness,
} from '../support/s2s-delivery-harness.ts';

const IDS = [611, 612];

describeDeliveryConformance({
  service: 's2s-delivery',
  destinationType: 's2s',
  permanentReason: 'http_4xx',
  destinationIds: IDS,
  async start(label, partners, { timeoutMs }) {
    const harness = await startS2sHarness(label, 'sqlite', {
      destinations: partners.map((partner, i) =>
        realTimeDestination(
          IDS[i]!,
          [1, 2],
          realTimeSettings(`${partner.base}/rt`, { usersPerRequest: 1, flushIntervalMs: 20, timeoutMs }),
        ),
      ),
    });
    return {
      env: harness.env,
      inputTopic: harness.env.topics.deliveriesS2s,
      async deliver(index, count) {
        const users = Array.from({ length: count }, () => randomUUID());
        await harness.sync(users.map((u) => idSync(u, `p-${u}`)));
        await harness.deliver(users.map((u) => s2sRequest(IDS[index]!, u, [{ sid: 1, member: true }])));
      },
      metrics: () => harness.instance.registry.metrics(),
      stop: () => harness.stop(),
    };
  },
});
