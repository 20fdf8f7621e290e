import { bytesToHex, encodeBloodPressureMeasurement, encodePlxContinuous } from '@vigil/ble';
import { allEvents, withAppStore } from '../support/app-store';
import { gatewaysEnv, makeGateway, VigilProcess } from '../support/vigil-process';

// Issue #3's fuzz criterion: at least 10,000 random and mutated bodies against the built app; every
// answer is 202 or 4xx, the server stays up, and the store holds exactly the readings answered as
// accepted, none of them from a rejected reading. Deterministic: FUZZ_SEED replays a run.
// No time budget: the criterion is a count of bodies, and speed is the benchmark's business.
jest.setTimeout(600_000);

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_129);
const BODIES = Number(process.env.FUZZ_BODIES ?? 10_400);
const REQUIRED_BODIES = 10_000;
const IN_FLIGHT = 16;
const INGEST = '/api/v1/ingest/readings';
const MIB = 1024 * 1024;

// The issue's physiological ranges (and the perfusion index, a percentage); the oracle is written
// here from the issue text rather than imported from the code under test.
const RANGES: Record<string, [number, number]> = { spo2: [0, 100], pulseRate: [20, 300], systolic: [40, 300], diastolic: [20, 200], perfusionIndex: [0, 100] };

/** mulberry32: small, fast and seedable; Math.random would make a failure unrepeatable. */
class Prng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  decimal(min: number, max: number, digits = 1): number {
    const scale = 10 ** digits;
    return Math.round((min + this.next() * (max - min)) * scale) / scale;
  }
}

type Reading = Record<string, unknown>;
type Request = { headers: Record<string, string>; body: string | Uint8Array<ArrayBuffer>; generator: string };
type Outcome = { generator: string; status: number; text: string; body: string | Uint8Array } | { generator: string; error: string };

// Device and session ids include every stream-category prefix and Object.prototype's names: an id
// must never act as another kind of record (a device `binding-X` writing into X's binding stream).
const SESSIONS: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  'ox-b1': 'fz-1',
  'bp-b1': 'fz-1',
  'ox-b2': 'fz-2',
  'ox-b3': 'fz-3',
  'bp-b2': 'fz-3',
  'session-ox': 'constructor',
  'device-binding-ox-b2': '__proto__',
  hasOwnProperty: 'toString',
  'device-bp': 'valueOf',
});
const DEVICES = [...Object.keys(SESSIONS), 'ox-u1', 'ox-u2', 'bp-u1', 'device-ox-b1', 'session-fz-1', 'constructor', '__proto__', 'binding-ox-b1', 'binding-'];
// Deep nesting is spliced into the text: JSON.stringify itself would overflow the stack.
const DEEP = /"__deep_(\d+)__"/g;
const nested = (depth: number): string => `__deep_${depth}__`;
const stringify = (value: unknown): string =>
  (JSON.stringify(value) ?? 'null').replace(DEEP, (_, depth: string) => `${'['.repeat(Number(depth))}1${']'.repeat(Number(depth))}`);

/** Every kind of body the issue lists, drawn from one seeded generator. */
class BodyFactory {
  private readonly sent: string[] = [];

  constructor(
    private readonly rng: Prng,
    private readonly gatewayId: string,
    private readonly token: string,
    private readonly otherGatewayId: string,
  ) {}

  next(): Request {
    const r = this.rng.next();
    if (r < 0.3) return this.json('valid', this.batch(this.readings()));
    if (r < 0.6) return this.json('mutated readings', this.batch(this.readings().map((reading) => (this.rng.chance(0.4) ? this.mutate(reading) : reading))));
    if (r < 0.67) return this.json('random JSON', this.randomJson(4));
    if (r < 0.74) return this.json('mutated batch', this.mutateBatch());
    if (r < 0.81) return this.notJson();
    if (r < 0.85) return this.wrongContentType();
    if (r < 0.91 && this.sent.length > 0) return this.withAuth('re-post', this.rng.pick(this.sent));
    if (r < 0.94 && this.sent.length > 0) return this.withAuth('re-post changed', this.rng.pick(this.sent).replace(/"spo2":(\d+)/, (_, v: string) => `"spo2":${(Number(v) + 1) % 101}`));
    if (r < 0.98) return this.badAuth();
    if (r < 0.985) return this.withAuth('over 1 MiB', JSON.stringify({ ...this.batch(this.readings()), padding: 'x'.repeat(MIB) }));
    return this.json('valid', this.batch(this.readings()));
  }

  private json(generator: string, value: unknown): Request {
    const text = stringify(value);
    if (generator === 'valid' && this.sent.length < 2000) this.sent.push(text);
    return this.withAuth(generator, text);
  }

  private withAuth(generator: string, body: string | Uint8Array<ArrayBuffer>, contentType = 'application/json'): Request {
    return { generator, body, headers: { 'content-type': contentType, authorization: `Bearer ${this.token}` } };
  }

  private batch(readings: unknown[]) {
    return { gatewayId: this.gatewayId, readings };
  }

  private readings(): Reading[] {
    return Array.from({ length: this.rng.chance(0.1) ? this.rng.int(20, 200) : this.rng.int(1, 12) }, () => this.reading());
  }

  private time(): string {
    const ms = Date.now() + this.rng.int(-23 * 3_600_000, 4 * 60_000);
    if (this.rng.chance(0.8)) return new Date(ms).toISOString();
    const offsetMinutes = this.rng.pick([60, -300, 330, 0]);
    const sign = offsetMinutes < 0 ? '-' : '+';
    const hh = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
    const mm = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
    return new Date(ms + offsetMinutes * 60_000).toISOString().replace('Z', `${sign}${hh}:${mm}`);
  }

  private seq(): { seq?: number } {
    // Wide enough that most readings are new, narrow enough that some reuse an identity by chance;
    // the re-post generators reuse identities on purpose.
    return this.rng.chance(0.8) ? { seq: this.rng.int(0, 200_000) } : {};
  }

  private reading(): Reading {
    const deviceId = this.rng.pick(DEVICES);
    switch (this.rng.int(0, 3)) {
      case 0: {
        const sensorOff = this.rng.chance(0.1);
        return {
          kind: 'oximetry',
          deviceId,
          measuredAt: this.time(),
          spo2: sensorOff && this.rng.chance(0.5) ? null : this.rng.int(70, 100),
          pulseRate: sensorOff && this.rng.chance(0.5) ? null : this.rng.int(35, 190),
          ...(this.rng.chance(0.3) ? { perfusionIndex: this.rng.decimal(0, 20) } : {}),
          ...(sensorOff ? { sensorOff } : this.rng.chance(0.2) ? { sensorOff: false } : {}),
          ...this.seq(),
        };
      }
      case 1: {
        const diastolic = this.rng.int(40, 110);
        const systolic = diastolic + this.rng.int(10, 90);
        return {
          kind: 'bloodPressure',
          deviceId,
          measuredAt: this.time(),
          systolic,
          diastolic,
          ...(this.rng.chance(0.5) ? { meanArterialPressure: Math.round(diastolic + (systolic - diastolic) / 3) } : {}),
          ...(this.rng.chance(0.5) ? { pulseRate: this.rng.int(40, 150) } : {}),
          ...this.seq(),
        };
      }
      case 2: {
        const value = encodePlxContinuous({
          spo2: this.rng.chance(0.05) ? null : this.rng.int(80, 100),
          pulseRate: this.rng.int(40, 160),
          ...(this.rng.chance(0.3) ? { measurementStatus: this.rng.pick([0, 1 << 13, 1 << 5]) } : {}),
          ...(this.rng.chance(0.3) ? { deviceAndSensorStatus: this.rng.pick([0, 1 << 15, 1 << 11, 1]) } : {}),
          ...(this.rng.chance(0.3) ? { pulseAmplitudeIndex: this.rng.decimal(0.1, 20) } : {}),
        });
        return { kind: 'gatt', deviceId, characteristic: this.rng.pick(['2A5F', '0x2a5f', '00002a5f-0000-1000-8000-00805f9b34fb']), value: bytesToHex(value), receivedAt: this.time(), ...this.seq() };
      }
      default: {
        const kPa = this.rng.chance(0.3);
        const diastolic = this.rng.int(50, 100);
        const systolic = diastolic + this.rng.int(20, 70);
        const unit = (mmHg: number) => (kPa ? Math.round(mmHg * 0.133322 * 10) / 10 : mmHg);
        const value = encodeBloodPressureMeasurement({
          unit: kPa ? 'kPa' : 'mmHg',
          systolic: unit(systolic),
          diastolic: unit(diastolic),
          meanArterialPressure: this.rng.chance(0.3) ? null : unit(Math.round(diastolic + (systolic - diastolic) / 3)),
          ...(this.rng.chance(0.5) ? { pulseRate: this.rng.int(40, 150) } : {}),
          ...(this.rng.chance(0.3) ? { measurementStatus: this.rng.int(0, 31) } : {}),
        });
        return { kind: 'gatt', deviceId, characteristic: this.rng.pick(['2A35', '0x2A35']), value: bytesToHex(value), receivedAt: this.time(), ...this.seq() };
      }
    }
  }

  private mutate(reading: Reading): Reading {
    const out: Reading = { ...reading };
    const fields = Object.keys(out);
    const field = this.rng.pick(fields);
    switch (this.rng.int(0, 13)) {
      case 0:
        out[field] = this.rng.pick(['97', true, false, [], {}, null, 'NaN', 'Infinity', '-Infinity', '', '0x61', ' 97 ']);
        break;
      case 1:
        out[field] = this.rng.pick([1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e-300, -0, -1, 0.5, 2 ** 31]);
        break;
      case 2: {
        const edges: [string, number][] = [['spo2', 100.1], ['spo2', -0.1], ['pulseRate', 19.9], ['pulseRate', 300.1], ['systolic', 39.9], ['systolic', 300.1], ['diastolic', 19.9], ['diastolic', 200.1], ['perfusionIndex', 100.1], ['spo2', 100], ['pulseRate', 20], ['systolic', 300], ['diastolic', 20]];
        const [key, value] = this.rng.pick(edges);
        out[key] = value;
        if (this.rng.chance(0.3) && typeof out.diastolic === 'number') out.systolic = out.diastolic;
        break;
      }
      case 3:
        delete out[field];
        break;
      case 4:
        out[this.rng.pick(['extra', 'Spo2', 'sessionId', 'gatewayId', 'constructor', 'toString', ''])] = this.rng.int(0, 9);
        break;
      case 5:
        out[this.rng.pick(['deviceId', 'measuredAt', 'characteristic', 'value', 'kind'])] = this.rng.pick(['ox-é', '😀', 'ox\u0000', '\u202eox', 'ⓞⓧ', 'ox-1\u200b', '２０２６-11-29T10:00:00Z', '\ud800']);
        break;
      case 6:
        out[field] = 'x'.repeat(this.rng.pick([65, 513, 10_000, 200_000]));
        break;
      case 7:
        out.seq = this.rng.pick([-1, -1e9, -0.5, 1.5, '7', null]);
        break;
      case 8:
        out[field] = nested(this.rng.pick([2, 10, 100, 1000, 20_000]));
        break;
      case 9: {
        const key = out.kind === 'gatt' ? 'receivedAt' : 'measuredAt';
        out[key] = this.rng.pick([
          new Date(Date.now() + 5 * 60_000 + this.rng.int(1000, 10 ** 10)).toISOString(),
          new Date(Date.now() - 24 * 3_600_000 - this.rng.int(1000, 10 ** 10)).toISOString(),
          new Date().toISOString().replace('Z', ''),
          '2026-02-30T10:00:00Z',
          'now',
          Date.now(),
        ]);
        break;
      }
      case 10:
        out.value = this.rng.pick(['abc', 'zz', '', '0 1', '0x', '--', 'ffff'.repeat(200)]);
        break;
      case 11:
        if (typeof out.value === 'string' && out.value.length > 2) out.value = out.value.slice(0, 2 * this.rng.int(0, out.value.length / 2 - 1));
        else out.spo2 = 'truncated';
        break;
      case 12: {
        const bytes = new Uint8Array(this.rng.int(1, 24));
        for (let i = 0; i < bytes.length; i++) bytes[i] = this.rng.int(0, 255);
        Object.assign(out, { kind: 'gatt', value: bytesToHex(bytes), characteristic: this.rng.pick(['2A5F', '2A5E', '2A35', '2A36', '2A37', '2A08', '2A49', '2A60']), receivedAt: this.time() });
        delete out.measuredAt;
        break;
      }
      default:
        Object.assign(out, {
          kind: 'gatt',
          receivedAt: this.time(),
          characteristic: this.rng.pick(['2A99', 'ffff', '12345678-1234-1234-1234-123456789abc', '2A5F', '2A5F']),
          value: bytesToHex(encodePlxContinuous({ spo2: this.rng.int(80, 100), pulseRate: this.rng.int(40, 160), pulseAmplitudeIndex: this.rng.pick([150, -5, 101, 50]) })),
        });
        delete out.measuredAt;
    }
    return out;
  }

  private mutateBatch(): unknown {
    const readings = this.readings();
    switch (this.rng.int(0, 6)) {
      case 0:
        return { readings };
      case 1:
        return { gatewayId: this.rng.pick([this.otherGatewayId, '', 7, null, 'gw-unknown']), readings };
      case 2:
        return { gatewayId: this.gatewayId, readings: this.rng.pick([[], {}, 'readings', null]) };
      case 3:
        return { gatewayId: this.gatewayId, readings: Array.from({ length: 1001 }, () => readings[0]) };
      case 4:
        return { gatewayId: this.gatewayId, readings, [this.rng.pick(['extra', 'sessionId', 'Readings'])]: 1 };
      case 5:
        return { gatewayId: this.gatewayId, readings: [...readings, this.randomJson(2), null, 7, 'x'] };
      default:
        return [this.batch(readings)];
    }
  }

  private notJson(): Request {
    const text = JSON.stringify(this.batch(this.readings()));
    switch (this.rng.int(0, 5)) {
      case 0:
        return this.withAuth('truncated JSON', text.slice(0, this.rng.int(0, text.length - 1)));
      case 1: {
        const bytes = new Uint8Array(this.rng.int(1, 300));
        for (let i = 0; i < bytes.length; i++) bytes[i] = this.rng.int(0, 255);
        return this.withAuth('random bytes', bytes);
      }
      case 2:
        return this.withAuth('NaN token', text.replace(/:(\d+)/, `:${this.rng.pick(['NaN', 'Infinity', '-Infinity', 'undefined', '0x10', '01'])}`));
      case 3:
        // Valid JSON that JSON.parse turns into Infinity or 0: the validator sees them.
        return this.withAuth('huge literal', text.replace(/:(\d+)/, `:${this.rng.pick(['1e999', '-1e999', '1e-999'])}`));
      case 4:
        return this.withAuth('trailing comma', text.replace(/}$/, ',}'));
      default:
        return this.withAuth('deep JSON', `${'['.repeat(this.rng.int(1000, 100_000))}`);
    }
  }

  private wrongContentType(): Request {
    const text = JSON.stringify(this.batch(this.readings()));
    const contentType = this.rng.pick(['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', 'application/json; charset=utf-8', 'APPLICATION/JSON']);
    return this.withAuth(`content-type ${contentType}`, text, contentType);
  }

  private badAuth(): Request {
    const body = JSON.stringify(this.batch(this.readings()));
    const authorization = this.rng.pick(['', `Bearer ${this.token}x`, `Basic ${this.token}`, 'Bearer', `bearer  ${this.token.slice(1)}`]);
    return { generator: 'bad auth', body, headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) } };
  }

  private randomJson(depth: number): unknown {
    const r = this.rng.int(0, depth <= 0 ? 3 : 5);
    if (r === 0) return this.rng.pick([null, true, false]);
    if (r === 1) return this.rng.pick([0, -1, 97, 1e308, -0.5, 2 ** 53]);
    if (r === 2) return this.rng.pick(['', 'oximetry', 'gatt', '😀', 'x'.repeat(this.rng.int(0, 300))]);
    if (r === 3) return this.rng.pick(['gatewayId', 'readings', '\u0000']);
    if (r === 4) return Array.from({ length: this.rng.int(0, 5) }, () => this.randomJson(depth - 1));
    const keys = ['kind', 'readings', 'gatewayId', 'deviceId', 'spo2', 'seq', 'value', 'x'];
    return Object.fromEntries(Array.from({ length: this.rng.int(0, 5) }, () => [this.rng.pick(keys), this.randomJson(depth - 1)]));
  }
}

/** What the store must hold for a reading answered as not rejected: its identity, type and values. */
function identityOf(reading: Reading): string {
  const at = String(reading.kind === 'gatt' ? reading.receivedAt : reading.measuredAt);
  return `${String(reading.deviceId)}|${reading.seq !== undefined ? `seq:${String(reading.seq)}` : `at:${new Date(Date.parse(at)).toISOString()}`}`;
}

function expectedType(reading: Reading): string {
  if (reading.kind === 'oximetry') return 'OximetryObserved';
  if (reading.kind === 'bloodPressure') return 'BloodPressureObserved';
  return /2a35/i.test(String(reading.characteristic)) ? 'BloodPressureObserved' : 'OximetryObserved';
}

function signatureOfSent(reading: Reading): string {
  if (reading.kind === 'gatt') return `gatt@${new Date(Date.parse(String(reading.receivedAt))).toISOString()}`;
  if (reading.kind === 'oximetry') return JSON.stringify([reading.spo2, reading.pulseRate, reading.perfusionIndex ?? null, reading.sensorOff ?? false]);
  return JSON.stringify([reading.systolic, reading.diastolic, reading.meanArterialPressure ?? null, reading.pulseRate ?? null]);
}

function signatureOfStored(type: string, data: Record<string, unknown>): string {
  if (data.source === 'gatt') return `gatt@${String(data.gatewayReceivedAt)}`;
  if (type === 'OximetryObserved') return JSON.stringify([data.spo2, data.pulseRate, data.perfusionIndex ?? null, data.sensorOff]);
  return JSON.stringify([data.systolic, data.diastolic, data.meanArterialPressure ?? null, data.pulseRate ?? null]);
}

describe('ingest fuzz (embedded app)', () => {
  const gw = makeGateway('gw-fuzz');
  const other = makeGateway('gw-fuzz-other');
  let app: VigilProcess;
  const outcomes: Outcome[] = [];
  let healthAfter: { status: number; body: unknown } = { status: 0, body: undefined };
  let acceptedSum = 0;
  let duplicatesSum = 0;
  /** identity → expected type and the value signatures of every reading answered as not rejected. */
  const expected = new Map<string, { type: string; deviceId: string; signatures: Set<string> }>();
  let stored: { stream: string; type: string; data: Record<string, unknown> }[] = [];

  const track = (outcome: Outcome) => {
    outcomes.push(outcome);
    if (!('status' in outcome) || outcome.status !== 202) return;
    const answer = JSON.parse(outcome.text) as { accepted: number; duplicates: number; rejected: { index: number }[] };
    acceptedSum += answer.accepted;
    duplicatesSum += answer.duplicates;
    const text = typeof outcome.body === 'string' ? outcome.body : Buffer.from(outcome.body).toString('utf8');
    const readings = (JSON.parse(text.replace(/^\uFEFF/, '')) as { readings: Reading[] }).readings;
    const rejected = new Set(answer.rejected.map((r) => r.index));
    readings.forEach((reading, index) => {
      if (rejected.has(index)) return;
      const key = identityOf(reading);
      const entry = expected.get(key) ?? { type: expectedType(reading), deviceId: String(reading.deviceId), signatures: new Set<string>() };
      entry.signatures.add(`${expectedType(reading)} ${signatureOfSent(reading)}`);
      expected.set(key, entry);
    });
  };

  beforeAll(async () => {
    app = new VigilProcess({ VIGIL_GATEWAYS: gatewaysEnv([gw, other]) });
    await app.start();
    for (const sessionId of new Set(Object.values(SESSIONS))) {
      expect((await app.post('/api/v1/sessions', { sessionId, room: sessionId, patientPseudonym: `P-${sessionId}`, clinician: 'Dr F' })).status).toBe(201);
    }
    for (const [deviceId, sessionId] of Object.entries(SESSIONS)) {
      const deviceKind = deviceId.includes('bp') ? 'bloodPressureCuff' : 'oximeter';
      expect((await app.post(`/api/v1/sessions/${sessionId}/devices`, { deviceId, deviceKind })).status).toBe(201);
    }

    const factory = new BodyFactory(new Prng(SEED), gw.gatewayId, gw.token, other.gatewayId);
    let issued = 0;
    const worker = async () => {
      while (issued < BODIES) {
        issued++;
        const request = factory.next();
        try {
          const response = await fetch(`${app.url}${INGEST}`, { method: 'POST', headers: request.headers, body: request.body, signal: AbortSignal.timeout(30_000) });
          track({ generator: request.generator, status: response.status, text: await response.text(), body: request.body });
        } catch (error) {
          outcomes.push({ generator: request.generator, error: `${(error as Error).message} ${String((error as { cause?: unknown }).cause ?? '')}` });
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));

    healthAfter = await app.get('/api/v1/health');
    await app.stop();
    stored = (await withAppStore(app.dataDir, allEvents))
      .filter((event) => event.type === 'OximetryObserved' || event.type === 'BloodPressureObserved')
      .map((event) => ({ stream: event.stream, type: event.type, data: event.data as Record<string, unknown> }));
  });

  afterAll(async () => {
    await app.stop();
    await app.cleanup();
  });

  it(`answers at least ${REQUIRED_BODIES.toLocaleString('en-US')} bodies (seed ${SEED})`, () => {
    expect(outcomes.filter((o) => 'status' in o).length).toBeGreaterThanOrEqual(REQUIRED_BODIES);
  });

  it('answers every body with 202 or a 4xx, never a 5xx or a dropped connection', () => {
    const bad = outcomes.filter((o) => !('status' in o) || !(o.status === 202 || (o.status >= 400 && o.status < 500)));
    const summary = bad.slice(0, 5).map((o) => ('status' in o ? `${o.generator}: ${o.status} ${o.text.slice(0, 120)}` : `${o.generator}: ${o.error}`));
    // The app's own log says why: the distinct unhandled exceptions behind the 500s, with where they were thrown.
    const log = app.output.replace(/\x1b\[[0-9;]*m/g, '');
    const serverErrors = [...new Set(log.match(/\[ExceptionsHandler\] [^\n]*\n[^\n]*\n[^\n]*/g) ?? [])].slice(0, 5);
    expect({ count: bad.length, first: summary, serverErrors }).toEqual({ count: 0, first: [], serverErrors: [] });
  });

  it('exercised accepted, duplicate and refused bodies alike', () => {
    const statuses = new Set(outcomes.flatMap((o) => ('status' in o ? [o.status] : [])));
    for (const status of [202, 400, 401, 403, 413, 415]) expect(statuses).toContain(status);
    expect(acceptedSum).toBeGreaterThan(1000);
    expect(duplicatesSum).toBeGreaterThan(0);
  });

  it('still answers health after the run', () => {
    // The whole body is compared so a failure shows what the app reports (e.g. a stopped alert engine).
    expect(healthAfter).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok' }) });
  });

  it('stores exactly as many reading events as were answered as accepted', () => {
    expect(stored.length).toBe(acceptedSum);
  });

  it('stores, by type, one event per distinct identity answered as not rejected', () => {
    const count = (type: string, items: Iterable<{ type: string }>) => [...items].filter((i) => i.type === type).length;
    for (const type of ['OximetryObserved', 'BloodPressureObserved']) {
      expect({ type, stored: count(type, stored) }).toEqual({ type, stored: count(type, expected.values()) });
    }
  });

  it('stores each accepted reading with the values that were accepted, and nothing else', () => {
    const problems: string[] = [];
    const storedKeys = new Set<string>();
    for (const event of stored) {
      const key = `${String(event.data.deviceId)}|${event.data.seq !== undefined ? `seq:${String(event.data.seq)}` : `at:${String(event.data.measuredAt)}`}`;
      storedKeys.add(key);
      const entry = expected.get(key);
      const signature = `${event.type} ${signatureOfStored(event.type, event.data)}`;
      if (!entry) problems.push(`stored but never accepted: ${key} ${signature}`);
      else if (entry.signatures.size !== 1 || !entry.signatures.has(signature)) problems.push(`${key}: stored ${signature}, accepted ${[...entry.signatures].join(' / ')}`);
    }
    for (const key of expected.keys()) if (!storedKeys.has(key)) problems.push(`accepted but not stored: ${key}`);
    expect({ count: problems.length, first: problems.slice(0, 5) }).toEqual({ count: 0, first: [] });
  });

  it('routes every stored reading to its session, or to its device stream when unbound', () => {
    const misrouted = stored.filter((event) => {
      const sessionId = SESSIONS[String(event.data.deviceId)];
      return sessionId ? event.stream !== `vitals-${sessionId}` || event.data.sessionId !== sessionId : event.stream !== `device-${String(event.data.deviceId)}` || 'sessionId' in event.data;
    });
    expect(misrouted.slice(0, 5)).toEqual([]);
    // A binding stream holds claims only: a reading there would re-route a bound oximeter.
    expect(stored.filter((event) => event.stream.startsWith('device-binding-')).slice(0, 5)).toEqual([]);
  });

  it('stores no value outside the physiological ranges', () => {
    const outside = stored.flatMap((event) =>
      Object.entries(RANGES).flatMap(([field, [min, max]]) => {
        const value = event.data[field];
        return typeof value === 'number' && (value < min || value > max) ? [`${event.type} ${String(event.data.deviceId)} ${field}=${value}`] : [];
      }),
    );
    const inverted = stored.filter((e) => e.type === 'BloodPressureObserved' && !((e.data.systolic as number) > (e.data.diastolic as number)));
    expect({ outside: outside.slice(0, 5), outsideCount: outside.length, inverted: inverted.length }).toEqual({ outside: [], outsideCount: 0, inverted: 0 });
  });
});
