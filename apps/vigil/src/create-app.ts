import 'reflect-metadata';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { EventStore } from '@vigil/event-store';
import { DomainErrorsFilter, validationPipe, type VigilConfig } from '@vigil/platform';
import { AppModule } from './app.module';

export const MAX_BODY_BYTES = 1024 * 1024;

const NEST_LOG_LEVELS: Record<Exclude<VigilConfig['logLevel'], 'silent'>, LogLevel[]> = {
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

export async function createApp(config: VigilConfig, options: { store?: EventStore; logger?: false } = {}): Promise<NestFastifyApplication> {
  // Fastify answers 413 itself above the limit and 400 to malformed JSON (issue #3).
  const adapter = new FastifyAdapter({ bodyLimit: MAX_BODY_BYTES });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options.store), adapter, {
    logger: options.logger === false || config.logLevel === 'silent' ? false : NEST_LOG_LEVELS[config.logLevel],
    bufferLogs: false,
  });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new DomainErrorsFilter());
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
  const url = await app.getUrl();
  new Logger('Vigil').log(`listening on ${url} (events in ${config.eventStore === 'postgres' ? `PostgreSQL schema ${config.pgSchema}` : config.dataDir})`);
  return url;
}
