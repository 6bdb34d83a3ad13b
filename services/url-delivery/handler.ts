/**
 * Turns due url delivery records (first attempts from deliveries.url, retries from its delay topics)
 * into partner calls and then into what to produce: a retry record per failed call (same value
 * bytes, retry headers naming that call's segments) or a dead letter per call given up (reason,
 * last status, attempts). Delivered calls produce nothing. Calls run concurrently; each goes
 * through its destination's gate (circuit breaker, in-flight cap, rate limit).
 */
import type { DestinationLookup } from '../../libs/destinations/live-config.ts';
import type { UrlDeliveryRequest } from '../../libs/schema/index.ts';
import type { DeadLetterEncoder, Message, TopicMessages } from '../../libs/kafka/index.ts';
import { deadLetterMessage } from '../../libs/kafka/index.ts';
import {
  classifyCall,
  isBreakerFailure,
  type DestinationGate,
  type RetryPolicy,
} from '../../libs/http-delivery/index.ts';
import type { DueRecord } from '../../libs/kafka/index.ts';
import { readRetryState, retryHeaders, type RetryState } from './retry-state.ts';
import type { UrlCall } from '../../libs/rendering/index.ts';
import type { Logger } from '../../libs/runtime/logger.ts';
import { buildRequest } from './build-request.ts';
import type { UrlDeliveryMetrics } from './metrics.ts';
import type { Send } from './send.ts';

export interface HandlerDeps {
  service: string;
  destinations: DestinationLookup;
  send: Send;
  gate: DestinationGate;
  metrics: UrlDeliveryMetrics;
  policy: RetryPolicy;
  retryTopics: string[];
  deadLetterTopic: string;
  deadLetterEncoder: DeadLetterEncoder;
  maxUrlBytes: number;
  logger: Logger;
  now?: () => number;
  random?: () => number;
}

type Output = { topic: string; message: Message };

/** Where a delivery request entered: its first attempt's coordinates (kept across retries). */
type Origin = RetryState['origin'];

export function createHandler(deps: HandlerDeps) {
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;

  function deadLetter(
    record: DueRecord<UrlDeliveryRequest>,
    origin: Origin,
    reason: string,
    detail: string,
    lastStatus: number | null,
    attempts: number,
  ): Output {
    return {
      topic: deps.deadLetterTopic,
      message: deadLetterMessage(
        {
          reason,
          detail,
          service: deps.service,
          sourceTopic: origin.topic,
          sourcePartition: origin.partition,
          sourceOffset: origin.offset,
          key: record.key,
          value: record.raw,
          destinationId: record.value.destinationId,
          deliveryId: record.value.deliveryId,
          attempts,
          lastStatus,
        },
        deps.deadLetterEncoder,
      ),
    };
  }

  async function handleRecord(record: DueRecord<UrlDeliveryRequest>): Promise<Output[]> {
    const request = record.value;
    const previous = readRetryState(record.headers);
    const attempts = (previous?.attempts ?? 0) + 1;
    const firstAttemptAt = previous?.firstAttemptAt ?? now();
    const origin: Origin = previous?.origin ?? {
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
    };

    const built = buildRequest(request, deps.destinations.destination(request.destinationId), {
      nowMs: now(),
      random,
      maxUrlBytes: deps.maxUrlBytes,
      onlySids: previous?.sids,
    });
    if (built.kind === 'unknown_destination') {
      deps.metrics.consumer.hooks.onDeadLetter('invalid_event', record.topic);
      const detail = `destination ${request.destinationId} is unknown`;
      return [deadLetter(record, origin, 'invalid_event', detail, null, attempts - 1)];
    }
    if (built.kind === 'skip') {
      deps.logger.debug(
        { destinationId: request.destinationId, deliveryId: request.deliveryId, reason: built.reason },
        'delivery skipped',
      );
      return [];
    }
    const outputs: Output[] = built.failures.map((failure) => {
      deps.metrics.consumer.hooks.onDeadLetter('render_failed', record.topic);
      return deadLetter(record, origin, 'render_failed', failure.error.message, null, attempts - 1);
    });
    const attempt = { attempts, firstAttemptAt, origin };
    const results =
      built.calls.length === 1
        ? [await callOnce(record, built.calls[0]!, attempt)]
        : await Promise.all(built.calls.map((call) => callOnce(record, call, attempt)));
    for (const output of results) if (output) outputs.push(output);
    return outputs;
  }

  /** One partner call of a delivery; what to produce for it (a retry or a dead letter), if anything. */
  async function callOnce(
    record: DueRecord<UrlDeliveryRequest>,
    call: UrlCall,
    attempt: { attempts: number; firstAttemptAt: number; origin: Origin },
  ): Promise<Output | null> {
    const request = record.value;
    const id = request.destinationId;
    const outcome = await deps.gate.run(id, () => deps.send(call, request.deliveryId), isBreakerFailure);
    if (typeof outcome !== 'string') {
      deps.metrics.sent(id);
      deps.metrics.requestDone(id, outcome);
    }
    const decision = classifyCall(outcome, {
      attempts: attempt.attempts,
      firstAttemptAt: attempt.firstAttemptAt,
      nowMs: now(),
      policy: deps.policy,
      refusalWaitMs: typeof outcome === 'string' ? deps.gate.reopensInMs(id) : 0,
      random,
    });
    switch (decision.kind) {
      case 'delivered':
        deps.metrics.attempt(id, 'succeeded', outcome);
        deps.metrics.delivered(id, request.eventTime, now());
        return null;
      case 'give_up':
        deps.metrics.attempt(id, 'given_up', outcome);
        deps.metrics.consumer.hooks.onDeadLetter(decision.reason, record.topic);
        return deadLetter(
          record,
          attempt.origin,
          decision.reason,
          decision.detail,
          decision.status,
          decision.attempts,
        );
      case 'retry': {
        deps.metrics.attempt(id, 'retried', outcome);
        const state: RetryState = {
          attempts: decision.attempts,
          dueAt: decision.dueAt,
          firstAttemptAt: attempt.firstAttemptAt,
          sids: call.sids,
          lastStatus: decision.status,
          lastReason: decision.reason,
          origin: attempt.origin,
        };
        const topic = deps.retryTopics[decision.tier] ?? (deps.retryTopics.at(-1) as string);
        return { topic, message: { key: record.key, value: record.raw, headers: retryHeaders(state) } };
      }
    }
  }

  return async function handle(
    records: DueRecord<UrlDeliveryRequest>[],
    settled?: (count: number) => void,
  ): Promise<TopicMessages[]> {
    const outputs = await Promise.all(
      records.map(async (record) => {
        const out = await handleRecord(record);
        settled?.(1);
        return out;
      }),
    );
    const byTopic = new Map<string, Message[]>();
    for (const { topic, message } of outputs.flat()) {
      const list = byTopic.get(topic);
      if (list) list.push(message);
      else byTopic.set(topic, [message]);
    }
    return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
  };
}
