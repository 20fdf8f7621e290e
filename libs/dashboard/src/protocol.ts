import type { DeviceKind } from '@vigil/domain';
import type { DoseRoute, Drug } from '@vigil/domain';
import type { ClockOffsetEstimate } from '../../rules/src/gateway-clock';

/*
 * The live dashboard's wire protocol, typed once and compiled both for the server (gateway) and
 * for the page (libs/dashboard/src/page). Types and one constant only, with type-only imports, so
 * the page bundle takes none of the server's code with it.
 *
 * A client connects (socket.io, path /socket.io) with `auth: { lastPosition?, storeId? }`. The
 * server answers with a `snapshot`, or, when the client's position is recent and from this store,
 * with `changes` batches covering everything after it; then `live`; then a stream of `changes`
 * batches in store order. Each batch says which range of sequence numbers it covers, (after,
 * position], so a client can see a gap and ask to `resume` from its own position.
 *
 * Every `position` here is the dashboard's own sequence number (one per event the projection read,
 * in log order), never an event-store position: store positions are opaque and stay on the server
 * (docs/event-store.md).
 */

export type AlarmPriority = 'high' | 'medium' | 'low';
export type AlarmKind = 'physiological' | 'technical';

/** [measuredAt epoch ms, SpO2 %, pulse rate /min]; nulls are gaps (sensor off, no value). */
export type TrendPoint = [t: number, spo2: number | null, pulseRate: number | null];

export type OximetryReadingView = {
  deviceId: string;
  spo2: number | null;
  pulseRate: number | null;
  perfusionIndex?: number;
  sensorOff: boolean;
  measuredAt: string;
  receivedAt: string;
  /** The gateway that forwarded it (readings stored before issue 16 may lack it in the view). */
  gatewayId?: string;
};

export type BloodPressureReadingView = {
  deviceId: string;
  systolic: number;
  diastolic: number;
  meanArterialPressure?: number;
  pulseRate?: number;
  measuredAt: string;
  receivedAt: string;
  gatewayId?: string;
};

export type DeviceView = {
  deviceId: string;
  deviceKind: DeviceKind;
  boundAt: string;
  /** Server receive time of the device's newest reading: "is it sending" is judged on the server's clock. */
  lastReceivedAt?: string;
  lastMeasuredAt?: string;
  sensorOff?: boolean;
  /** The clock offset of the gateway forwarding this device's readings, estimated as the alert engine does. */
  gatewayClock?: { gatewayId: string } & ClockOffsetEstimate;
};

/** `drug` is absent for doses stored before it was recorded: ketamine. */
export type DoseView = { route: DoseRoute; doseMg: number; administeredAt: string; booster: boolean; by: string; drug?: Drug };

export type AlarmView = {
  alertId: string;
  ruleId: string;
  priority: AlarmPriority;
  kind: AlarmKind;
  raisedAt: string;
  phase?: string;
  /** The rule's title, as the rule set words it (views built before issue 15 lack it). */
  title?: string;
  /** What the rule watched (`spo2`, `systolic`, `secondsWithoutValidOximetry`, …): groups the tile's alarm rows. */
  measure?: string;
  value?: number;
  threshold?: number;
  escalatedAt?: string;
  acknowledged?: { by: string; at: string; note?: string };
  /** The audio signal is silent until then (IEC 60601-1-8 "audio paused"); the alarm stays visible. */
  audioPausedUntil?: string;
};

export type TimelineEntry = { position: number; at: string; type: DashboardChange['type']; text: string };

/** One active session as the dashboard shows it. Everything here is independent of "now". */
export type SessionView = {
  sessionId: string;
  room: string;
  patientPseudonym: string;
  clinician: string;
  startedAt: string;
  /** Dashboard sequence number of the newest event applied to this view. */
  position: number;
  doses: DoseView[];
  devices: DeviceView[];
  oximetry?: OximetryReadingView;
  /** Oximetry of the last 30 minutes of measured time, ascending, at most one point per second. */
  trend: TrendPoint[];
  /** Oximetry readings applied since the session started (duplicates by position excluded). */
  oximetryReadings: number;
  /** Pre-dose SpO2 and pulse (median of the 5 minutes before the first dose), once known. */
  oximetryBaseline?: { spo2: number; pulseRate: number; readings: number };
  bloodPressure: {
    latest?: BloodPressureReadingView;
    /** The last reading measured before the first dose (the pre-dose baseline). */
    baseline?: BloodPressureReadingView;
    /** Ascending by measuredAt, bounded (see BLOOD_PRESSURE_HISTORY_LIMIT). */
    history: BloodPressureReadingView[];
  };
  alarms: AlarmView[];
  /** Newest last, bounded (see TIMELINE_LIMIT): session commands and alarm transitions, not readings. */
  timeline: TimelineEntry[];
};

/** The facts the dashboard needs from each stored event: the event's data, trimmed and checked. */
export type DashboardChange =
  | { type: 'SessionStarted'; room: string; patientPseudonym: string; clinician: string; at: string }
  | { type: 'DeviceBound'; deviceId: string; deviceKind: DeviceKind; by: string; at: string }
  | { type: 'DeviceUnbound'; deviceId: string; deviceKind: DeviceKind; by: string; at: string; reason?: string }
  | { type: 'DoseAdministered'; route: DoseRoute; doseMg: number; administeredAt: string; booster: boolean; by: string; at: string; drug?: Drug }
  | { type: 'InterventionRecorded'; text: string; by: string; at: string }
  | { type: 'SessionEnded'; by: string; reason?: string; at: string }
  | ({ type: 'OximetryObserved' } & OximetryReadingView)
  | ({ type: 'BloodPressureObserved' } & BloodPressureReadingView)
  | {
      type: 'AlertRaised';
      alertId: string;
      ruleId: string;
      priority: AlarmPriority;
      kind: AlarmKind;
      phase?: string;
      title?: string;
      measure?: string;
      value?: number;
      threshold?: number;
      at: string;
    }
  | { type: 'AlertEscalated'; alertId: string; ruleId: string; priority: AlarmPriority; at: string }
  | { type: 'AlertAcknowledged'; alertId: string; ruleId: string; by: string; note?: string; at: string; audioPausedUntil?: string }
  | { type: 'AlertCleared'; alertId: string; ruleId: string; reason: string; at: string };

/** `position`: the dashboard sequence number of the event the change came from. */
export type PositionedChange = { position: number; sessionId: string; change: DashboardChange };

// ---- messages, server → client ----

export type SnapshotMessage = {
  /** Identifies the event log the positions belong to; a client from another log gets a snapshot. */
  storeId: string | null;
  position: number;
  /** The server's clock when sent, so the page can judge ages against it rather than its own. */
  serverTime: string;
  sessions: SessionView[];
};

export type ChangesMessage = {
  /** The batch covers dashboard sequence numbers (after, position]; a client whose position is below `after` missed something. */
  after: number;
  position: number;
  serverTime: string;
  changes: PositionedChange[];
};

export type LiveMessage = { position: number; serverTime: string };

/**
 * A condition of the whole monitor rather than of one patient (recording stopped, monitoring
 * delayed, starting): a technical alarm shown on every tile until it ends. Sent on connect and on
 * every change, the full list each time.
 */
export type SystemConditionView = { code: 'recording-stopped' | 'monitoring-delayed' | 'starting'; message: string; since: string };
export type SystemMessage = { conditions: SystemConditionView[]; serverTime: string };

/** Message name → payload tuple, server to client. Emitted only through the gateway's `send`. */
export interface DashboardServerMessages {
  snapshot: [SnapshotMessage];
  changes: [ChangesMessage];
  live: [LiveMessage];
  system: [SystemMessage];
  /** Sent just before the server closes a socket whose session ended or whose account was disabled. */
  'signed-out': [{ reason: string }];
}

// ---- messages, client → server ----

/**
 * Sent as socket.io `auth` on every (re)connect, or as a `resume` message after a gap. `token`: a
 * program's bearer token; the page sends none, its session cookie rides on the handshake.
 */
export type ResumeRequest = { lastPosition?: number; storeId?: string | null; token?: string };

export interface DashboardClientMessages {
  resume: [ResumeRequest];
}

/** socket.io's listener-map form of a message map. */
export type ListenersOf<M> = { [K in keyof M]: M[K] extends unknown[] ? (...payload: M[K]) => void : never };

export const DASHBOARD_SOCKET_PATH = '/socket.io';
