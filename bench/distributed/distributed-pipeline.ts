import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuiltServiceProcess, builtMain, gatewaysEnv, makeGateway, type TestGateway } from '../../apps/vigil/src/testing/built-service-process';
import { benchStaffEnv, prepareBenchStaff, signInBenchStaff } from '../bench-staff';

// The distributed services (docs/distributed.md) as separate OS processes for the benchmark, the
// way the multi-process test starts them (test/e2e/distributed.e2e-spec.ts): one of each, over
// Kafka, on a fresh PostgreSQL schema, topics and groups in the run's own namespace.

export type ServiceName = 'sessions' | 'ingest' | 'alerting' | 'dashboard';
const SERVICES: ServiceName[] = ['sessions', 'ingest', 'alerting', 'dashboard'];

export type Pipeline = {
  readonly schema: string;
  readonly namespace: string;
  readonly gateways: TestGateway[];
  readonly services: Record<ServiceName, BuiltServiceProcess>;
  /** The bench clinician's token on each service (a shared data directory: one account file). */
  readonly staffTokens: Record<ServiceName, string>;
  stop(): Promise<void>;
};

export async function startPipeline(options: { pgUrl: string; brokers: string[]; gateways: number; nodeArgs: string[] }): Promise<Pipeline> {
  const schema = `bench_dist_${Date.now().toString(36)}_${process.pid}`;
  const namespace = `${schema}.`;
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-dist-'));
  const gateways = Array.from({ length: options.gateways }, (_, i) => makeGateway(`gw-bench-${i}`));
  const env = {
    VIGIL_EVENT_STORE: 'postgres',
    VIGIL_PG_URL: options.pgUrl,
    VIGIL_PG_SCHEMA: schema,
    VIGIL_BUS: 'kafka',
    KAFKA_BROKERS: options.brokers.join(','),
    VIGIL_BUS_NAMESPACE: namespace,
    VIGIL_GATEWAYS: gatewaysEnv(gateways),
    ...benchStaffEnv(),
  };
  const services = Object.fromEntries(
    SERVICES.map((name) => [name, new BuiltServiceProcess(builtMain(name), dataDir, { env, nodeArgs: options.nodeArgs, beforeStart: prepareBenchStaff })]),
  ) as Record<ServiceName, BuiltServiceProcess>;
  const stop = async () => {
    // SIGTERM (each service closes its bus and store), then whatever still runs after 10 s is killed.
    await Promise.all(
      Object.values(services).map(async (service) => {
        const timer = setTimeout(() => void service.kill('SIGKILL'), 10_000);
        await service.kill('SIGTERM');
        clearTimeout(timer);
      }),
    );
    const { PostgresEventStore } = await import('@vigil/event-store-postgres');
    await PostgresEventStore.dropSchema(options.pgUrl, schema);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // One after another, as the multi-process test does: the first creates the schema.
    for (const name of SERVICES) await services[name].start(90_000);
    const staffTokens = {} as Record<ServiceName, string>;
    for (const name of SERVICES) staffTokens[name] = await signInBenchStaff(services[name].url);
    return { schema, namespace, gateways, services, staffTokens, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A service's health body, whatever its status (a 503 still names positions and problems). */
export async function healthOf(service: BuiltServiceProcess): Promise<any> {
  return (await fetch(`${service.url}/api/v1/health`)).json();
}
