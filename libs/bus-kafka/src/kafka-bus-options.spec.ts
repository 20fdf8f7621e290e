import { parseKafkaBrokers } from './kafka-bus-options';

describe('parseKafkaBrokers (KAFKA_BROKERS)', () => {
  it('reads a comma-separated list of host:port, ignoring blanks around entries', () => {
    expect(parseKafkaBrokers('127.0.0.1:9092, kafka-2.clinic:19092,')).toEqual(['127.0.0.1:9092', 'kafka-2.clinic:19092']);
  });

  it('refuses an empty value and an entry without a port, naming it', () => {
    expect(() => parseKafkaBrokers(' , ')).toThrow('KAFKA_BROKERS is empty: expected host:port[,host:port...]');
    expect(() => parseKafkaBrokers('127.0.0.1:9092,kafka')).toThrow('KAFKA_BROKERS: "kafka" is not host:port');
  });
});
