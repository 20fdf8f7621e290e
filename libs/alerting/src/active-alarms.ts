import type { EngineOutput } from '@vigil/rules';

export type ActiveAlarm = { sessionId: string; alertId: string; ruleId: string; priority: string; raisedAt: string; acknowledged?: { by: string; at: string } };

/** The alarms currently visible (raised, not yet cleared), kept from the engine's transitions. */
export class ActiveAlarms {
  private readonly byId = new Map<string, ActiveAlarm>();

  apply(outputs: readonly EngineOutput[]): void {
    for (const output of outputs) {
      switch (output.type) {
        case 'AlertRaised':
          this.byId.set(output.data.alertId, {
            sessionId: output.sessionId,
            alertId: output.data.alertId,
            ruleId: output.data.ruleId,
            priority: output.data.priority,
            raisedAt: output.at,
          });
          break;
        case 'AlertEscalated': {
          const alarm = this.byId.get(output.data.alertId);
          if (alarm) alarm.priority = output.data.priority;
          break;
        }
        case 'AlertCleared':
          this.byId.delete(output.data.alertId);
          break;
        default: {
          const exhaustive: never = output;
          return exhaustive;
        }
      }
    }
  }

  /** A stored acknowledgement; one for an alarm that has since cleared changes nothing. */
  acknowledged(alertId: string, by: string, at: string): void {
    const alarm = this.byId.get(alertId);
    if (alarm && !alarm.acknowledged) alarm.acknowledged = { by, at };
  }

  get(alertId: string): ActiveAlarm | undefined {
    return this.byId.get(alertId);
  }

  /** Alarms restored from a checkpoint (alerting-checkpoint.ts). */
  restore(alarms: readonly ActiveAlarm[]): void {
    for (const alarm of alarms) this.byId.set(alarm.alertId, { ...alarm });
  }

  /** An ended session shows nothing: its alarms cleared with it. */
  forgetSession(sessionId: string): void {
    for (const [alertId, alarm] of this.byId) if (alarm.sessionId === sessionId) this.byId.delete(alertId);
  }

  inSession(sessionId: string): ActiveAlarm[] {
    return [...this.byId.values()].filter((alarm) => alarm.sessionId === sessionId);
  }
}
