/**
 * Real-time S2S delivery from the SQL queue (design: README "Real-time"). Per destination, one drain
 * at a time, in order:
 *   1. the oldest unsent batch, when due: POST it (auth, gate), then delete it (delivered: the latency
 *      from its oldest change's event time to this response is observed), dead-letter and delete it
 *      (given up), or store its next due time (retry: backoff, Retry-After);
 *      while a batch waits for its retry no newer batch is built, so a user's updates never overtake
 *      each other and a failing partner only grows its own queue (one row per user, coalesced);
 *   2. otherwise, when usersPerRequest users are queued or the oldest waited flushIntervalMs: take
 *      up to usersPerRequest users and freeze their message as a new batch (one SQL transaction).
 * The handler wakes a destination after each state commit; timers wake it when a flush interval or a
 * retry is due; a periodic rescan picks up work left by a crashed instance (claims expire).
 */
import type { DestinationLookup } from '../../libs/destinations/live-config.ts';
import { AppError } from '../../libs/errors/index.ts';
import {
  classifyCall,
  isBreakerFailure,
  type DestinationGate,
  type GateRefusal,
  type HttpOutcome,
  type RetryPolicy,
} from '../../libs/http-delivery/index.ts';
import { secretContext, type SecretBox } from '../../libs/destinations/secret-box.ts';
import type { Logger } from '../../libs/runtime/logger.ts';
import type { DestinationConfig, S2sRealTime } from '../../libs/schema/index.ts';
import { type Store } from '../../libs/store/index.ts';
import {
  claimRealTimeBatch,
  deleteRealTimeBatch,
  insertRealTimeBatch,
  oldestEventTime,
  realTimeBacklog,
  realTimeDestinationsWithWork,
  retryRealTimeBatch,
  takeRealTimeUsers,
  type RealTimeBatch,
} from './store/real-time-queue.ts';
import {
  buildMessage,
  buildRequest,
  buildTokenRequest,
  deliveryId,
  readTokenResponse,
} from './build-request.ts';
import type { S2sDeliveryMetrics } from './metrics.ts';
import type { OAuthTokenCache } from './oauth-token-cache.ts';
import type { Send } from './send.ts';

export interface GiveUp {
  batch: RealTimeBatch;
  reason: string;
  detail: string;
  status: number | null;
  attempts: number;
  deliveryId: string;
}

export interface RealTimeSenderDeps {
  store: Store;
  destinations: DestinationLookup;
  send: Send;
  gate: DestinationGate;
  tokens: OAuthTokenCache;
  secrets: SecretBox | null;
  policy: RetryPolicy;
  metrics: S2sDeliveryMetrics;
  logger: Logger;
  holder: string;
  claimMs: number;
  pollMs: number;
  tokenLifetimeMs: number;
  userAgent: string;
  syncCutoff(): number;
  /** Writes the dead letter of a batch given up (before the batch row is deleted). */
  deadLetter(giveUp: GiveUp): Promise<void>;
  now?: () => number;
}

/** The real-time settings of a destination that should be sent to now, or null. */
export function activeRealTime(destination: DestinationConfig | undefined): S2sRealTime | null {
  if (destination?.type !== 'S2S' || destination.status !== 'ACTIVE') return null;
  return destination.s2s?.realTime ?? null;
}

export class RealTimeSender {
  private readonly candidates = new Set<number>();
  private readonly running = new Map<number, Promise<void>>();
  private readonly again = new Set<number>();
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private poll: NodeJS.Timeout | undefined;
  private stopping = false;
  private readonly now: () => number;

  constructor(private readonly deps: RealTimeSenderDeps) {
    this.now = deps.now ?? Date.now;
  }

  async start(): Promise<void> {
    await this.rescan();
    this.poll = setInterval(() => {
      void this.rescan().catch((error: unknown) =>
        this.deps.logger.warn({ err: error }, 'real-time rescan failed'),
      );
    }, this.deps.pollMs);
    this.poll.unref();
  }

  wake(destinationIds: Iterable<number>): void {
    if (this.stopping) return;
    for (const id of destinationIds) {
      this.candidates.add(id);
      if (this.running.has(id)) this.again.add(id);
      else this.launch(id);
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.poll);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running.values()]);
  }

  private async rescan(): Promise<void> {
    this.wake(await realTimeDestinationsWithWork(this.deps.store));
  }

  private launch(id: number): void {
    const run = this.drain(id)
      .catch((error: unknown) => {
        this.deps.logger.warn(
          { err: error, destinationId: id },
          'real-time drain failed; retried on the next scan',
        );
      })
      .finally(() => {
        this.running.delete(id);
        if (this.again.delete(id) && !this.stopping) this.launch(id);
      });
    this.running.set(id, run);
  }

  private wakeAt(id: number, at: number): void {
    clearTimeout(this.timers.get(id));
    const timer = setTimeout(
      () => {
        this.timers.delete(id);
        this.wake([id]);
      },
      Math.max(1, at - this.now()),
    );
    this.timers.set(id, timer);
  }

  private async drain(id: number): Promise<void> {
    const { store, holder, claimMs } = this.deps;
    while (!this.stopping) {
      const destination = this.deps.destinations.destination(id);
      const realTime = activeRealTime(destination);
      // Paused or no longer real-time: the queue stays, nothing is sent (SPEC §5).
      if (destination === undefined || realTime === null) return;
      const batch = await claimRealTimeBatch(store, { destinationId: id, holder, claimMs, now: this.now() });
      if (batch !== null) {
        if (!(await this.sendBatch(destination, realTime, batch))) return;
        continue;
      }
      const backlog = await realTimeBacklog(store, id);
      if (backlog.batches > 0) {
        // Not due yet, or claimed by another instance: look again when it should be done.
        this.wakeAt(id, Math.max(backlog.nextBatchDueAt ?? 0, this.now() + Math.min(claimMs, 1000)));
        return;
      }
      if (backlog.queuedUsers === 0) return;
      const flushAt = (backlog.oldestQueuedAt ?? 0) + realTime.flushIntervalMs;
      if (backlog.queuedUsers < realTime.usersPerRequest && flushAt > this.now()) {
        this.wakeAt(id, flushAt);
        return;
      }
      await this.buildBatch(destination, realTime);
    }
  }

  private async buildBatch(destination: DestinationConfig, realTime: S2sRealTime): Promise<void> {
    const now = this.now();
    await this.deps.store.transaction(async (tx) => {
      const users = await takeRealTimeUsers(tx, {
        destinationId: destination.id,
        limit: realTime.usersPerRequest,
        syncCutoff: this.deps.syncCutoff(),
      });
      if (users.length === 0) return;
      await insertRealTimeBatch(tx, {
        destinationId: destination.id,
        body: buildMessage(destination, users, now),
        userCount: users.length,
        oldestEventTime: oldestEventTime(users),
        holder: this.deps.holder,
        claimMs: this.deps.claimMs,
        now,
      });
    });
  }

  /** One attempt; true when the batch is finished (delivered or given up). */
  private async sendBatch(
    destination: DestinationConfig,
    realTime: S2sRealTime,
    batch: RealTimeBatch,
  ): Promise<boolean> {
    const { store, metrics } = this.deps;
    const id = destination.id;
    const attempts = batch.attempts + 1;
    const firstAttemptAt = batch.firstAttemptAt ?? this.now();
    let outcome: HttpOutcome | GateRefusal;
    try {
      outcome = await this.call(destination, realTime, batch);
    } catch (error) {
      // A secret that does not decrypt: nothing to retry until the configuration changes.
      if (!AppError.is(error, 'invalid_config')) throw error;
      outcome = {
        status: null,
        retryAfter: null,
        failure: 'connection_failed',
        detail: error.message,
        durationMs: 0,
      };
    }
    const decision = classifyCall(outcome, {
      attempts,
      firstAttemptAt,
      nowMs: this.now(),
      policy: this.deps.policy,
      refusalWaitMs: typeof outcome === 'string' ? this.deps.gate.reopensInMs(id) : 0,
    });
    switch (decision.kind) {
      // Counted once the batch row is gone: a failed delete sends the batch again, counted then.
      case 'delivered': {
        const answeredAt = this.now();
        await deleteRealTimeBatch(store, batch.id);
        metrics.attempt(id, 'succeeded', outcome);
        if (batch.oldestEventTime !== null) metrics.delivered(id, batch.oldestEventTime, answeredAt);
        metrics.realTimeUsers.inc({ destination_id: String(id), outcome: 'succeeded' }, batch.userCount);
        return true;
      }
      case 'give_up':
        await this.deps.deadLetter({
          batch,
          reason: decision.reason,
          detail: decision.detail,
          status: decision.status,
          attempts: decision.attempts,
          deliveryId: deliveryId(id, batch.id),
        });
        await deleteRealTimeBatch(store, batch.id);
        metrics.attempt(id, 'given_up', outcome);
        metrics.realTimeUsers.inc({ destination_id: String(id), outcome: 'given_up' }, batch.userCount);
        return true;
      case 'retry':
        metrics.attempt(id, 'retried', outcome);
        await retryRealTimeBatch(store, batch.id, {
          attempts: decision.attempts,
          firstAttemptAt,
          dueAt: decision.dueAt,
          status: decision.status,
          reason: decision.reason,
        });
        this.wakeAt(id, decision.dueAt);
        return false;
    }
  }

  /** The POST with its auth; an OAuth2 401 drops the token and retries once with a fresh one. */
  private async call(
    destination: DestinationConfig,
    realTime: S2sRealTime,
    batch: RealTimeBatch,
  ): Promise<HttpOutcome | GateRefusal> {
    const first = await this.post(destination, realTime, batch);
    if (realTime.auth !== 'OAUTH2' || typeof first === 'string' || first.status !== 401) return first;
    this.deps.tokens.invalidate(destination.id);
    return this.post(destination, realTime, batch);
  }

  private async post(
    destination: DestinationConfig,
    realTime: S2sRealTime,
    batch: RealTimeBatch,
  ): Promise<HttpOutcome | GateRefusal> {
    const id = destination.id;
    let bearer: string | undefined;
    if (realTime.auth === 'OAUTH2') {
      const token = await this.token(destination, realTime);
      if (typeof token === 'string' || !('accessToken' in token)) return token;
      bearer = token.accessToken;
    }
    const hmacKey =
      realTime.auth === 'HMAC' && realTime.hmacKey !== null
        ? this.secrets().decrypt(realTime.hmacKey, secretContext(id, 'hmacKey'))
        : undefined;
    const request = buildRequest(realTime, batch, { bearer, hmacKey }, this.deps.userAgent);
    const result = await this.deps.gate.run(
      id,
      () => this.deps.send.post(request, realTime.timeoutMs),
      // A 401 before the token refresh is not the partner failing (a 4xx never is).
      isBreakerFailure,
    );
    if (typeof result === 'string') return result;
    this.deps.metrics.sent(id, result);
    return result;
  }

  /**
   * A cached token, or the outcome of a token request that did not yield one. The token request goes
   * through the destination's gate like its POSTs: it counts against the partner's rate limit, and a
   * token endpoint that fails opens the same circuit.
   */
  private async token(
    destination: DestinationConfig,
    realTime: S2sRealTime,
  ): Promise<{ accessToken: string } | HttpOutcome | GateRefusal> {
    const cached = this.deps.tokens.get(destination.id, destination.version);
    if (cached !== undefined) return { accessToken: cached };
    const secret = this.secrets().decrypt(
      realTime.oauthClientSecret!,
      secretContext(destination.id, 'oauthClientSecret'),
    );
    const request = buildTokenRequest(
      realTime.oauthTokenUrl!,
      realTime.oauthClientId ?? '',
      secret,
      this.deps.userAgent,
    );
    const outcome = await this.deps.gate.run(
      destination.id,
      () => this.deps.send.fetch(request, realTime.timeoutMs),
      isBreakerFailure,
    );
    if (typeof outcome === 'string') return outcome;
    if (outcome.status === null || outcome.status < 200 || outcome.status >= 300) {
      return { ...outcome, detail: `token request: ${outcome.detail || `HTTP ${outcome.status}`}` };
    }
    const token = readTokenResponse(outcome.body, this.deps.tokenLifetimeMs);
    if (token === null) {
      // A 2xx without a usable token is the partner's fault and may be transient: retried as a 5xx.
      return { ...outcome, status: 502, detail: 'token response without access_token' };
    }
    this.deps.tokens.put(destination.id, destination.version, token.accessToken, token.lifetimeMs);
    return { accessToken: token.accessToken };
  }

  private secrets(): SecretBox {
    if (this.deps.secrets === null) {
      throw new AppError('invalid_config', 'destination secrets need SECRET_KEYS in this service');
    }
    return this.deps.secrets;
  }
}
