import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';

const HASH = 'a'.repeat(64);

describe('loadConfig', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'vigil-config-'))));

  const problems = (env: NodeJS.ProcessEnv): string[] => {
    try {
      loadConfig(env, dir);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it("reads the origins allowed besides the app's own, naming each one that is not an origin", () => {
    expect(loadConfig({}, dir).allowedOrigins).toEqual([]);
    expect(loadConfig({ VIGIL_ALLOWED_ORIGINS: 'https://wall.clinic, http://10.0.0.5:8080' }, dir).allowedOrigins).toEqual(['https://wall.clinic', 'http://10.0.0.5:8080']);
    expect(problems({ VIGIL_ALLOWED_ORIGINS: 'https://wall.clinic/,wall' })).toEqual([
      'VIGIL_ALLOWED_ORIGINS: "https://wall.clinic/" is not an origin (scheme://host[:port], no path or trailing slash)',
      'VIGIL_ALLOWED_ORIGINS: "wall" is not an origin (scheme://host[:port], no path or trailing slash)',
    ]);
  });

  it('refuses a non-loopback HOST without TLS unless plain HTTP is allowed, and needs both TLS files', () => {
    expect(problems({ HOST: '0.0.0.0' })).toEqual([
      'HOST=0.0.0.0 is reachable from other machines but no TLS is configured: set VIGIL_TLS_CERT and VIGIL_TLS_KEY (PEM files), or VIGIL_ALLOW_PLAIN_HTTP=true when a TLS proxy sits in front',
    ]);
    expect(loadConfig({ HOST: '0.0.0.0', VIGIL_ALLOW_PLAIN_HTTP: 'true' }, dir)).toMatchObject({ host: '0.0.0.0', allowPlainHttp: true });
    expect(problems({ HOST: '127.0.0.2' })).toEqual([]);
    expect(problems({ HOST: 'localhost' })).toEqual([]);
    expect(problems({ VIGIL_ALLOW_PLAIN_HTTP: 'yes' })).toEqual(['VIGIL_ALLOW_PLAIN_HTTP must be true or false, got "yes"']);
    expect(problems({ VIGIL_TLS_CERT: 'cert.pem' })).toEqual(['VIGIL_TLS_CERT and VIGIL_TLS_KEY go together: give both or neither']);
    writeFileSync(join(dir, 'cert.pem'), 'x');
    writeFileSync(join(dir, 'key.pem'), 'x');
    expect(loadConfig({ HOST: '0.0.0.0', VIGIL_TLS_CERT: 'cert.pem', VIGIL_TLS_KEY: 'key.pem' }, dir).tls).toEqual({ certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') });
    expect(problems({ VIGIL_TLS_CERT: 'cert.pem', VIGIL_TLS_KEY: 'nope.pem' })).toEqual([`VIGIL_TLS_KEY: file ${join(dir, 'nope.pem')} does not exist`]);
  });

  it('takes the first admin password from VIGIL_ADMIN_PASSWORD or the first line of VIGIL_ADMIN_PASSWORD_FILE', () => {
    expect(loadConfig({}, dir).adminPassword).toBeUndefined();
    expect(loadConfig({ VIGIL_ADMIN_PASSWORD: 'from the environment' }, dir).adminPassword).toBe('from the environment');
    writeFileSync(join(dir, 'admin-password'), 'from a file\nsecond line ignored\n');
    expect(loadConfig({ VIGIL_ADMIN_PASSWORD_FILE: 'admin-password' }, dir).adminPassword).toBe('from a file');
    expect(problems({ VIGIL_ADMIN_PASSWORD_FILE: 'missing' })).toEqual([`VIGIL_ADMIN_PASSWORD_FILE: file ${join(dir, 'missing')} does not exist`]);
  });

  it('defaults to port 3000 on loopback with data under ./data', () => {
    expect(loadConfig({}, dir)).toMatchObject({ host: '127.0.0.1', port: 3000, dataDir: join(dir, 'data'), logLevel: 'info', gateways: [], tickIntervalMs: 1000, eventStore: 'sqlite', pgSchema: 'vigil' });
  });

  it('prints the clinic name from VIGIL_CLINIC_NAME or clinicName, and says when none is configured', () => {
    expect(loadConfig({}, dir).clinicName).toBe('Clinic name not configured');
    expect(loadConfig({ VIGIL_CLINIC_NAME: ' Harbour Clinic ' }, dir).clinicName).toBe('Harbour Clinic');
    writeFileSync(join(dir, 'vigil.config.json'), JSON.stringify({ clinicName: 'Bay Clinic' }));
    expect(loadConfig({}, dir).clinicName).toBe('Bay Clinic');
  });

  it('reads a config file and lets environment variables win', () => {
    writeFileSync(join(dir, 'vigil.config.json'), JSON.stringify({ port: 4000, dataDir: 'store', logLevel: 'warn' }));
    expect(loadConfig({ PORT: '5000' }, dir)).toMatchObject({ port: 5000, dataDir: join(dir, 'store'), logLevel: 'warn' });
  });

  it('reports every bad value at once, naming each', () => {
    expect(problems({ PORT: 'eighty', LOG_LEVEL: 'loud', VIGIL_TICK_INTERVAL_MS: '5', VIGIL_RULES: 'missing.json' })).toEqual([
      'PORT must be an integer from 0 to 65535, got "eighty"',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
      `VIGIL_RULES: file ${join(dir, 'missing.json')} does not exist`,
      'VIGIL_TICK_INTERVAL_MS must be an integer from 10 to 60000, got "5"',
    ]);
  });

  it('chooses the event store: SQLite by default, PostgreSQL with its URL and schema', () => {
    expect(loadConfig({ VIGIL_EVENT_STORE: 'postgres', VIGIL_PG_URL: 'postgres://u@db:5432/vigil', VIGIL_PG_SCHEMA: 'clinic_a' }, dir)).toMatchObject({
      eventStore: 'postgres',
      pgUrl: 'postgres://u@db:5432/vigil',
      pgSchema: 'clinic_a',
    });
    expect(problems({ VIGIL_EVENT_STORE: 'mongodb', VIGIL_PG_URL: 'mysql://x', VIGIL_PG_SCHEMA: 'Bad-Name' })).toEqual([
      'VIGIL_EVENT_STORE must be one of sqlite, postgres, eventstoredb, got "mongodb"',
      'VIGIL_PG_URL must be a postgres:// connection string, got "mysql://x"',
      'VIGIL_PG_SCHEMA must be lower-case letters, digits and _, got "Bad-Name"',
    ]);
  });

  it('chooses EventStoreDB with its connection string, and says what is missing or wrong with it', () => {
    expect(loadConfig({ VIGIL_EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'esdb://127.0.0.1:2113?tls=false' }, dir)).toMatchObject({ eventStore: 'eventstoredb', eventStoreUrl: 'esdb://127.0.0.1:2113?tls=false' });
    expect(loadConfig({ VIGIL_EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'esdb+discover://admin:changeit@cluster.clinic:2113' }, dir).eventStoreUrl).toBe('esdb+discover://admin:changeit@cluster.clinic:2113');
    expect(loadConfig({ VIGIL_EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'esdb://a:2113,b:2113,[::1]:2113?tls=false' }, dir).eventStoreUrl).toBe('esdb://a:2113,b:2113,[::1]:2113?tls=false');
    expect(problems({ VIGIL_EVENT_STORE: 'eventstoredb' })).toEqual(['EVENTSTORE_URL is required when VIGIL_EVENT_STORE=eventstoredb (e.g. esdb://127.0.0.1:2113?tls=false)']);
    for (const bad of ['http://127.0.0.1:2113', 'esdb://', 'esdb://host name:2113', 'esdb://host:2113/path']) {
      expect(problems({ VIGIL_EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: bad })).toEqual([
        `EVENTSTORE_URL must be an esdb:// or esdb+discover:// connection string naming host:port (e.g. esdb://127.0.0.1:2113?tls=false), got "${bad}"`,
      ]);
    }
    expect(problems({ VIGIL_EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'esdb://admin:secret@bad host' })[0]).toMatch(/got "esdb:\/\/\*\*\*@bad host"$/);
    // Another store ignores it.
    expect(loadConfig({ EVENTSTORE_URL: 'nonsense' }, dir).eventStoreUrl).toBeUndefined();
  });

  it('names unknown keys and bad JSON in the config file', () => {
    writeFileSync(join(dir, 'custom.json'), JSON.stringify({ prot: 1 }));
    expect(problems({ VIGIL_CONFIG: 'custom.json' })[0]).toMatch(/unknown keys prot/);
    writeFileSync(join(dir, 'custom.json'), '{ nope');
    expect(problems({ VIGIL_CONFIG: 'custom.json' })[0]).toMatch(/custom\.json: .*JSON/);
    expect(problems({ VIGIL_CONFIG: 'absent.json' })[0]).toMatch(/VIGIL_CONFIG: file .*absent\.json does not exist/);
  });

  it('takes gateway credentials inline or from a file, as hashes only', () => {
    const gateways = [{ gatewayId: 'gw-1', tokenSha256: HASH }];
    expect(loadConfig({ VIGIL_GATEWAYS: JSON.stringify(gateways) }, dir).gateways).toEqual(gateways);
    writeFileSync(join(dir, 'gateways.json'), JSON.stringify(gateways));
    expect(loadConfig({ VIGIL_GATEWAYS: join(dir, 'gateways.json') }, dir).gateways).toEqual(gateways);
    expect(problems({ VIGIL_GATEWAYS: JSON.stringify([{ gatewayId: 'gw 1', tokenSha256: 'secret' }]) })).toEqual([
      'VIGIL_GATEWAYS[0].gatewayId must be 1-64 letters, digits, . _ : or -',
    ]);
    expect(problems({ VIGIL_GATEWAYS: JSON.stringify([{ gatewayId: 'gw-1', tokenSha256: 'plain-token' }]) })[0]).toMatch(/tokenSha256 must be the SHA-256/);
    expect(problems({ VIGIL_GATEWAYS: JSON.stringify([{ gatewayId: 'a', tokenSha256: HASH }, { gatewayId: 'b', tokenSha256: HASH }]) })[0]).toMatch(/same token/);
  });
});
