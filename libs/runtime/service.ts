/**
 * The one shape of a service (issue 15): `start-<name>.ts` exports a `ServiceDefinition` whose
 * `start` returns a `ServiceInstance` with its HTTP app built but not listening (ops routes
 * registered, plus the service's own routes), its readiness and liveness checks, and `stop`.
 * `main.ts` only runs the definition (run-service.ts: listen, signals, exit for a restart);
 * all-in-one and the test harnesses start the same definitions in-process and listen where they like.
 */
import type { TObject } from '@sinclair/typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { loadConfig, type Env } from '../config/index.ts';
import type { Logger } from './logger.ts';
import { registerOpsRoutes, type ServiceHealth } from './ops-routes.ts';

export interface StartOptions {
  logger: Logger;
  /** Kafka client id (tests give each instance its own). */
  clientId?: string;
  /** A consumer gave up restarting: main.ts exits for the process supervisor. */
  onGiveUp?(error: unknown): void;
}

export interface ServiceInstance {
  /** The HTTP app, not listening: /metrics /healthz /readyz and the service's own routes. */
  app: FastifyInstance;
  registry: Registry;
  health: ServiceHealth;
  /** Every readiness check passes now. */
  ready(): boolean;
  /** Closes the app, finishes the work in flight, leaves the groups, closes the clients. */
  stop(): Promise<void>;
}

export interface ServiceDefinition<C, I extends ServiceInstance = ServiceInstance> {
  name: string;
  configSchema: TObject;
  start(config: C, options: StartOptions): Promise<I>;
  /** Where main.ts listens. */
  address(config: C): { host: string; port: number };
  /** Logged when a signal starts the shutdown. */
  stopping: string;
}

/** A Fastify app with the ops routes of `health`, for a service to add its own routes to. */
export function opsApp(registry: Registry, health: ServiceHealth): FastifyInstance {
  const app = Fastify({ logger: false });
  registerOpsRoutes(app, registry, health.readiness, health.liveness);
  return app;
}

/** True when every readiness check answers true synchronously (what `ready()` reports). */
export function readyOf(health: ServiceHealth): () => boolean {
  return () => Object.values(health.readiness).every((check) => check() === true);
}

/** Listens and returns the base URL (an any-interface bind is reached on 127.0.0.1). */
export async function listen(app: FastifyInstance, host: string, port: number): Promise<string> {
  await app.listen({ host, port });
  return baseUrl(app, host);
}

/** Base URL of a listening app. */
export function baseUrl(app: FastifyInstance, host = '127.0.0.1'): string {
  const { port } = app.server.address() as AddressInfo;
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

/**
 * Starts a definition in this process from an environment (what main.ts reads; `overrides` replace
 * parsed values, for tests) and listens where its config says. all-in-one and the test harnesses
 * start every service this way. A listen failure stops the instance before rethrowing.
 */
export async function launchService<C, I extends ServiceInstance>(
  definition: ServiceDefinition<C, I>,
  env: Env,
  options: StartOptions & { overrides?: Partial<C> },
): Promise<{ instance: I; config: C; url: string }> {
  const { overrides, ...startOptions } = options;
  const config = { ...(loadConfig(definition.configSchema, env) as C), ...overrides };
  const instance = await definition.start(config, startOptions);
  const { host, port } = definition.address(config);
  try {
    return { instance, config, url: await listen(instance.app, host, port) };
  } catch (error) {
    await instance.stop().catch(() => undefined);
    throw error;
  }
}
