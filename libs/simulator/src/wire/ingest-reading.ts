// The ingest API's reading shapes (POST /api/v1/ingest/readings), as the simulator sends them.
// `seq` is always sent: with the device id it makes the server's reading id deterministic, so a
// retried batch counts as duplicates instead of being stored twice (DESIGN.md "Accepted means durable").

export type OximetryIngestReading = {
  kind: 'oximetry';
  deviceId: string;
  measuredAt: string;
  /** null while the sensor is off: the device has no value, which JSON cannot say with NaN. */
  spo2: number | null;
  pulseRate: number | null;
  perfusionIndex?: number;
  sensorOff?: boolean;
  seq: number;
};

export type BloodPressureIngestReading = {
  kind: 'bloodPressure';
  deviceId: string;
  measuredAt: string;
  systolic: number;
  diastolic: number;
  meanArterialPressure?: number;
  pulseRate?: number;
  seq: number;
};

/** 2A5F PLX Continuous Measurement, 2A35 Blood Pressure Measurement (docs/ble-gatt.md §2.2, §3.1). */
export type GattCharacteristic = '2A5F' | '2A35';

export type GattIngestReading = {
  kind: 'gatt';
  deviceId: string;
  characteristic: GattCharacteristic;
  value: string;
  receivedAt: string;
  seq: number;
};

export type IngestReading = OximetryIngestReading | BloodPressureIngestReading | GattIngestReading;

export type IngestBatch = { gatewayId: string; readings: IngestReading[] };
