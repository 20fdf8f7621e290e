/*
 * Conditions of the whole monitor, not of one patient: the store cannot record, or readings wait
 * longer than the set bound before the alert engine has judged them, or the engine is still
 * rebuilding after a start. Each is a technical alarm for the staff (shown on every tile), a
 * reason for readiness to fail, and a 503 with Retry-After for gateways (docs/overload-and-outages.md).
 */
export type SystemCondition =
  | { code: 'recording-stopped'; reason: string; message: string; since: string }
  | { code: 'monitoring-delayed'; lagSeconds: number; boundSeconds: number; message: string; since: string }
  | { code: 'starting'; message: string; since: string; progress?: { processedEvents: number; totalEvents: number } };

export type SystemConditionCode = SystemCondition['code'];

export const SYSTEM_CONDITIONS = Symbol('SystemConditions');

type Listener = (conditions: readonly SystemCondition[]) => void;

export class SystemConditions {
  private readonly current = new Map<SystemConditionCode, SystemCondition>();
  private readonly listeners = new Set<Listener>();
  /** A condition some component can answer for at any moment; it wins over the last value set. */
  private readonly probes = new Map<SystemConditionCode, () => boolean>();

  list(): SystemCondition[] {
    return [...this.current.values()].filter((condition) => this.holds(condition.code));
  }

  get(code: SystemConditionCode): SystemCondition | undefined {
    return this.holds(code) ? this.current.get(code) : undefined;
  }

  /** `stillHolds` is asked on every read, so a condition that ended is not reported until the next update. */
  probe(code: SystemConditionCode, stillHolds: () => boolean): void {
    this.probes.set(code, stillHolds);
  }

  private holds(code: SystemConditionCode): boolean {
    return this.probes.get(code)?.() ?? true;
  }

  /** Sets or clears one condition; listeners hear only real changes (not a lag that moved by 0 s). */
  set(code: SystemConditionCode, condition: SystemCondition | undefined): void {
    const before = this.current.get(code);
    if (condition === undefined) {
      if (!before) return;
      this.current.delete(code);
    } else {
      const kept = before ? { ...condition, since: before.since } : condition;
      if (before && JSON.stringify(before) === JSON.stringify(kept)) return;
      this.current.set(code, kept);
    }
    const snapshot = this.list();
    for (const listener of this.listeners) listener(snapshot);
  }

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
