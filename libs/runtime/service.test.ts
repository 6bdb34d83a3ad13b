import { createServer, type Server } from 'node:net';
import { Type } from '@sinclair/typebox';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';
import {
  baseUrl,
  launchService,
  opsApp,
  readyOf,
  type ServiceDefinition,
  type ServiceInstance,
} from './service.ts';

const logger = createLogger('test', 'silent');
const schema = Type.Object({
  httpPort: Type.Integer({ default: 0 }),
  label: Type.String({ default: 'from-default' }),
});
type Config = { httpPort: number; label: string };

function definition(seen: { stopped: number; config?: Config }): ServiceDefinition<Config> {
  return {
    name: 'probe',
    configSchema: schema,
    stopping: 'stopping',
    address: (config) => ({ host: '127.0.0.1', port: config.httpPort }),
    async start(config): Promise<ServiceInstance> {
      seen.config = config;
      const registry = new Registry();
      let ready = false;
      const health = { readiness: { started: () => ready }, liveness: {} };
      const app = opsApp(registry, health);
      ready = true;
      return {
        app,
        registry,
        health,
        ready: readyOf(health),
        async stop() {
          seen.stopped += 1;
          await app.close();
        },
      };
    },
  };
}

let blocker: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (blocker ? blocker.close(resolve) : resolve(undefined)));
  blocker = undefined;
});

describe('launchService', () => {
  it('reads the environment, applies overrides, listens where the config says and serves the ops routes', async () => {
    const seen = { stopped: 0 } as { stopped: number; config?: Config };
    const { instance, url, config } = await launchService(
      definition(seen),
      { HTTP_PORT: '0', LABEL: 'from-env' },
      { logger, overrides: { label: 'overridden' } },
    );
    expect(config.label).toBe('overridden');
    expect(seen.config?.httpPort).toBe(0);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { started: true } });
    expect(instance.ready()).toBe(true);
    await instance.stop();
    expect(seen.stopped).toBe(1);
  });

  it('stops the started instance when it cannot listen (port taken), and rethrows', async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker!.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const seen = { stopped: 0 };
    await expect(launchService(definition(seen), { HTTP_PORT: String(port) }, { logger })).rejects.toThrow(
      /EADDRINUSE/,
    );
    expect(seen.stopped).toBe(1);
  });

  it('refuses an environment its schema rejects before starting anything', async () => {
    const seen = { stopped: 0 } as { stopped: number; config?: Config };
    await expect(launchService(definition(seen), { HTTP_PORT: 'eighty' }, { logger })).rejects.toThrow(
      /HTTP_PORT/,
    );
    expect(seen.config).toBeUndefined();
  });
});

describe('readyOf', () => {
  it('is false while any check is false, throws, or answers asynchronously', () => {
    let a = true;
    const health = {
      readiness: { a: () => a, b: () => true },
      liveness: {},
    };
    const ready = readyOf(health);
    expect(ready()).toBe(true);
    a = false;
    expect(ready()).toBe(false);
    expect(readyOf({ readiness: { later: async () => true }, liveness: {} })()).toBe(false);
  });
});

describe('baseUrl', () => {
  it('reaches an any-interface bind on 127.0.0.1 and brackets IPv6 hosts', async () => {
    const app = opsApp(new Registry(), { readiness: {}, liveness: {} });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as { port: number }).port;
    expect(baseUrl(app, '0.0.0.0')).toBe(`http://127.0.0.1:${port}`);
    expect(baseUrl(app, '::1')).toBe(`http://[::1]:${port}`);
    await app.close();
  });
});
