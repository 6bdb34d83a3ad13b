/**
 * What can be checked of the deployment files without a Docker engine or a cluster: they parse;
 * every service, command, port, env var and file path they name exists in the repo; env vars are
 * keys of the service's config schema and load (loadConfig) with the values given; ports agree
 * with docs/metrics.md and deploy/prometheus/prometheus.yml; probes hit /healthz and /readyz.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TObject } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { describeConfig, loadConfig, type Env } from '../../libs/config/index.ts';
import { topicNames } from '../../libs/kafka/index.ts';
import { SERVICE_CONFIGS } from '../../services/service-configs.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** The services deployed as their own container / Deployment (+ the bootstrap one-shot). */
const DEPLOYED = [
  'destination-builder',
  'router',
  'url-delivery',
  'cookie-delivery',
  's2s-delivery',
  'lag-exporter',
  'bootstrap',
];
const SCHEMAS: Record<string, TObject> = Object.fromEntries(
  DEPLOYED.map((name) => [name, SERVICE_CONFIGS[name]!]),
);
const PORT_VARIABLE: Record<string, string> = { 'destination-builder': 'PORT' };
const portVariable = (service: string) => PORT_VARIABLE[service] ?? 'HTTP_PORT';
const variables = (service: string) => new Set(describeConfig(SCHEMAS[service]!).map((row) => row.variable));

/** Ports of docs/metrics.md's table and of the Prometheus scrape config. */
function documentedPorts(): Map<string, number> {
  const ports = new Map<string, number>();
  for (const [, service, port] of read('docs/metrics.md').matchAll(/^\| ([a-z0-9-]+) \| (\d{4}) \|$/gm)) {
    ports.set(service!, Number(port));
  }
  return ports;
}

/** `${VAR:-default}` / `${VAR:?message}` / `${VAR}` as compose would substitute them with an empty environment plus these values. */
function substitute(value: string, given: Env): string {
  return value.replace(
    /\$\{([A-Z_]+)(?::?([-?])([^}]*))?\}/g,
    (_, name: string, kind?: string, rest?: string) => given[name] ?? (kind === '-' ? (rest ?? '') : ''),
  );
}
const SECRET_SAMPLE: Env = {
  SECRET_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  ADMIN_TOKEN: 'x'.repeat(32),
};

interface ComposeService {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  read_only?: boolean;
}

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml'), { merge: true }) as {
    services: Record<string, ComposeService>;
  };
  const products = Object.entries(compose.services).filter(([, s]) => s.image === 'segdest:local');

  it('runs every product service from the one image, plus Kafka (KRaft), a registry, PostgreSQL, Prometheus and Grafana', () => {
    expect(products.map(([name]) => name).sort()).toEqual(Object.keys(SCHEMAS).sort());
    expect(compose.services.kafka?.image).toMatch(/^apache\/kafka:/);
    expect(compose.services.kafka?.environment?.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(compose.services['schema-registry']?.image).toMatch(/schema-registry/);
    expect(compose.services.postgres?.image).toMatch(/^postgres:/);
    for (const [name, service] of products) {
      expect(service.build, name).toBe('.');
      expect(service.command, name).toEqual([name]);
      expect(existsSync(join(ROOT, 'services', name, 'main.ts')), name).toBe(true);
      // What the image's entrypoint runs for this command (the global setup built dist/).
      expect(existsSync(join(ROOT, 'dist/services', name, 'main.js')), name).toBe(true);
      expect(service.read_only, name).toBe(true);
    }
  });

  it('gives each service only variables of its config schema, and they load', () => {
    for (const [name, service] of products) {
      const env = Object.fromEntries(
        Object.entries(service.environment ?? {}).map(([key, value]) => [
          key,
          substitute(String(value), SECRET_SAMPLE),
        ]),
      );
      const unknown = Object.keys(env).filter((key) => !variables(name).has(key));
      expect(unknown, `${name}: variables not in its config schema`).toEqual([]);
      expect(() => loadConfig(SCHEMAS[name]!, env), name).not.toThrow();
    }
  });

  it('publishes and health-checks each service on the port of docs/metrics.md and prometheus.yml', () => {
    const ports = documentedPorts();
    const scrape = read('deploy/prometheus/prometheus.yml');
    for (const [name, service] of products.filter(([n]) => n !== 'bootstrap')) {
      const port = ports.get(name);
      expect(port, `${name} in docs/metrics.md`).toBeDefined();
      expect(service.environment?.[portVariable(name)], name).toBe(String(port));
      expect(service.ports, name).toEqual([`${port}:${port}`]);
      expect(service.healthcheck?.test, name).toEqual([
        'CMD',
        'node',
        'deploy/docker/healthcheck.mjs',
        String(port),
        '/readyz',
      ]);
      expect(scrape, name).toContain(`targets: ['${name}:${port}']`);
    }
  });

  it('mounts files that exist (Prometheus rules, Grafana provisioning and dashboards)', () => {
    const mounts = Object.values(compose.services)
      .flatMap((s) => s.volumes ?? [])
      .filter((v) => v.startsWith('./'));
    expect(mounts.length).toBeGreaterThanOrEqual(4);
    for (const mount of mounts) expect(existsSync(join(ROOT, mount.split(':')[0]!)), mount).toBe(true);
    expect(mounts).toContain('./deploy/prometheus/rules:/etc/prometheus/rules:ro');
    expect(mounts).toContain('./deploy/grafana/dashboards:/var/lib/grafana/dashboards/segdest:ro');
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  /** The stages, by name: their FROM image and instructions. */
  const stages = new Map<string, { image: string; lines: string[] }>();
  let current: string[] = [];
  for (const line of dockerfile.replace(/\\\n/g, ' ').split('\n')) {
    const from = /^FROM (\S+) AS (\S+)$/.exec(line);
    if (from) {
      current = [];
      stages.set(from[2]!, { image: from[1]!, lines: current });
    } else if (/^[A-Z]+ /.test(line)) current.push(line);
  }
  const stage = (name: string) => {
    const found = stages.get(name);
    expect(found, `stage ${name}`).toBeDefined();
    return found!;
  };
  const build = JSON.parse(read('tsconfig.build.json')) as { compilerOptions: { outDir: string } };
  const entrypoint = read('deploy/docker/entrypoint.sh');

  it('builds the UI and the JavaScript in a build stage, on Node 24', () => {
    expect([...stages.keys()]).toEqual(['build', 'deps', 'runtime']);
    for (const { image } of stages.values()) expect(image).toMatch(/^node:24-bookworm(-slim)?$/);
    const { lines } = stage('build');
    expect(lines).toContain('RUN npm ci --no-audit --no-fund');
    expect(lines.some((l) => /^RUN .*node deploy\/tools\/build\.mjs$/.test(l))).toBe(true);
    expect(lines).toContain('COPY tsconfig.json tsconfig.build.json ./');
  });

  it('ships the build output where the entrypoint runs it, production dependencies only, no compiler', () => {
    const workdir = (name: string) =>
      stage(name)
        .lines.find((l) => l.startsWith('WORKDIR '))!
        .slice('WORKDIR '.length);
    const runtime = stage('runtime').lines;
    // build stage: <WORKDIR>/<outDir> -> runtime: /app/<outDir>; the entrypoint runs /app/<outDir>/services/<name>/main.js
    expect(runtime).toContain(
      `COPY --from=build ${workdir('build')}/${build.compilerOptions.outDir} ./${build.compilerOptions.outDir}`,
    );
    expect(workdir('runtime')).toBe('/app');
    expect(entrypoint).toContain(`main="/app/${build.compilerOptions.outDir}/services/\${service}/main.js"`);
    expect(entrypoint).toMatch(/exec node (--enable-source-maps )?"\$main"/);
    expect(stage('deps').lines.some((l) => l.includes('npm ci --omit=dev'))).toBe(true);
    expect(runtime).toContain(`COPY --from=deps ${workdir('deps')}/node_modules ./node_modules`);
    // package.json for "type": "module" (dist/ is ESM); no sources, no tsconfig, no tsx, no npm.
    expect(runtime).toContain('COPY package.json ./');
    for (const line of runtime) {
      expect(line).not.toMatch(/COPY .*\b(libs|services|schemas|tsconfig\.json)\b/);
      expect(line).not.toMatch(/\btsx\b|typescript/);
    }
    expect(runtime.some((l) => l.startsWith('RUN rm -rf /usr/local/lib/node_modules/npm'))).toBe(true);
  });

  it('runs as a non-root user that cannot write the files it runs', () => {
    const runtime = stage('runtime').lines;
    expect(runtime).toContain('USER node');
    for (const line of runtime.filter((l) => l.startsWith('COPY'))) expect(line).not.toMatch(/--chown/);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["\/app\/deploy\/docker\/entrypoint.sh"\]$/m);
  });

  it('copies paths that exist, and every main the entrypoint can run was built', () => {
    for (const [, sources] of dockerfile.matchAll(/^COPY (?!--from)(?:--chown=\S+ )?(.+) \S+$/gm)) {
      for (const source of sources!.split(' ')) expect(existsSync(join(ROOT, source)), source).toBe(true);
    }
    const mains = readdirSync(join(ROOT, 'services')).filter((name) =>
      existsSync(join(ROOT, 'services', name, 'main.ts')),
    );
    expect(mains.length).toBeGreaterThanOrEqual(9);
    for (const name of mains) {
      expect(existsSync(join(ROOT, build.compilerOptions.outDir, 'services', name, 'main.js')), name).toBe(
        true,
      );
    }
    // What the compiled code reads beside itself (deploy/tools/build.mjs copies it).
    for (const asset of [
      'schemas/qualification-event.avsc',
      'services/lag-exporter/status-page.html',
      'build-info.json',
    ])
      expect(existsSync(join(ROOT, build.compilerOptions.outDir, asset)), asset).toBe(true);
  });
});

interface K8sObject {
  kind: string;
  metadata: { name: string };
  spec: Record<string, unknown>;
  data?: Record<string, string>;
}
interface Container {
  image: string;
  args: string[];
  env?: { name: string }[];
  envFrom?: { configMapRef: { name: string } }[];
  ports: { containerPort: number }[];
  livenessProbe: { httpGet: { path: string } };
  readinessProbe: { httpGet: { path: string } };
  resources: { requests: { cpu: string; memory: string } };
}

describe('deploy/k8s', () => {
  const objects: K8sObject[] = readdirSync(join(ROOT, 'deploy/k8s'))
    .filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml')
    .flatMap((file) =>
      parseAllDocuments(read(`deploy/k8s/${file}`)).map((doc) => {
        expect(doc.errors, file).toEqual([]);
        return doc.toJS() as K8sObject;
      }),
    );
  const of = (kind: string) => objects.filter((o) => o.kind === kind);
  const configMap = of('ConfigMap').find((o) => o.metadata.name === 'segdest-common')!;
  const containerOf = (o: K8sObject) =>
    (o.spec.template as { spec: { containers: Container[] } }).spec.containers[0]!;

  it('has a Deployment, Service and PodDisruptionBudget per service, all listed in kustomization.yaml', () => {
    const services = Object.keys(SCHEMAS)
      .filter((s) => s !== 'bootstrap')
      .sort();
    expect(
      of('Deployment')
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(services);
    expect(
      of('Service')
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(services);
    expect(
      of('PodDisruptionBudget')
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(services);
    const kustomization = parse(read('deploy/k8s/kustomization.yaml')) as { resources: string[] };
    for (const resource of kustomization.resources)
      expect(existsSync(join(ROOT, 'deploy/k8s', resource)), resource).toBe(true);
    expect(kustomization.resources.length).toBe(
      readdirSync(join(ROOT, 'deploy/k8s')).filter((f) => f.endsWith('.yaml')).length - 1,
    );
  });

  it('runs each Deployment with its own service, schema variables, documented port, probes and requests', () => {
    const ports = documentedPorts();
    for (const deployment of [...of('Deployment'), ...of('Job')]) {
      const container = containerOf(deployment);
      const service = container.args[0]!;
      expect(container.image).toMatch(/^segdest:/);
      expect(existsSync(join(ROOT, 'services', service, 'main.ts')), service).toBe(true);
      expect(existsSync(join(ROOT, 'dist/services', service, 'main.js')), service).toBe(true);
      const names = [
        ...(container.env ?? []).map((e) => e.name),
        ...(container.envFrom ?? []).flatMap((from) => {
          expect(from.configMapRef.name).toBe('segdest-common');
          return Object.keys(configMap.data ?? {});
        }),
      ];
      expect(
        names.filter((n) => !variables(service).has(n)),
        `${service}: variables not in its schema`,
      ).toEqual([]);
      expect(container.resources.requests.cpu, service).toBeTruthy();
      expect(container.resources.requests.memory, service).toBeTruthy();
      if (deployment.kind === 'Job') continue;
      expect(container.ports[0]?.containerPort, service).toBe(ports.get(service));
      const portEnv = (container.env ?? []) as { name: string; value?: string }[];
      expect(portEnv.find((e) => e.name === portVariable(service))?.value, service).toBe(
        String(ports.get(service)),
      );
      expect(container.livenessProbe.httpGet.path).toBe('/healthz');
      expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    }
  });

  it('scales each consumer on the lag of its own group and input topic (KEDA Kafka scaler)', () => {
    const topics = new Set(Object.values(topicNames()).flat());
    const scaled = of('ScaledObject');
    expect(scaled.map((o) => o.metadata.name).sort()).toEqual([
      'cookie-delivery',
      'router',
      's2s-delivery',
      'url-delivery',
    ]);
    for (const object of scaled) {
      const name = object.metadata.name;
      expect((object.spec.scaleTargetRef as { name: string }).name).toBe(name);
      const trigger = (object.spec.triggers as { type: string; metadata: Record<string, string> }[])[0]!;
      expect(trigger.type).toBe('kafka');
      const groupDefault = loadConfig(SCHEMAS[name]!, {}) as { groupId: string };
      expect(trigger.metadata.consumerGroup, name).toBe(groupDefault.groupId);
      expect(topics.has(trigger.metadata.topic!), trigger.metadata.topic).toBe(true);
      expect(Number(object.spec.maxReplicaCount)).toBeLessThanOrEqual(12);
    }
  });
});
