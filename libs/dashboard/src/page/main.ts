import type { AlarmPriority } from '../protocol';
import { PRIORITY_RANK } from '../view/alarms';
import { sessionStatusAt, type SessionStatus } from '../view/session-status';
import { dischargeReadinessAt, type ReadinessPolicy } from '../view/discharge-readiness';
import { AlarmSound } from './alarm-sound';
import { DashboardConnection, type ConnectionStatus } from './connection';
import { byId, setAttr, setText } from './dom';
import { PRIORITY_LABELS, formatAge, ruleLabel } from './format';
import { handleForm } from './forms';
import { SessionDetail } from './session-detail';
import { SessionListPage } from './session-list-page';
import { OverflowBar } from './overflow-bar';
import { AlarmPanel } from './alarm-panel';
import { centralAlarms } from '../view/central-alarms';
import { formatRooms, gatewayOutages } from '../view/gateway-outages';
import { wallLayout } from '../view/wall-layout';
import { wallOrder, type WallOrder } from '../view/wall-order';
import { overflowSummary } from '../view/overflow-summary';
import { isRole, rolesAllow } from '../../../auth/src/roles';
import { setUpSignOut, showSignInScreen, signedInStaff } from './sign-in';
import { staffApi, whenSignedOut } from './staff-api';
import { SessionTile } from './tile';

/** Losing the link for this long is itself an alarm condition (a technical one): monitoring stopped. */
const LINK_LOSS_ALARM_MS = 15_000;

const STATUS_TEXT: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  'catching-up': 'Catching up…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
};

const sound = new AlarmSound(() => scheduleRender());
const tiles = new Map<string, SessionTile>();
const grid = byId('tiles');
const connection = new DashboardConnection(
  () => scheduleRender(),
  () => showSignInScreen(),
  (reason) => {
    refusedBecause =
      reason === 'forbidden'
        ? 'This account may not watch the live sessions: auditors open ended sessions from Sessions to read or play them back; admins use the command line. Sign out to change account.'
        : 'This page’s address is not allowed to watch the live sessions.';
    scheduleRender();
  },
);
/** Why the server refused this page the live wall, shown in the connection banner instead of "reconnecting". */
let refusedBecause: string | undefined;
/** A shared display (no `acknowledge` of its own) asks who is acknowledging: their username and PIN (docs/security.md). */
let sharedDisplay = false;
const acknowledgeIn = (sessionId: string) => async (alertId: string) => {
  if (!sharedDisplay) return void (await staffApi.acknowledgeAlarm(sessionId, alertId, {}));
  const username = window.prompt('Who is acknowledging? Your username:')?.trim();
  const pin = username ? window.prompt(`PIN for ${username}:`)?.trim() : undefined;
  if (!username || !pin) throw new Error('not acknowledged: a name and PIN are needed on a shared display');
  await staffApi.acknowledgeAlarm(sessionId, alertId, { person: { username, pin } });
};
/** An auditor may play ended sessions back (issue 13); known once signed in. */
let canPlayBack = false;
const detail = new SessionDetail(acknowledgeIn, () => canPlayBack);
const sessionList = new SessionListPage();
const overflowBar = new OverflowBar();
const alarmPanel = new AlarmPanel(
  (sessionId, alertId) => acknowledgeIn(sessionId)(alertId),
  () => scheduleRender(),
);
/** Room order kept on this screen (a clinic's choice), or urgency once not every session fits. */
const ORDER_KEY = 'vigil.wallOrder';
let order: WallOrder = new URLSearchParams(location.search).get('order') === 'room' || localStorage.getItem(ORDER_KEY) === 'room' ? 'room' : 'urgency';
/** Height kept free under the grid for the overflow bar. */
const OVERFLOW_BAR_PX = 56;
let renderScheduled = false;
/** The rule set's discharge policy, fetched once; until it arrives tiles show no readiness line. */
let readinessPolicy: ReadinessPolicy | undefined;
/** Alarms already announced to screen readers; undefined until the first state arrives (no burst on load). */
let announced: Set<string> | undefined;
let disconnectedSince: number | undefined;

function scheduleRender(): void {
  if (renderScheduled) return;
  renderScheduled = true;
  requestAnimationFrame(() => {
    renderScheduled = false;
    render();
  });
}

/** The grid's rows fill the window under the header, less the overflow bar (view/wall-layout.ts). */
function layOut(count: number): number {
  const available = Math.max(0, window.innerHeight - grid.getBoundingClientRect().top - window.scrollY - OVERFLOW_BAR_PX);
  const layout = wallLayout(count, grid.clientWidth, available);
  const gap = 12;
  grid.style.setProperty('--wall-columns', String(layout.columns));
  grid.style.setProperty('--wall-row-height', `${Math.floor((available - gap * (layout.rows - 1)) / layout.rows)}px`);
  setAttr(grid, 'data-capacity', String(layout.capacity));
  return layout.capacity;
}

function render(): void {
  const now = connection.clock.now();
  const all = [...connection.state.sessions.values()];
  const statuses = new Map<string, SessionStatus>(all.map((view) => [view.sessionId, sessionStatusAt(view, now)]));
  // Banners first: they move the grid, and the grid fills what is left under them.
  renderConnection(now);
  renderSystemConditions();
  renderGatewayOutages(all.map((view) => ({ room: view.room, devices: statuses.get(view.sessionId)!.devices })));
  const capacity = layOut(all.length);
  const views = wallOrder(all.map((view) => ({ view, sessionId: view.sessionId, room: view.room, startedAt: view.startedAt, alarms: statuses.get(view.sessionId)!.alarms })), capacity, order).map((s) => s.view);
  alarmPanel.update(centralAlarms(all.map((view) => ({ sessionId: view.sessionId, room: view.room, patientPseudonym: view.patientPseudonym, alarms: statuses.get(view.sessionId)!.alarms }))), now);
  overflowBar.update(overflowSummary(views.slice(capacity).map((view) => ({ sessionId: view.sessionId, room: view.room, alarms: statuses.get(view.sessionId)!.alarms }))));

  for (const [id, tile] of tiles) {
    if (!connection.state.sessions.has(id)) {
      tile.element.remove();
      tiles.delete(id);
    }
  }
  views.forEach((view, index) => {
    let tile = tiles.get(view.sessionId);
    if (!tile) {
      tile = new SessionTile(view.sessionId, acknowledgeIn(view.sessionId), (id) => (location.hash = `#/sessions/${encodeURIComponent(id)}`));
      tiles.set(view.sessionId, tile);
    }
    if (grid.children[index] !== tile.element) grid.insertBefore(tile.element, grid.children[index] ?? null);
    tile.update(view, statuses.get(view.sessionId)!, now, readinessPolicy && dischargeReadinessAt(view, readinessPolicy, now));
    tile.showSystemConditions(connection.systemConditions);
  });
  setAttr(byId('empty'), 'hidden', views.length > 0 || connection.status === 'connecting' ? '' : undefined);

  const openId = detail.openSessionId;
  if (openId) {
    const view = connection.state.sessions.get(openId);
    // Refused the wall (an auditor): no session is live on this page, so an open one is read as a record.
    const stateKnown = connection.status === 'live' || refusedBecause !== undefined;
    detail.update(view, statuses.get(openId), now, view && readinessPolicy && dischargeReadinessAt(view, readinessPolicy, now), stateKnown);
  }

  renderAlarmSummary([...statuses.values()]);
  announceNewAlarms(views.map((view) => ({ room: view.room, status: statuses.get(view.sessionId)! })));
  const audible = [...statuses.values()].map((s) => s.audible).filter((p): p is AlarmPriority => p !== undefined);
  if (disconnectedSince !== undefined && Date.now() - disconnectedSince > LINK_LOSS_ALARM_MS) audible.push('medium');
  // Not recording, or judging readings late, is a technical alarm for every patient at once.
  if (connection.systemConditions.some((condition) => condition.code !== 'starting')) audible.push('medium');
  sound.sound(audible.sort((a, b) => PRIORITY_RANK[a] - PRIORITY_RANK[b])[0]);
  renderSoundButton(audible.length > 0);
}

function renderConnection(now: number): void {
  const status = connection.status;
  if (status === 'live' || status === 'catching-up') disconnectedSince = undefined;
  else disconnectedSince ??= Date.now();
  const badge = byId('connection');
  badge.className = `connection connection-${status}`;
  setAttr(badge, 'data-status', status);
  setText(badge, STATUS_TEXT[status]);
  document.body.classList.toggle('not-live', status !== 'live');
  const banner = byId('connection-banner');
  const since = connection.lastMessageAt === undefined ? '' : ` Last update ${formatAge(Date.now() - connection.lastMessageAt)} ago.`;
  const message =
    refusedBecause ??
    (status === 'reconnecting'
      ? `Connection to the server lost — reconnecting. The values below may be out of date.${since}`
      : status === 'catching-up'
        ? 'Catching up with what happened while disconnected…'
        : status === 'connecting'
          ? 'Connecting to the server…'
          : '');
  setText(banner, message);
  setAttr(banner, 'hidden', message ? undefined : '');
  setText(byId('clock'), new Date(now).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
}

function renderSystemConditions(): void {
  const banner = byId('system-banner');
  const message = connection.systemConditions.map((condition) => condition.message).join(' · ');
  setText(banner, message ? `MONITOR ALARM: ${message}` : '');
  setAttr(banner, 'hidden', message ? undefined : '');
  setAttr(banner, 'data-codes', connection.systemConditions.map((condition) => condition.code).join(' '));
}

/**
 * One message per gateway whose oximeters all went silent (view/gateway-outages.ts). Not sounded
 * itself: each oximeter's signal-lost alarm sounds, and can be acknowledged, as before.
 */
function renderGatewayOutages(sessions: Parameters<typeof gatewayOutages>[0]): void {
  const banner = byId('gateway-banner');
  const outages = gatewayOutages(sessions);
  const message = outages.map((o) => `Gateway ${o.gatewayId} silent ${formatAge(o.silentForMs)} — ${formatRooms(o.rooms)}`).join(' · ');
  setText(banner, message ? `GATEWAY FAULT: ${message}` : '');
  setAttr(banner, 'hidden', message ? undefined : '');
  setAttr(banner, 'data-gateways', outages.map((o) => o.gatewayId).join(' '));
}

function renderAlarmSummary(statuses: SessionStatus[]): void {
  const counts = { high: 0, medium: 0, low: 0 };
  for (const status of statuses) for (const alarm of status.alarms) counts[alarm.priority]++;
  const parts = (['high', 'medium', 'low'] as const).filter((p) => counts[p] > 0).map((p) => `${counts[p]} ${p}`);
  const summary = byId('alarm-summary');
  summary.className = `alarm-summary${parts.length ? ` summary-${(['high', 'medium', 'low'] as const).find((p) => counts[p] > 0)}` : ''}`;
  setText(summary, parts.length ? `Alarms: ${parts.join(' · ')}` : 'No active alarms');
}

function announceNewAlarms(sessions: { room: string; status: SessionStatus }[]): void {
  if (connection.status === 'connecting') return;
  const current = new Set<string>();
  const fresh: string[] = [];
  for (const { room, status } of sessions) {
    for (const alarm of status.alarms) {
      current.add(alarm.alertId);
      if (announced && !announced.has(alarm.alertId)) fresh.push(`${PRIORITY_LABELS[alarm.priority]} priority alarm in ${room}: ${ruleLabel(alarm.ruleId)}`);
    }
  }
  announced = current;
  if (fresh.length > 0) setText(byId('announcer'), fresh.join('. '));
}

/** Full width and red whenever the page cannot play audio: an alarm nobody can hear must be seen (issue 15 item 5). */
function renderSoundOffBar(): void {
  const bar = byId('sound-off-bar');
  setAttr(bar, 'hidden', sound.enabled ? '' : undefined);
  setAttr(bar, 'data-audio-state', sound.state);
}

function renderSoundButton(alarmsPresent: boolean): void {
  renderSoundOffBar();
  const button = byId<HTMLButtonElement>('sound');
  setText(button, sound.enabled ? 'Sound on' : 'Sound off — click to enable');
  button.className = `sound${sound.enabled ? ' sound-on' : alarmsPresent ? ' sound-needed' : ' sound-off'}`;
}

function route(): void {
  const match = /^#\/sessions\/(.+)$/.exec(location.hash);
  if (match) detail.open(decodeURIComponent(match[1]!));
  else detail.close();
  if (location.hash === '#/sessions') sessionList.open();
  else sessionList.close();
  render();
}

function setUp(): void {
  // Try at once (a kiosk browser allows it); otherwise the first click anywhere turns sound on.
  sound.enable();
  document.addEventListener('click', () => sound.enable(), { capture: true });
  const roomOrder = byId<HTMLInputElement>('room-order');
  roomOrder.checked = order === 'room';
  roomOrder.addEventListener('change', () => {
    order = roomOrder.checked ? 'room' : 'urgency';
    localStorage.setItem(ORDER_KEY, order);
    render();
  });
  window.addEventListener('resize', () => scheduleRender());
  setUpSignOut();
  byId('detail-close').addEventListener('click', () => (location.hash = ''));
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && detail.openSessionId) location.hash = '';
  });
  const dialog = byId<HTMLDialogElement>('start-dialog');
  byId('start-session').addEventListener('click', () => dialog.showModal());
  byId('start-cancel').addEventListener('click', () => dialog.close());
  handleForm(byId<HTMLFormElement>('form-start'), async (f, key) => {
    await staffApi.startSession({ room: f.room ?? '', patientPseudonym: f.patientPseudonym ?? '', clinician: f.clinician ?? '' }, key);
    dialog.close();
    return `Session started in ${f.room}.`;
  });
  void loadReadinessPolicy();
  window.addEventListener('hashchange', route);
  window.setInterval(render, 1_000); // ages, phases and silent devices move with the clock
  connection.connect();
  route();
  // A handle for diagnostics and the browser tests; the page itself never reads it.
  (window as unknown as { vigil: unknown }).vigil = { connection, sound };
}

async function loadReadinessPolicy(): Promise<void> {
  for (let attempt = 0; attempt < 30 && !readinessPolicy; attempt++) {
    try {
      const response = await fetch('/api/v1/dashboard/discharge-policy');
      if (response.ok) readinessPolicy = (await response.json()) as ReadinessPolicy;
    } catch {
      // The server is unreachable; the connection banner says so. Try again shortly.
    }
    if (!readinessPolicy) await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  scheduleRender();
}

/** Nothing starts (no socket, no request for patient data) until a person has signed in. */
async function boot(): Promise<void> {
  whenSignedOut(showSignInScreen);
  const staff = await signedInStaff();
  if (!staff) return showSignInScreen();
  setText(byId('signed-in-as'), staff.username);
  sharedDisplay = !staff.roles.includes('monitor') && !staff.roles.includes('clinician');
  canPlayBack = rolesAllow(staff.roles.filter(isRole), 'audit');
  byId('app').hidden = false;
  setUp();
}

void boot();
