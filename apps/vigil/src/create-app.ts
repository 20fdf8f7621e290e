import 'reflect-metadata';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DynamicModule } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { EventStore } from '@vigil/event-store';
import { ClientAbortFilter, DomainErrorsFilter, isLoopbackHost, StoreWriteWatcher, UnavailableFilter, validationPipe, type VigilConfig } from '@vigil/platform';
import { AppModule } from './app.module';
import { closeStalledUploads, hardenedServerFactory, useHardenedJsonParser } from './http-server-hardening';
import { catalogueRoutes } from './route-catalogue';
import { refuseCrossSiteRequests } from './cross-site-guard';
import { useSecurityHeaders } from './security-headers';

export const MAX_BODY_BYTES = 1024 * 1024;

const NEST_LOG_LEVELS: Record<Exclude<VigilConfig['logLevel'], 'silent'>, LogLevel[]> = {
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/**
 * The HTTP app around a root module: the embedded AppModule by default; each distributed service
 * passes its own (docs/distributed.md), and gets the same hardening, filters and OpenAPI.
 */
export async function createApp(config: VigilConfig, options: { store?: EventStore; logger?: false; rootModule?: DynamicModule } = {}): Promise<NestFastifyApplication> {
  // Fastify answers 413 itself above the limit; the JSON parser below answers 400 to malformed,
  // too deeply nested or prototype-named bodies before any route sees them (docs/http-hardening.md).
  const adapter = new FastifyAdapter({ bodyLimit: MAX_BODY_BYTES, serverFactory: hardenedServerFactory(config.requestTimeoutMs, config.tls, MAX_BODY_BYTES) });
  catalogueRoutes(adapter.getInstance());
  refuseCrossSiteRequests(adapter.getInstance(), config.allowedOrigins);
  useHardenedJsonParser(adapter.getInstance());
  closeStalledUploads(adapter.getInstance(), config.requestTimeoutMs);
  const app = await NestFactory.create<NestFastifyApplication>(options.rootModule ?? AppModule.forRoot(config, options.store), adapter, {
    logger: options.logger === false || config.logLevel === 'silent' ? false : NEST_LOG_LEVELS[config.logLevel],
    // Held until the pino logger takes over, so start-up lines are structured too.
    bufferLogs: options.logger !== false && config.logLevel !== 'silent',
    bodyParser: false,
  });
  if (options.logger !== false && config.logLevel !== 'silent') app.useLogger(app.get(PinoLogger));
  await useSecurityHeaders(app, config.tls !== undefined);
  // CORS stays closed (no Access-Control-* headers: browsers refuse cross-origin reads) unless
  // origins are configured, and then opens only to them (docs/security.md "Cross-site requests").
  if (config.allowedOrigins.length > 0) app.enableCors({ origin: config.allowedOrigins, credentials: true });
  app.useGlobalPipes(validationPipe());
  const writeWatcher = app.get(StoreWriteWatcher);
  // The catch-all goes first: Nest tries the more specific filters registered after it before it.
  app.useGlobalFilters(new ClientAbortFilter(app.getHttpAdapter()), new DomainErrorsFilter(), new UnavailableFilter((error) => writeWatcher.noteFailure(error)));
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('Vigil API').setDescription('Sessions, gateway ingest, alarms and audit').setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json' });
  return app;
}

export async function listen(app: NestFastifyApplication, config: VigilConfig): Promise<string> {
  await app.listen(config.port, config.host);
  if (!config.tls && config.allowPlainHttp && !isLoopbackHost(config.host)) {
    new Logger('Vigil').warn(`plain HTTP on ${config.host} (VIGIL_ALLOW_PLAIN_HTTP=true): passwords and patient data cross the network in clear unless a TLS proxy sits in front`);
  }
  const url = await app.getUrl();
  new Logger('Vigil').log(`listening on ${url} (events in ${whereEventsAre(config)})`);
  return url;
}

function whereEventsAre(config: VigilConfig): string {
  switch (config.eventStore) {
    case 'postgres':
      return `PostgreSQL schema ${config.pgSchema}`;
    case 'eventstoredb':
      // The URL may carry credentials: the log names the server only.
      return `EventStoreDB at ${(config.eventStoreUrl ?? '').replace(/^esdb(\+discover)?:\/\/([^@/?#]*@)?/, '').split(/[/?#]/)[0]}`;
    case 'sqlite':
      return config.dataDir;
  }
}
