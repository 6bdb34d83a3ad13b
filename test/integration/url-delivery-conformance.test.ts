/** url-delivery passes the shared delivery conformance suite (test/support/delivery-conformance.ts). */
import { urlDestination } from '../support/destinations.ts';
import { describeDeliveryConformance } from '../support/delivery-conformance.ts';
import { testEnvironment } from '../support/stack.ts';
import { produceRequests, startHarness, urlRequest } from '../support/url-delivery-harness.ts';

const IDS = [11, 12];

describeDeliveryConformance({
  service: 'url-delivery',
  destinationType: 'url',
  permanentReason: 'http_4xx',
  destinationIds: IDS,
  async start(label, partners, { timeoutMs }) {
    const env = await testEnvironment(label);
    const destinations = partners.map((partner, i) =>
      urlDestination(IDS[i]!, [101, 102], {
        url: {
          serialize: true,
          baseUrl: `${partner.base}/px?s=%alias%&u=%did%`,
          secureUrl: null,
          delimiter: ',',
          referrerPolicy: 'HIDE',
        },
      }),
    );
    const harness = await startHarness(env, destinations, { responseTimeoutMs: timeoutMs });
    return {
      env,
      inputTopic: env.topics.deliveriesUrl,
      deliver: (index, count) =>
        produceRequests(
          env,
          harness.producer,
          Array.from({ length: count }, () => urlRequest(IDS[index]!)),
        ),
      metrics: () => harness.service.registry.metrics(),
      stop: () => harness.stop(),
    };
  },
});
