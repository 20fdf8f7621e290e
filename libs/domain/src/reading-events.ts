// Readings as stored (DESIGN.md "Events"): kept with the gateway and device that sent them and
// both the device's measurement time and the server's receive time.
export type OximetryObserved = {
  type: 'OximetryObserved';
  data: {
    sessionId?: string;
    deviceId: string;
    gatewayId: string;
    spo2: number | null;
    pulseRate: number | null;
    perfusionIndex?: number;
    sensorOff: boolean;
    measuredAt: string;
    receivedAt: string;
    source: 'decoded' | 'gatt';
    seq?: number;
    status?: { measurementStatus?: number; deviceAndSensorStatus?: number };
  };
};

export type BloodPressureObserved = {
  type: 'BloodPressureObserved';
  data: {
    sessionId?: string;
    deviceId: string;
    gatewayId: string;
    systolic: number;
    diastolic: number;
    meanArterialPressure?: number;
    pulseRate?: number;
    measuredAt: string;
    receivedAt: string;
    source: 'decoded' | 'gatt';
    seq?: number;
    status?: { measurementStatus?: number };
  };
};

export type ReadingEvent = OximetryObserved | BloodPressureObserved;
