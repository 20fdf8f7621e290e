// Distributed mode (docs/distributed.md): the relay from the store's log to the bus, the bus-backed
// LogConsumer, the alerting lease, and the platform module the per-service apps compose. For
// composition roots (apps/ingest, apps/sessions, apps/alerting, apps/dashboard) and tests.
export * from './config/distributed-config';
export * from './relay/event-message';
export * from './relay/event-relay';
export * from './consumer/bus-log-consumer';
export * from './lease/pg-advisory-lease';
export * from './nest/tokens';
export * from './nest/open-message-bus';
export * from './nest/distributed-platform.module';
export * from './nest/relay-runner';
export * from './nest/alerting-lease';
export * from './nest/partitioned-alerting';
export * from './alerting/bus-partitioned-feed';
export * from './nest/service-health.controller';
export * from './nest/dashboard-broadcast-lease';
export * from './nest/redis-io-adapter';
export * from './nest/dashboard-broadcast';
