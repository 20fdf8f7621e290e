import { EVENTSTOREDB_IMAGE } from '@vigil/event-store-eventstoredb';
import { dashboardBroadcast, loadDistributedConfig } from '@vigil/distributed';
import { ConfigError, loadConfig } from '@vigil/platform';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

// There is no Docker engine where this project is built (README "Running with Docker"), so the
// compose file is checked here for what Docker would otherwise find out at `docker compose up`.
const ROOT = join(__dirname, '..', '..');
type Service = {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  volumes?: string[];
  deploy?: { replicas?: number };
};
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const services = compose.services;
const DISTRIBUTED = ['ingest', 'sessions', 'alerting', 'dashboard'] as const;

/** Compose's own interpolation of `${NAME}` and `${NAME:-default}`, from the given variables. */
const interpolate = (text: string, variables: Record<string, string> = {}) =>
  text.replace(/\$\{([A-Z_][A-Z0-9_]*)(?::-([^}]*))?\}/g, (_match, name: string, fallback?: string) => variables[name] ?? fallback ?? '');
const environmentOf = (service: Service, variables?: Record<string, string>) =>
  Object.fromEntries(Object.entries(service.environment ?? {}).map(([key, value]) => [key, interpolate(String(value), variables)]));
const hostOf = (url: string) => new URL(url.replace(/^esdb:/, 'http:').replace(/^redis:/, 'http:').replace(/^postgres:/, 'http:'));

describe('docker-compose.yml', () => {
  it('gives every service an image or a build, and pins every image to a version', () => {
    for (const [name, service] of Object.entries(services)) {
      expect({ name, source: Boolean(service.image) !== Boolean(service.build) }).toEqual({ name, source: true });
      if (service.image) expect({ name, image: service.image }).toEqual({ name, image: expect.stringMatching(/^[a-z0-9./-]+:(?!latest$)[\w.-]+$/) });
    }
  });

  it('runs the Kafka broker version the bus suite pinned, and the EventStoreDB the adapter is tested with', () => {
    const pinned = /PINNED_KAFKA_VERSION = '([^']+)'/.exec(readFileSync(join(ROOT, 'scripts/kafka.js'), 'utf8'))?.[1];
    expect(pinned).toBeDefined();
    expect(services.kafka?.image).toBe(`apache/kafka:${pinned}`);
    expect(services.eventstore?.image).toBe(EVENTSTOREDB_IMAGE);
  });

  it('starts each service only after what it depends on exists and reports healthy', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect({ name, dependency, exists: dependency in services }).toEqual({ name, dependency, exists: true });
        expect(condition).toBe('service_healthy');
        expect({ dependency, healthcheck: (services[dependency]?.healthcheck?.test?.length ?? 0) > 0 }).toEqual({ dependency, healthcheck: true });
      }
    }
  });

  it('publishes ports on the host loopback only, each host port once, and declares every named volume', () => {
    const hostPorts: string[] = [];
    for (const [name, service] of Object.entries(services)) {
      for (const port of service.ports ?? []) {
        expect({ name, port }).toEqual({ name, port: expect.stringMatching(/^127\.0\.0\.1:\d+:\d+$/) });
        hostPorts.push(port.split(':')[1]!);
      }
      for (const volume of service.volumes ?? []) expect(Object.keys(compose.volumes)).toContain(volume.split(':')[0]);
    }
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
  });

  it.each(DISTRIBUTED)('starts %s with its npm script, on Kafka, the chosen store and Redis, after all of them', (name) => {
    const service = services[name]!;
    expect(service.build).toBe('.');
    expect(service.command).toEqual(['npm', 'run', `start:${name}`]);
    const env = environmentOf(service);
    expect(env).toMatchObject({ VIGIL_BUS: 'kafka', VIGIL_EVENT_STORE: 'eventstoredb' });
    // Each address names a service of this file, on the port that service listens on.
    const kafkaEnv = environmentOf(services.kafka!);
    expect(kafkaEnv.KAFKA_ADVERTISED_LISTENERS!.split(',')).toContain(`PLAINTEXT://${env.KAFKA_BROKERS}`);
    expect(hostOf(env.EVENTSTORE_URL!)).toMatchObject({ hostname: 'eventstore', port: '2113' });
    const pg = hostOf(env.VIGIL_PG_URL!);
    const pgEnv = environmentOf(services.postgres!);
    expect(pg).toMatchObject({ hostname: 'postgres', port: '5432', username: pgEnv.POSTGRES_USER, password: pgEnv.POSTGRES_PASSWORD, pathname: `/${pgEnv.POSTGRES_DB}` });
    // Only the dashboard uses Redis, and only when the host sets VIGIL_REDIS_URL (docs/deployment.md "Several dashboards").
    expect(env.VIGIL_REDIS_URL).toBe(name === 'dashboard' ? '' : undefined);
    expect(Object.keys(service.depends_on ?? {}).sort()).toEqual(['eventstore', 'kafka', 'postgres', 'redis']);
  });

  it.each<Record<string, string>>([{}, { VIGIL_EVENT_STORE: 'postgres' }, { VIGIL_EVENT_STORE: 'sqlite' }])('configures every Vigil service validly with %j in the environment', (variables) => {
    for (const name of [...DISTRIBUTED, 'vigil']) {
      const env = environmentOf(services[name]!, variables);
      let problems: string[] = [];
      try {
        loadConfig(env, ROOT);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        problems = error.problems;
      }
      expect({ name, problems }).toEqual({ name, problems: [] });
    }
  });

  it('runs two alerting instances, which publish no port (two could not share one)', () => {
    expect(services.alerting?.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(services.alerting?.ports).toBeUndefined();
  });

  it('keeps the embedded app: the image command, its own volume, no broker and no database server', () => {
    const vigil = services.vigil!;
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))?.[1];
    expect(vigil.command).toEqual(JSON.parse(cmd!));
    expect(vigil.depends_on).toBeUndefined();
    expect(environmentOf(vigil)).toMatchObject({ VIGIL_DATA_DIR: '/data' });
    expect(environmentOf(vigil).VIGIL_BUS).toBeUndefined();
    expect(vigil.volumes).toEqual(['vigil-data:/data']);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

  it('builds on the Node major the project runs on, and runs unprivileged', () => {
    const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    const majors = [...dockerfile.matchAll(/^FROM node:(\d+)-/gm)].map((match) => Number(match[1]));
    expect(majors.length).toBeGreaterThan(0);
    for (const major of majors) expect(major).toBe(Number(/>=(\d+)/.exec(engines)?.[1]));
    expect(dockerfile).toMatch(/^USER node$/m);
  });

  it('starts each service with an npm script the package defines, whose app exists', () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const name of DISTRIBUTED) {
      const [npm, run, script] = services[name]!.command ?? [];
      expect([npm, run]).toEqual(['npm', 'run']);
      expect(scripts[script!]).toBeDefined();
      const entry = /node (dist\/apps\/[a-z-]+)\/src\/main\.js/.exec(scripts[script!]!)?.[1];
      expect(existsSync(join(ROOT, entry!.replace(/^dist\//, ''), 'src', 'main.ts'))).toBe(true);
    }
  });

  it('keeps the compiler the services\' npm start scripts need', () => {
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).not.toMatch(/--omit=dev/);
  });
});

describe('docker-compose.yml: several dashboards', () => {
  it('passes VIGIL_REDIS_URL to the dashboard, a valid configuration with the PostgreSQL store and the compose Redis', () => {
    const variables = { VIGIL_EVENT_STORE: 'postgres', VIGIL_REDIS_URL: 'redis://redis:6379' };
    const env = environmentOf(services.dashboard!, variables);
    expect(hostOf(env.VIGIL_REDIS_URL!)).toMatchObject({ hostname: 'redis', port: '6379' });
    expect(services.redis?.healthcheck).toBeDefined();
    const distributed = loadDistributedConfig('dashboard', env);
    expect(dashboardBroadcast.problems(loadConfig(env, ROOT), distributed)).toEqual([]);
    // Without PostgreSQL there is no lease to choose the broadcaster: refused at start (exit 78).
    expect(dashboardBroadcast.problems(loadConfig(environmentOf(services.dashboard!, { VIGIL_REDIS_URL: 'redis://redis:6379' }), ROOT), distributed)).toEqual([
      'VIGIL_REDIS_URL needs VIGIL_EVENT_STORE=postgres (the broadcast lease is a PostgreSQL advisory lock), got "eventstoredb"',
    ]);
  });
});
