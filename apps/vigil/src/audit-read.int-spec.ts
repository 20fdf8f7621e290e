import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ACCESS_AUDIT_STREAM } from '@vigil/audit-trail';
import type { AccountStore } from '@vigil/auth';
import type { EventStore } from '@vigil/event-store';
import { SqliteEventStore } from '@vigil/event-store-sqlite';
import { EVENT_STORE } from '@vigil/platform';
import { defaultRuleSet } from '@vigil/rules';
import { join } from 'node:path';
import { kapDefaultWithThreshold } from '../../../libs/audit-export/src/testing/changed-threshold';
import { fhirR4SchemaErrors } from '../../../libs/audit-export/src/testing/fhir-r4-schema';
import { recordLive } from '../../../libs/audit-export/src/testing/live-recording';
import { recordedSessionEvents } from '../../../libs/report/src/testing/recorded-session';
import { viewAtMoment, type RecordedChange } from '../../../libs/dashboard/src/view/playback-fold';
import { appWithStaff, tokenOf } from './testing/app-with-staff';

// Issue 13, item 5: the auditor's replay (paged with a cursor that says when there is more),
// export and re-evaluation over HTTP, on a store holding a session recorded the live way.
describe('audit reads over HTTP', () => {
  let app: NestFastifyApplication;
  let accounts: AccountStore;
  let close: () => Promise<void>;
  let auditor: string;
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${auditor}` } });

  beforeAll(async () => {
    ({ app, accounts, close } = await appWithStaff(async (dataDir) => {
      const { store } = await recordLive(recordedSessionEvents({ sessionId: 'http-audit', endAfterDoseMinutes: 40 }), defaultRuleSet, (clock) => SqliteEventStore.open(join(dataDir, 'events.sqlite'), { clock }));
      await store.close();
    }));
    auditor = await tokenOf(accounts, 'auditor');
  });
  afterAll(() => close());

  it('pages through the whole record with a cursor, saying when there is more', async () => {
    const seen: { stream: string; revision: number }[] = [];
    let cursor = '';
    let pages = 0;
    for (;;) {
      const response = await get(`/api/v1/audit/sessions/http-audit/replay?limit=700${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.statusCode).toBe(200);
      const page = response.json<{ events: { stream: string; revision: number; position?: unknown }[]; hasMore: boolean; nextCursor: string | null }>();
      pages++;
      seen.push(...page.events);
      expect(page.events.every((event) => event.position === undefined)).toBe(true);
      if (!page.hasMore) {
        expect(page.nextCursor).toBeNull();
        break;
      }
      expect(page.events).toHaveLength(700);
      cursor = page.nextCursor!;
    }
    const store = app.get<EventStore>(EVENT_STORE);
    const total = (await Promise.all(['session-http-audit', 'vitals-http-audit', 'alarms-http-audit'].map((stream) => store.readStream(stream)))).flat().length;
    expect(seen).toHaveLength(total);
    expect(pages).toBe(Math.ceil(total / 700));
    expect(new Set(seen.map((event) => `${event.stream}@${event.revision}`)).size).toBe(total);
  });

  it('the session events route says too whether more follow, and from where', async () => {
    const first = (await get('/api/v1/sessions/http-audit/events?limit=100')).json<{ total: number; events: unknown[]; hasMore: boolean; nextFrom?: number }>();
    expect(first).toMatchObject({ hasMore: true, nextFrom: 100 });
    expect(first.events).toHaveLength(100);
    const last = (await get(`/api/v1/sessions/http-audit/events?from=${first.total - 5}&limit=100`)).json<{ events: unknown[]; hasMore: boolean; nextFrom?: number }>();
    expect(last.events).toHaveLength(5);
    expect(last.hasMore).toBe(false);
    expect(last.nextFrom).toBeUndefined();
  });

  it('refuses a cursor it did not issue and a bad window with 400 naming the field; an unknown session is 404', async () => {
    const cursor = await get('/api/v1/audit/sessions/http-audit/replay?cursor=bm9wZQ');
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json()).toMatchObject({ errors: [{ field: 'cursor' }] });
    const window = await get('/api/v1/audit/sessions/http-audit/replay?from=soon');
    expect(window.statusCode).toBe(400);
    expect(window.json()).toMatchObject({ errors: [{ field: 'from' }] });
    expect((await get('/api/v1/audit/sessions/http-audit/replay?limit=10001')).statusCode).toBe(400);
    expect((await get('/api/v1/audit/sessions/nobody/replay')).statusCode).toBe(404);
    expect((await get('/api/v1/audit/sessions/http-audit/export?format=pdf')).statusCode).toBe(400);
  });

  it('exports a FHIR R4 bundle that validates, and each CSV file', async () => {
    const fhir = await get('/api/v1/audit/sessions/http-audit/export?format=fhir');
    expect(fhir.statusCode).toBe(200);
    expect(fhir.headers['content-type']).toMatch(/application\/fhir\+json/);
    expect(fhirR4SchemaErrors(fhir.json())).toEqual([]);
    expect((await get('/api/v1/audit/sessions/http-audit/export?format=csv')).body).toMatch(/^measured_at,kind,phase,/);
    expect((await get('/api/v1/audit/sessions/http-audit/export?format=csv&file=alarms-and-actions')).body).toMatch(/^at,recorded_at,event,/);
  });

  it('re-evaluates with the recorded rule set (no difference) and with a rule set in the body', async () => {
    const post = (payload: unknown) => app.inject({ method: 'POST', url: '/api/v1/audit/sessions/http-audit/reevaluate', headers: { authorization: `Bearer ${auditor}`, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
    const live = await post({});
    expect(live.statusCode).toBe(200);
    expect(live.json()).toMatchObject({ ruleSetVersion: 'kap-default@1.1.0', differences: [] });
    const stricter = await post({ rules: kapDefaultWithThreshold('spo2-low', 88).json });
    expect(stricter.statusCode).toBe(200);
    const differences = stricter.json<{ differences: { ruleId: string }[] }>().differences;
    expect(differences.length).toBeGreaterThan(0);
    expect(differences.every((d) => d.ruleId === 'spo2-low')).toBe(true);
    const bad = await post({ rules: { name: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { field: string }[] }>().errors[0]!.field).toMatch(/^rules\./);
  });

  it('plays back: the view at a moment shows an alarm from when it was recorded, with the moments to jump to', async () => {
    const frame = (at?: string) => get(`/api/v1/audit/sessions/http-audit/view${at ? `?at=${encodeURIComponent(at)}` : ''}`).then((r) => r.json<{ view?: { alarms: { alertId: string }[] }; ended: boolean; from: string; until: string; alarmMoments: { at: string; type: string; alertId: string }[] }>());
    const whole = await frame();
    expect(whole.ended).toBe(true);
    const raised = whole.alarmMoments.find((moment) => moment.type === 'AlertRaised')!;
    const before = await frame(new Date(Date.parse(raised.at) - 1).toISOString());
    const at = await frame(raised.at);
    expect(before.view?.alarms.map((a) => a.alertId) ?? []).not.toContain(raised.alertId);
    expect(at.view?.alarms.map((a) => a.alertId)).toContain(raised.alertId);
    expect((await get('/api/v1/audit/sessions/http-audit/view?at=noon')).statusCode).toBe(400);
  });

  it('hands the page the whole playback at once: the changes it folds agree with the view route at each alarm moment', async () => {
    type Playback = { from: string; until: string; alarmMoments: { at: string; type: string; alertId: string; ruleId?: string }[]; changes: RecordedChange[] };
    const playback = (await get('/api/v1/audit/sessions/http-audit/playback')).json<Playback>();
    expect(playback.changes[0]).toMatchObject({ sessionId: 'http-audit', change: { type: 'SessionStarted' }, recordedAt: playback.from });
    expect(playback.alarmMoments.length).toBeGreaterThan(0);
    for (const moment of playback.alarmMoments) {
      const frame = (await get(`/api/v1/audit/sessions/http-audit/view?at=${encodeURIComponent(moment.at)}`)).json<{ view?: unknown; ended: boolean }>();
      expect(viewAtMoment(playback.changes, Date.parse(moment.at))).toEqual({ view: frame.view, ended: frame.ended });
    }
    expect((await get('/api/v1/audit/sessions/no-such-session/playback')).statusCode).toBe(404);
  });

  it('records each read under the signed-in auditor', async () => {
    const accesses = (await app.get<EventStore>(EVENT_STORE).readStream(ACCESS_AUDIT_STREAM)).map((event) => event.data);
    expect(new Set(accesses.map((access) => access.action))).toEqual(new Set(['replay', 'export', 'reevaluate']));
    expect(accesses.every((access) => access.by === 'user:auditor' && access.sessionId === 'http-audit')).toBe(true);
  });
});
