import type { DischargeReadiness } from '../view/discharge-readiness';
import type { SessionPhase } from '../../../domain/src/session-phase';
import type { AlarmPriority } from '../protocol';

export const PHASE_LABELS: Readonly<Record<SessionPhase, string>> = {
  'pre-dose': 'Pre-dose',
  onset: 'Onset',
  dissociative: 'Dissociative',
  recovery: 'Recovery',
};

export const PRIORITY_LABELS: Readonly<Record<AlarmPriority, string>> = { high: 'HIGH', medium: 'MEDIUM', low: 'LOW' };

/** "now", "12 s", "4 min", "1 h 05 min": the age of a value, readable at a glance. */
export function formatAge(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 2) return 'now';
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

export const formatAgo = (ms: number): string => (ms < 2000 ? 'just now' : `${formatAge(ms)} ago`);

export function formatSinceDose(minutes: number): string {
  const whole = Math.floor(minutes);
  return whole < 60 ? `${whole} min since dose` : `${Math.floor(whole / 60)} h ${String(whole % 60).padStart(2, '0')} min since dose`;
}

/** The tile's discharge line: time since dose, time to the observation minimum, the 40-minute BP check, readiness. */
export function formatDischarge(r: DischargeReadiness): { text: string } {
  const remaining = Math.ceil(r.minutesUntilMinimum);
  const minimum = remaining > 0 ? `${formatMinutes(remaining)} to the ${formatMinutes(r.observationMinutes)} minimum` : `${formatMinutes(r.observationMinutes)} minimum passed`;
  const check = r.bloodPressureCheck.state === 'done' ? `post-dose BP check done ${formatClock(r.bloodPressureCheck.at)}` : `post-dose BP check ${r.bloodPressureCheck.state}`;
  const state = r.ready ? 'Ready for discharge review' : `not ready: waiting for ${r.waitingFor.join(', ')}`;
  return { text: `${formatSinceDose(r.minutesSinceDose)} · ${minimum} · ${check} · ${state}` };
}

const formatMinutes = (minutes: number): string => (minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${String(minutes % 60).padStart(2, '0')} min` : ''}`);

export const formatSigned = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : '±0');

export function formatClock(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function formatCountdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

// A Map: a word of a rule id ("constructor-low") must never read an Object property.
const RULE_WORDS = new Map(Object.entries({ spo2: 'SpO₂', bp: 'BP', pr: 'pulse', hr: 'heart rate', map: 'MAP', sbp: 'systolic', dbp: 'diastolic' }));

/** "spo2-low" → "SpO₂ low": rule ids come from the versioned rule set, so they are shown, humanised. */
export function ruleLabel(ruleId: string): string {
  const text = ruleId
    .split(/[-_.\s]+/)
    .filter(Boolean)
    .map((word) => RULE_WORDS.get(word.toLowerCase()) ?? word.toLowerCase())
    .join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
