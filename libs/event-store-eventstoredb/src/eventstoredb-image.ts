/**
 * The EventStoreDB server Vigil is tested with and deployed on (docker-compose.yml, testcontainers):
 * 24.10 returns every event's log position, which the adapter needs (docs/event-store.md "EventStoreDB").
 */
export const EVENTSTOREDB_IMAGE = 'eventstore/eventstore:24.10';
