import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule } from '@vigil/auth';
import { DistributedConfigError, DistributedPlatformModule, loadDistributedConfig, ServiceHealthController, type DistributedConfig, type ServicePlatformOptions } from '@vigil/distributed';
import { ConfigError, loadConfig, type VigilConfig } from '@vigil/platform';
import { createApp, listen } from './create-app';
import { structuredLogging } from './structured-logging';

/** What one distributed service composes (docs/distributed.md "Services"). */
export type ServiceSpec = {
  /** The feature modules it serves (their HTTP routes, processors, gateways). */
  readonly features: readonly Type<unknown>[];
  readonly feed: (distributed: DistributedConfig) => ServicePlatformOptions['feed'];
  /** Its own providers (a lease, a relay), which may depend on its configuration. */
  readonly providers?: Provider[] | ((distributed: DistributedConfig) => Provider[]);
  /** Problems of its own configuration, reported (exit 78) with the others. */
  readonly configProblems?: (config: VigilConfig, distributed: DistributedConfig) => string[];
  /** Sets up the app before it listens (a WebSocket adapter). */
  readonly prepare?: (app: NestFastifyApplication, distributed: DistributedConfig) => void;
};

@Module({})
class ServiceRootModule {}

/** A service's root module: its feature modules over the distributed platform, staff access and readiness. */
export function serviceRootModule(config: VigilConfig, distributed: DistributedConfig, spec: ServiceSpec): DynamicModule {
  return {
    module: ServiceRootModule,
    imports: [
      structuredLogging(config),
      DistributedPlatformModule.forRoot({ config, distributed, feed: spec.feed(distributed), providers: typeof spec.providers === 'function' ? spec.providers(distributed) : (spec.providers ?? []) }),
      AuthModule,
      ...spec.features,
    ],
    controllers: [ServiceHealthController],
  };
}

/** The `main` of apps/ingest, apps/sessions, apps/alerting and apps/dashboard: configuration alone chooses the adapters. */
export function runService(service: string, spec: ServiceSpec): void {
  const start = async () => {
    let config: VigilConfig;
    let distributed: DistributedConfig;
    try {
      config = loadConfig();
      distributed = loadDistributedConfig(service);
      const problems = spec.configProblems?.(config, distributed) ?? [];
      if (problems.length > 0) throw new DistributedConfigError(problems);
    } catch (error) {
      if (error instanceof ConfigError || error instanceof DistributedConfigError) {
        process.stderr.write(`vigil-${service}: ${error.message}\n`);
        process.exit(78); // EX_CONFIG
      }
      throw error;
    }
    const app = await createApp(config, { rootModule: serviceRootModule(config, distributed, spec) });
    spec.prepare?.(app, distributed);
    await listen(app, config);
  };
  start().catch((error: unknown) => {
    process.stderr.write(`vigil-${service}: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
