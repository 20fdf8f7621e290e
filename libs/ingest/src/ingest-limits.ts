// The wire's limits live with its schema (libs/domain gateway-reading-limits.ts); ingest reads them from there.
export { MAX_GATT_HEX_LENGTH, MAX_READINGS_PER_BATCH, PHYSIOLOGICAL_RANGES } from '@vigil/domain';
