import { decodeCharacteristic } from './decode-characteristic';
import { bytesToHex } from './hex';
import { encodeBloodPressureMeasurement } from './encode/blood-pressure-measurement';
import { encodePlxContinuous } from './encode/plx-continuous';
import { encodePlxSpotCheck } from './encode/plx-spot-check';
import { toVitalObservation } from './vital-observation';

const observe = (characteristic: string, bytes: Uint8Array) =>
  toVitalObservation(decodeCharacteristic(characteristic, bytesToHex(bytes)));

const SET_CLOCK = { year: 2025, month: 3, day: 14, hours: 9, minutes: 26, seconds: 53 };

describe('toVitalObservation', () => {
  describe('oximetry', () => {
    it('maps PLX Continuous with its status words and the PAI as perfusion index', () => {
      expect(
        observe('2A5F', encodePlxContinuous({ spo2: 97, pulseRate: 64, measurementStatus: 0x0100, deviceAndSensorStatus: 0, pulseAmplitudeIndex: 3.2 })),
      ).toEqual({
        kind: 'oximetry',
        spo2: 97,
        pulseRate: 64,
        perfusionIndex: 3.2,
        sensorOff: false,
        specialValues: {},
        status: { measurementStatus: 0x0100, deviceAndSensorStatus: 0 },
      });
    });

    it('maps a bare PLX Continuous with empty status', () => {
      expect(observe('2A5F', encodePlxContinuous({ spo2: 95.5, pulseRate: 80 }))).toEqual({
        kind: 'oximetry',
        spo2: 95.5,
        pulseRate: 80,
        sensorOff: false,
        specialValues: {},
        status: {},
      });
    });

    it('turns special values into null and leaves out a special PAI', () => {
      expect(observe('2A5F', encodePlxContinuous({ spo2: null, pulseRate: null, pulseAmplitudeIndex: null }))).toEqual({
        kind: 'oximetry',
        spo2: null,
        pulseRate: null,
        sensorOff: false,
        specialValues: { spo2: 'NaN', pulseRate: 'NaN' },
        status: {},
      });
    });

    it.each([
      ['Sensor Unconnected to User', { deviceAndSensorStatus: 1 << 11 }],
      ['Sensor Displaced', { deviceAndSensorStatus: 1 << 13 }],
      ['Sensor Malfunctioning', { deviceAndSensorStatus: 1 << 14 }],
      ['Sensor Disconnected', { deviceAndSensorStatus: 1 << 15 }],
      ['Measurement Unavailable', { measurementStatus: 1 << 13 }],
    ])('says sensorOff for %s', (_, status) => {
      expect(observe('2A5F', encodePlxContinuous({ spo2: null, pulseRate: null, ...status }))).toMatchObject({ sensorOff: true });
      expect(observe('2A5E', encodePlxSpotCheck({ spo2: null, pulseRate: null, ...status }))).toMatchObject({ sensorOff: true });
    });

    it.each([
      ['low perfusion and every other device bit', { deviceAndSensorStatus: 0xffffff & ~((1 << 11) | (1 << 13) | (1 << 14) | (1 << 15)) }],
      ['every other measurement bit', { measurementStatus: 0xffff & ~(1 << 13) }],
    ])('does not say sensorOff for %s', (_, status) => {
      expect(observe('2A5F', encodePlxContinuous({ spo2: 90, pulseRate: 70, ...status }))).toMatchObject({ sensorOff: false });
    });

    it('passes a spot-check time stamp on as deviceTimestamp', () => {
      expect(observe('2A5E', encodePlxSpotCheck({ spo2: 96, pulseRate: 70, timestamp: SET_CLOCK }))).toEqual({
        kind: 'oximetry',
        spo2: 96,
        pulseRate: 70,
        sensorOff: false,
        specialValues: {},
        status: {},
        deviceTimestamp: SET_CLOCK,
      });
    });

    it('drops a spot-check time stamp when the device clock is not set (docs/ble-gatt.md §2.1)', () => {
      const observation = observe('2A5E', encodePlxSpotCheck({ spo2: 96, pulseRate: 70, timestamp: SET_CLOCK, deviceClockNotSet: true }));
      expect(observation).not.toHaveProperty('deviceTimestamp');
    });

    it('drops a time stamp whose date is not known (docs/ble-gatt.md §0.6)', () => {
      const unknownDate = { ...SET_CLOCK, year: 0 };
      expect(observe('2A5E', encodePlxSpotCheck({ spo2: 96, pulseRate: 70, timestamp: unknownDate }))).not.toHaveProperty(
        'deviceTimestamp',
      );
    });
  });

  describe('blood pressure', () => {
    it('maps an mmHg measurement as sent', () => {
      expect(
        observe(
          '2A35',
          encodeBloodPressureMeasurement({
            systolic: 121,
            diastolic: 79.5,
            meanArterialPressure: 93,
            timestamp: SET_CLOCK,
            pulseRate: 66,
            userId: 3,
            measurementStatus: 0x01,
          }),
        ),
      ).toEqual({
        kind: 'bloodPressure',
        systolic: 121,
        diastolic: 79.5,
        meanArterialPressure: 93,
        pulseRate: 66,
        unit: 'mmHg',
        status: { measurementStatus: 0x01 },
        deviceTimestamp: SET_CLOCK,
      });
    });

    it('converts kPa to mmHg, rounded to 0.1 (1 mmHg = 0.133322 kPa, docs/ble-gatt.md §3.1); pulse rate untouched', () => {
      // Nordic "some" vector: 18.9 / 11 / 15.9 kPa, 60 bpm
      expect(toVitalObservation(decodeCharacteristic('2A35', '15bdf00b009ff03c001200'))).toEqual({
        kind: 'bloodPressure',
        systolic: 141.8,
        diastolic: 82.5,
        meanArterialPressure: 119.3,
        pulseRate: 60,
        unit: 'mmHg',
        status: { measurementStatus: 0x12 },
      });
    });

    it('keeps unavailable pressures null in either unit', () => {
      expect(
        observe('2A35', encodeBloodPressureMeasurement({ unit: 'kPa', systolic: null, diastolic: 10, meanArterialPressure: null, pulseRate: null })),
      ).toMatchObject({ systolic: null, diastolic: 75, meanArterialPressure: null, pulseRate: null, unit: 'mmHg' });
    });

    it('omits pulse rate and status when the cuff did not send them', () => {
      const observation = observe('2A35', encodeBloodPressureMeasurement({ systolic: 120, diastolic: 80, meanArterialPressure: 93 }));
      expect(observation).toEqual({ kind: 'bloodPressure', systolic: 120, diastolic: 80, meanArterialPressure: 93, unit: 'mmHg', status: {} });
    });
  });

  it.each([
    ['0x2A36 Intermediate Cuff Pressure', '2A36', '00d7f000000000'],
    ['0x2A37 Heart Rate Measurement', '2A37', '0048'],
    ['0x2A49 Blood Pressure Feature', '2A49', 'ff01'],
    ['0x2A60 PLX Features', '2A60', '0000'],
    ['0x2A08 Date Time', '2A08', 'e20704110f3300'],
  ])('returns null for %s: not a vital reading to store (docs/ble-gatt.md §3.2)', (_, characteristic, hex) => {
    expect(toVitalObservation(decodeCharacteristic(characteristic, hex))).toBeNull();
  });
});
