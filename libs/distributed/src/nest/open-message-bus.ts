import { InProcessMessageBus, type MessageBus } from '@vigil/bus';
import type { DistributedConfig } from '../config/distributed-config';

/** The adapter VIGIL_BUS names. kafkajs is loaded only when Kafka is chosen (docs/bus.md). */
export async function openMessageBus(config: DistributedConfig): Promise<MessageBus> {
  if (config.bus === 'inproc') return new InProcessMessageBus();
  const { KafkaMessageBus } = await import('@vigil/bus-kafka');
  return KafkaMessageBus.connect({ brokers: config.kafkaBrokers, clientId: config.instanceId, sessionTimeoutMs: config.kafkaSessionTimeoutMs });
}
