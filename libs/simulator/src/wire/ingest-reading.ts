import type { Static } from '@sinclair/typebox';
import type { BLOOD_PRESSURE_READING, GATT_READING, OXIMETRY_READING } from '@vigil/domain';

// The ingest API's reading shapes (POST /api/v1/ingest/readings), as the simulator sends them:
// the wire schema's own types (libs/domain gateway-reading.schema.ts), with `seq` always sent:
// with the device id it makes the server's reading id deterministic, so a retried batch counts as
// duplicates instead of being stored twice (docs/architecture.md "Accepted means durable").

type WithSeq<T> = Omit<T, 'seq'> & { seq: number };

export type OximetryIngestReading = WithSeq<Static<typeof OXIMETRY_READING>>;
export type BloodPressureIngestReading = WithSeq<Static<typeof BLOOD_PRESSURE_READING>>;

/** 2A5F PLX Continuous Measurement, 2A35 Blood Pressure Measurement (docs/ble-gatt.md §2.2, §3.1). */
export type GattCharacteristic = '2A5F' | '2A35';
export type GattIngestReading = Omit<WithSeq<Static<typeof GATT_READING>>, 'characteristic'> & { characteristic: GattCharacteristic };

export type IngestReading = OximetryIngestReading | BloodPressureIngestReading | GattIngestReading;

export type IngestBatch = { gatewayId: string; readings: IngestReading[] };
