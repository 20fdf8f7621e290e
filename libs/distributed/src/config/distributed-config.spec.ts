import { eventsTopic, loadDistributedConfig } from './distributed-config';

describe('loadDistributedConfig', () => {
  it('defaults to the in-process bus', () => {
    expect(loadDistributedConfig('alerting', { VIGIL_INSTANCE_ID: 'a-1' })).toEqual({ bus: 'inproc', kafkaBrokers: [], instanceId: 'a-1', kafkaSessionTimeoutMs: 30000, busNamespace: '' });
  });

  it('reads the Kafka brokers', () => {
    expect(loadDistributedConfig('ingest', { VIGIL_BUS: 'kafka', KAFKA_BROKERS: '127.0.0.1:9092, h2:9093', KAFKA_SESSION_TIMEOUT_MS: '6000' })).toMatchObject({ bus: 'kafka', kafkaBrokers: ['127.0.0.1:9092', 'h2:9093'], kafkaSessionTimeoutMs: 6000 });
  });

  it('puts the namespace before the topic', () => {
    expect(eventsTopic(loadDistributedConfig('sessions', { VIGIL_BUS_NAMESPACE: 'clinic-7.' })).name).toBe('clinic-7.vigil.events');
  });

  it('names every problem at once', () => {
    expect(() => loadDistributedConfig('ingest', { VIGIL_BUS: 'kafka', KAFKA_SESSION_TIMEOUT_MS: '100', VIGIL_INSTANCE_ID: 'a b' })).toThrow(
      'invalid configuration: KAFKA_BROKERS is required when VIGIL_BUS=kafka (host:port[,host:port...]); KAFKA_SESSION_TIMEOUT_MS must be a whole number of milliseconds of at least 6000, got "100"; VIGIL_INSTANCE_ID must be 1 to 100 of A-Z a-z 0-9 . _ -, got "a b"',
    );
    expect(() => loadDistributedConfig('ingest', { VIGIL_BUS: 'rabbit' })).toThrow('VIGIL_BUS must be one of inproc, kafka, got "rabbit"');
    expect(() => loadDistributedConfig('ingest', { VIGIL_BUS: 'kafka', KAFKA_BROKERS: 'nohost' })).toThrow('KAFKA_BROKERS: "nohost" is not host:port');
  });

  it('reads the Redis URL of the dashboard broadcast, refusing other schemes without echoing a password', () => {
    expect(loadDistributedConfig('dashboard', { VIGIL_REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe('redis://127.0.0.1:6379');
    expect(loadDistributedConfig('dashboard', {}).redisUrl).toBeUndefined();
    expect(() => loadDistributedConfig('dashboard', { VIGIL_REDIS_URL: 'http://user:secret@h:6379' })).toThrow('VIGIL_REDIS_URL must start with redis:// or rediss://, got "http://"');
    expect(() => loadDistributedConfig('dashboard', { VIGIL_REDIS_URL: 'secret-but-no-url' })).toThrow('VIGIL_REDIS_URL must be a URL such as redis://127.0.0.1:6379 (it is not a URL)');
  });
});
