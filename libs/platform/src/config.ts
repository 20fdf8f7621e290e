import { idProblem } from '@vigil/domain';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export type GatewayCredential = { gatewayId: string; tokenSha256: string };

export type VigilConfig = {
  host: string;
  port: number;
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  gateways: GatewayCredential[];
  rulesFile?: string;
  /** Milliseconds between alert-engine clock ticks in live mode. */
  tickIntervalMs: number;
  /** A request whose headers and body have not fully arrived by then is closed (stalled uploads). */
  requestTimeoutMs: number;
  /** Oldest unprocessed reading age above which ingest sheds load with 503 and readiness fails. */
  maxProcessingLagMs: number;
  /** Overload drill only: the alert engine pauses this long before each event (0: off). */
  drillProcessingDelayMs: number;
  /** The clinic's name as printed on session reports. */
  clinicName: string;
  /** Which event-store adapter the composition root opens. */
  eventStore: 'sqlite' | 'postgres' | 'eventstoredb';
  /** PostgreSQL connection string, for eventStore "postgres". */
  pgUrl: string;
  /** PostgreSQL schema holding the store's tables (created when missing). */
  pgSchema: string;
  /** EventStoreDB connection string (`esdb://host:2113?tls=false`), required for eventStore "eventstoredb". */
  eventStoreUrl?: string;
  /** Origins besides the app's own whose pages may send state-changing requests and open the socket (docs/security.md). */
  allowedOrigins: string[];
  /** PEM certificate and key files: HTTPS when both are given (VIGIL_TLS_CERT, VIGIL_TLS_KEY). */
  tls?: { certFile: string; keyFile: string };
  /** Plain HTTP on a non-loopback address, said out loud (VIGIL_ALLOW_PLAIN_HTTP=true). */
  allowPlainHttp: boolean;
  /**
   * The first admin's password, from VIGIL_ADMIN_PASSWORD or the first line of the file
   * VIGIL_ADMIN_PASSWORD_FILE names; environment only, never a key of the config file.
   */
  adminPassword?: string;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const CONFIG_KEYS = {
  host: 'HOST',
  port: 'PORT',
  dataDir: 'VIGIL_DATA_DIR',
  logLevel: 'LOG_LEVEL',
  gateways: 'VIGIL_GATEWAYS',
  rulesFile: 'VIGIL_RULES',
  tickIntervalMs: 'VIGIL_TICK_INTERVAL_MS',
  requestTimeoutMs: 'VIGIL_REQUEST_TIMEOUT_MS',
  maxProcessingLagMs: 'VIGIL_MAX_PROCESSING_LAG_MS',
  drillProcessingDelayMs: 'VIGIL_DRILL_PROCESSING_DELAY_MS',
  clinicName: 'VIGIL_CLINIC_NAME',
  eventStore: 'VIGIL_EVENT_STORE',
  pgUrl: 'VIGIL_PG_URL',
  pgSchema: 'VIGIL_PG_SCHEMA',
  eventStoreUrl: 'EVENTSTORE_URL',
  allowedOrigins: 'VIGIL_ALLOWED_ORIGINS',
  tlsCert: 'VIGIL_TLS_CERT',
  tlsKey: 'VIGIL_TLS_KEY',
  allowPlainHttp: 'VIGIL_ALLOW_PLAIN_HTTP',
} as const;

/** Printed when no clinic name is configured, so an unconfigured report is obvious on paper. */
export const DEFAULT_CLINIC_NAME = 'Clinic name not configured';

const EVENT_STORES = ['sqlite', 'postgres', 'eventstoredb'] as const;

/**
 * Configuration from an optional JSON file (VIGIL_CONFIG, or ./vigil.config.json when present) with
 * environment variables taking precedence. Every problem is reported at once, naming the variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): VigilConfig {
  const problems: string[] = [];
  const file = readConfigFile(env, cwd, problems);
  const pick = (key: keyof typeof CONFIG_KEYS): unknown => env[CONFIG_KEYS[key]] ?? file[key];

  const host = String(pick('host') ?? '127.0.0.1');
  const port = integer(pick('port') ?? 3000, CONFIG_KEYS.port, 0, 65535, problems);
  const dataDir = resolve(cwd, String(pick('dataDir') ?? './data'));
  const logLevelRaw = String(pick('logLevel') ?? 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevelRaw)) {
    problems.push(`${CONFIG_KEYS.logLevel} must be one of ${LOG_LEVELS.join(', ')}, got "${logLevelRaw}"`);
  }
  const gateways = parseGateways(pick('gateways'), problems);
  const rulesFileRaw = pick('rulesFile');
  const rulesFile = rulesFileRaw === undefined || rulesFileRaw === '' ? undefined : resolve(cwd, String(rulesFileRaw));
  if (rulesFile && !existsSync(rulesFile)) problems.push(`${CONFIG_KEYS.rulesFile}: file ${rulesFile} does not exist`);
  const tickIntervalMs = integer(pick('tickIntervalMs') ?? 1000, CONFIG_KEYS.tickIntervalMs, 10, 60_000, problems);
  const eventStore = String(pick('eventStore') ?? 'sqlite');
  if (!(EVENT_STORES as readonly string[]).includes(eventStore)) problems.push(`${CONFIG_KEYS.eventStore} must be one of ${EVENT_STORES.join(', ')}, got "${eventStore}"`);
  const pgUrl = String(pick('pgUrl') ?? 'postgres://postgres@127.0.0.1:5432/test');
  if (!/^postgres(ql)?:\/\//.test(pgUrl)) problems.push(`${CONFIG_KEYS.pgUrl} must be a postgres:// connection string, got "${pgUrl}"`);
  const pgSchema = String(pick('pgSchema') ?? 'vigil');
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(pgSchema)) problems.push(`${CONFIG_KEYS.pgSchema} must be lower-case letters, digits and _, got "${pgSchema}"`);
  const eventStoreUrl = eventStore === 'eventstoredb' ? parseEventStoreUrl(pick('eventStoreUrl'), problems) : undefined;
  const requestTimeoutMs = integer(pick('requestTimeoutMs') ?? 30_000, CONFIG_KEYS.requestTimeoutMs, 1_000, 600_000, problems);
  const drillProcessingDelayMs = integer(pick('drillProcessingDelayMs') ?? 0, CONFIG_KEYS.drillProcessingDelayMs, 0, 10_000, problems);
  const maxProcessingLagMs = integer(pick('maxProcessingLagMs') ?? 2_000, CONFIG_KEYS.maxProcessingLagMs, 100, 600_000, problems);
  const clinicName = String(pick('clinicName') ?? '').trim() || DEFAULT_CLINIC_NAME;
  if (clinicName.length > 120) problems.push(`${CONFIG_KEYS.clinicName} must be at most 120 characters, got ${clinicName.length}`);

  const allowedOrigins = parseOrigins(pick('allowedOrigins'), problems);
  const tls = parseTls(pick('tlsCert'), pick('tlsKey'), cwd, problems);
  const allowPlainHttpRaw = String(pick('allowPlainHttp') ?? 'false');
  if (allowPlainHttpRaw !== 'true' && allowPlainHttpRaw !== 'false') problems.push(`${CONFIG_KEYS.allowPlainHttp} must be true or false, got "${allowPlainHttpRaw}"`);
  const allowPlainHttp = allowPlainHttpRaw === 'true';
  const adminPassword = readAdminPassword(env, cwd, problems);
  const plainHttp = plainHttpProblem(host, tls !== undefined, allowPlainHttp);
  if (plainHttp) problems.push(plainHttp);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    allowedOrigins,
    ...(tls ? { tls } : {}),
    allowPlainHttp,
    ...(adminPassword !== undefined ? { adminPassword } : {}),
    ...(eventStoreUrl !== undefined ? { eventStoreUrl } : {}),
    host, port, dataDir, logLevel: logLevelRaw as VigilConfig['logLevel'], gateways, rulesFile, tickIntervalMs, requestTimeoutMs, maxProcessingLagMs, drillProcessingDelayMs, clinicName, eventStore: eventStore as VigilConfig['eventStore'], pgUrl, pgSchema };
}

function readConfigFile(env: NodeJS.ProcessEnv, cwd: string, problems: string[]): Partial<Record<keyof typeof CONFIG_KEYS, unknown>> {
  const explicit = env.VIGIL_CONFIG;
  const path = resolve(cwd, explicit ?? 'vigil.config.json');
  if (!existsSync(path)) {
    if (explicit) problems.push(`VIGIL_CONFIG: file ${path} does not exist`);
    return {};
  }
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('the top level must be an object');
    const unknownKeys = Object.keys(parsed).filter((key) => !(key in CONFIG_KEYS));
    if (unknownKeys.length > 0) problems.push(`${path}: unknown keys ${unknownKeys.join(', ')} (known: ${Object.keys(CONFIG_KEYS).join(', ')})`);
    return parsed as Record<string, unknown>;
  } catch (error) {
    problems.push(`${path}: ${(error as Error).message}`);
    return {};
  }
}

function readAdminPassword(env: NodeJS.ProcessEnv, cwd: string, problems: string[]): string | undefined {
  if (env.VIGIL_ADMIN_PASSWORD) return env.VIGIL_ADMIN_PASSWORD;
  if (!env.VIGIL_ADMIN_PASSWORD_FILE) return undefined;
  const file = resolve(cwd, env.VIGIL_ADMIN_PASSWORD_FILE);
  if (!existsSync(file)) {
    problems.push(`VIGIL_ADMIN_PASSWORD_FILE: file ${file} does not exist`);
    return undefined;
  }
  return readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '';
}

/**
 * The EventStoreDB client's connection string (https://developers.eventstore.com/clients/grpc/#connection-string):
 * `esdb://` for one node or a list of nodes, `esdb+discover://` for a cluster found through DNS.
 */
function parseEventStoreUrl(raw: unknown, problems: string[]): string | undefined {
  const example = 'e.g. esdb://127.0.0.1:2113?tls=false';
  if (raw === undefined || String(raw).trim() === '') {
    problems.push(`${CONFIG_KEYS.eventStoreUrl} is required when ${CONFIG_KEYS.eventStore}=eventstoredb (${example})`);
    return undefined;
  }
  const url = String(raw).trim();
  const match = /^esdb(\+discover)?:\/\/(?:[^@/?#\s]+@)?([^/?#\s]+)\/?(\?[^#\s]*)?$/.exec(url);
  const hostsOk = match?.[2]?.split(',').every((host) => /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:]+\](:\d{1,5})?$/.test(host));
  if (!match || !hostsOk) {
    problems.push(`${CONFIG_KEYS.eventStoreUrl} must be an esdb:// or esdb+discover:// connection string naming host:port (${example}), got "${url.replace(/\/\/[^@/?#]*@/, '//***@')}"`);
    return undefined;
  }
  return url;
}

/** True for addresses only this machine reaches: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Issue 12: passwords and patient data never cross the clinic network in clear unless the
 * deployment says so (a TLS-terminating proxy in front, VIGIL_ALLOW_PLAIN_HTTP=true).
 */
export function plainHttpProblem(host: string, tls: boolean, allowPlainHttp: boolean): string | undefined {
  if (tls || allowPlainHttp || isLoopbackHost(host)) return undefined;
  return `HOST=${host} is reachable from other machines but no TLS is configured: set ${CONFIG_KEYS.tlsCert} and ${CONFIG_KEYS.tlsKey} (PEM files), or ${CONFIG_KEYS.allowPlainHttp}=true when a TLS proxy sits in front`;
}

function parseTls(certRaw: unknown, keyRaw: unknown, cwd: string, problems: string[]): VigilConfig['tls'] {
  const given = (raw: unknown) => (raw === undefined || raw === '' ? undefined : resolve(cwd, String(raw)));
  const certFile = given(certRaw);
  const keyFile = given(keyRaw);
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined || keyFile === undefined) {
    problems.push(`${CONFIG_KEYS.tlsCert} and ${CONFIG_KEYS.tlsKey} go together: give both or neither`);
    return undefined;
  }
  for (const [name, file] of [[CONFIG_KEYS.tlsCert, certFile], [CONFIG_KEYS.tlsKey, keyFile]] as const) if (!existsSync(file)) problems.push(`${name}: file ${file} does not exist`);
  return { certFile, keyFile };
}

/** `https://wall.clinic,https://b.clinic:8443` (or a JSON array in the file): each exactly an origin. */
function parseOrigins(raw: unknown, problems: string[]): string[] {
  if (raw === undefined || raw === '') return [];
  const list = Array.isArray(raw) ? raw.map(String) : String(raw).split(',').map((item) => item.trim()).filter((item) => item !== '');
  return list.filter((origin) => {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (parsed && parsed.origin === origin) return true;
    problems.push(`${CONFIG_KEYS.allowedOrigins}: "${origin}" is not an origin (scheme://host[:port], no path or trailing slash)`);
    return false;
  });
}

function integer(raw: unknown, name: string, min: number, max: number, problems: string[]): number {
  const value = typeof raw === 'number' ? raw : /^\s*-?\d+\s*$/.test(String(raw)) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer from ${min} to ${max}, got "${String(raw)}"`);
    return min;
  }
  return value;
}

/**
 * Gateway credentials: a JSON array of {gatewayId, tokenSha256}, inline or as a path to a file.
 * Only hashes are configured, so a leaked config file does not leak a usable token.
 */
function parseGateways(raw: unknown, problems: string[]): GatewayCredential[] {
  if (raw === undefined || raw === '') return [];
  let value = raw;
  if (typeof raw === 'string') {
    const text = raw.trim().startsWith('[') ? raw : existsSync(raw) ? readFileSync(raw, 'utf8') : undefined;
    if (text === undefined) {
      problems.push(`${CONFIG_KEYS.gateways} must be a JSON array or the path of a JSON file, got "${raw}"`);
      return [];
    }
    try {
      value = JSON.parse(text);
    } catch (error) {
      problems.push(`${CONFIG_KEYS.gateways}: ${(error as Error).message}`);
      return [];
    }
  }
  if (!Array.isArray(value)) {
    problems.push(`${CONFIG_KEYS.gateways} must be an array of {gatewayId, tokenSha256}`);
    return [];
  }
  const seen = new Set<string>();
  return value.flatMap((entry: unknown, index) => {
    const item = entry as Partial<GatewayCredential> | null;
    const where = `${CONFIG_KEYS.gateways}[${index}]`;
    const gatewayIdProblem = idProblem('gatewayId', item?.gatewayId);
    if (!item || item.gatewayId === undefined || gatewayIdProblem !== undefined) {
      problems.push(`${where}.${gatewayIdProblem ?? 'gatewayId is missing'}`);
      return [];
    }
    if (typeof item.tokenSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(item.tokenSha256)) {
      problems.push(`${where}.tokenSha256 must be the SHA-256 of the token as 64 lowercase hex digits`);
      return [];
    }
    if (seen.has(item.tokenSha256)) problems.push(`${where}: the same token is configured for two gateways`);
    seen.add(item.tokenSha256);
    return [{ gatewayId: item.gatewayId, tokenSha256: item.tokenSha256 }];
  });
}
