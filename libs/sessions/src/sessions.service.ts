import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  checkClinicalTime,
  decideSession,
  InvalidCommandError,
  readSessionCommandEvent,
  DeviceAlreadyBoundError,
  type DeviceHolder,
  sessionStreamName,
  type AdministerDose,
  type BindDevice,
  type EndSession,
  type RecordIntervention,
  type SessionCommand,
  type SessionCommandEvent,
  type StartSession,
  type UnbindDevice,
} from '@vigil/domain';
import { canonicalJson, WrongExpectedRevisionError, type AppendResult, type EventStore, type LogPosition, type NewEvent, type RecordedEvent } from '@vigil/event-store';
import { CLOCK, deterministicId, EVENT_STORE, type Clock } from '@vigil/platform';
import { RULE_SET } from '@vigil/alerting';
import type { RuleSet } from '@vigil/rules';
import { ConcurrencyConflictError } from './concurrency-conflict.error';
import { DeviceRegistry } from './device-registry';
import { IdempotencyKeyReusedError, sessionIdForKey, type Idempotency } from './idempotency';
import { doseWarnings, type DoseWarning } from './dose-warnings';
import { doseFactsOf, endFactsOf } from './safeguard-facts';
import { loadSession } from './session-stream';

const MAX_ATTEMPTS = 5;

export type CommandResult = { sessionId: string; events: SessionCommandEvent[]; revision: number; position: LogPosition };

/**
 * The staff's commands: decide on the current stream, append with its revision, retry on a race.
 * The sessions module is the one writer of `session-<id>` (docs/streams.md): readings and alarms
 * go to streams of their own, so a command races only with another staff command.
 */
@Injectable()
export class SessionsService {
  /** Commands decided and appended, and how many of them had to be decided again after a race (health shows both). */
  readonly attempts = { commands: 0, retries: 0 };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly devices: DeviceRegistry,
    @Inject(RULE_SET) private readonly ruleSet: RuleSet,
  ) {}

  start(input: Omit<StartSession['data'], 'sessionId' | 'at'> & { sessionId?: string; at?: string }, startedBy: string, idempotency?: Idempotency): Promise<CommandResult> {
    const sessionId = input.sessionId ?? (idempotency ? sessionIdForKey(idempotency.key) : randomUUID());
    const at = this.clinicalTime(sessionId, 'at', input.at) ?? this.now();
    return this.execute(sessionId, { type: 'StartSession', data: { ...input, sessionId, at } }, idempotency, startedBy);
  }

  /**
   * Claims the device (compare-and-set on its binding stream, so two sessions cannot both hold it,
   * whichever process they are bound from) and records the binding. No lock: a claim that lost a
   * race is decided again on what won it (docs/streams.md).
   */
  async bindDevice(sessionId: string, input: Omit<BindDevice['data'], 'at' | 'heldBySessionId'>, idempotency?: Idempotency): Promise<CommandResult> {
    const at = this.now();
    for (let attempt = 1; ; attempt++) {
      const prior = await this.priorResult(sessionId, idempotency);
      if (prior) return prior;
      const { claim, revision } = await this.devices.readClaim(input.deviceId);
      let heldBy: string | undefined;
      let holder: DeviceHolder | undefined;
      if (claim && claim.sessionId !== sessionId) {
        const { state } = await loadSession(this.store, claim.sessionId);
        if (state.status === 'active' && state.devices.has(input.deviceId)) {
          heldBy = claim.sessionId;
          holder = { room: state.room, patientPseudonym: state.patientPseudonym };
        }
      }
      const command: BindDevice = { type: 'BindDevice', data: { ...input, at, ...(heldBy ? { heldBySessionId: heldBy } : {}) } };
      // Decide once before claiming so a rejected command leaves no claim behind. A conflict names
      // the other session as staff know it, by room and patient, not by its id alone.
      try {
        decideSession(command, (await loadSession(this.store, sessionId)).state, sessionId);
      } catch (error) {
        if (error instanceof DeviceAlreadyBoundError && heldBy && holder) throw new DeviceAlreadyBoundError(sessionId, input.deviceId, heldBy, holder);
        throw error;
      }
      const claimedHere = !(claim && claim.sessionId === sessionId);
      if (claimedHere) {
        const claimId = deterministicId('device-claim', input.deviceId, revision ?? -1, sessionId);
        try {
          await this.devices.claim(input.deviceId, { sessionId, deviceKind: input.deviceKind }, revision, claimId, at);
        } catch (error) {
          if (!(error instanceof WrongExpectedRevisionError)) throw error;
          if (attempt >= MAX_ATTEMPTS) throw new DeviceAlreadyBoundError(sessionId, input.deviceId, 'another session');
          continue; // someone else changed the claim meanwhile: decide again on what they wrote
        }
      }
      try {
        const result = await this.execute(sessionId, command, idempotency);
        // Also when the claim was already ours (a retry after a crash between the two writes),
        // whatever the routing cache concluded while the session did not yet hold the device.
        this.devices.bound(input.deviceId, { sessionId, deviceKind: input.deviceKind });
        return result;
      } catch (error) {
        // Only a claim this call made is taken back: one that was already ours may be another
        // request's, binding the same device to this session at the same moment.
        if (claimedHere) await this.devices.release(input.deviceId, sessionId, deterministicId('device-release-after-reject', input.deviceId, sessionId, at), at);
        throw error;
      }
    }
  }

  async unbindDevice(sessionId: string, deviceId: string, by: string, idempotency?: Idempotency): Promise<CommandResult> {
    const command: UnbindDevice = { type: 'UnbindDevice', data: { deviceId, by, at: this.now() } };
    const result = await this.execute(sessionId, command, idempotency);
    await this.releaseDevices(sessionId, result);
    return result;
  }

  async administerDose(
    sessionId: string,
    input: Omit<AdministerDose['data'], 'at' | 'administeredAt' | 'facts'> & { administeredAt?: string },
    idempotency?: Idempotency,
  ): Promise<CommandResult & { warnings: DoseWarning[] }> {
    const at = this.now();
    const administeredAt = this.clinicalTime(sessionId, 'administeredAt', input.administeredAt) ?? at;
    const facts = await doseFactsOf(this.store, sessionId, administeredAt);
    const result = await this.execute(sessionId, { type: 'AdministerDose', data: { ...input, administeredAt, at, facts } }, idempotency);
    return { ...result, warnings: await doseWarnings(this.store, sessionId, this.clock.now()) };
  }

  recordIntervention(sessionId: string, input: Omit<RecordIntervention['data'], 'at'> & { at?: string }, idempotency?: Idempotency): Promise<CommandResult> {
    const at = this.clinicalTime(sessionId, 'at', input.at) ?? this.now();
    return this.execute(sessionId, { type: 'RecordIntervention', data: { ...input, at } }, idempotency);
  }

  async end(sessionId: string, input: Omit<EndSession['data'], 'at' | 'facts'>, idempotency?: Idempotency): Promise<CommandResult> {
    const facts = await endFactsOf(this.store, sessionId, (await loadSession(this.store, sessionId)).state, this.ruleSet);
    const result = await this.execute(sessionId, { type: 'EndSession', data: { ...input, at: this.now(), facts } }, idempotency);
    await this.releaseDevices(sessionId, result);
    return result;
  }

  private async releaseDevices(sessionId: string, result: CommandResult): Promise<void> {
    for (const event of result.events) {
      if (event.type !== 'DeviceUnbound') continue;
      const { deviceId, at } = event.data;
      await this.devices.release(deviceId, sessionId, deterministicId('device-release', sessionId, deviceId, at), at);
    }
  }

  /** The answer a command with this idempotency key already got in this session, if any. */
  private async priorResult(sessionId: string, idempotency: Idempotency | undefined): Promise<CommandResult | undefined> {
    if (!idempotency) return undefined;
    return priorResultIn(sessionId, (await loadSession(this.store, sessionId)).commands, idempotency);
  }

  /** Decide-and-append with optimistic concurrency: re-read and re-decide when the stream moved. */
  private async execute(sessionId: string, command: SessionCommand, idempotency?: Idempotency, startedBy?: string): Promise<CommandResult> {
    const stream = sessionStreamName(sessionId);
    this.attempts.commands++;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (attempt > 1) this.attempts.retries++;
      const { state, expectedRevision, commands } = await loadSession(this.store, sessionId);
      const prior = idempotency && priorResultIn(sessionId, commands, idempotency);
      if (prior) return prior;
      const events = decideSession(command, state, sessionId);
      const base = expectedRevision === 'no-stream' ? -1 : expectedRevision;
      const toAppend: NewEvent[] = events.map((event, index) => ({
        // Same stream, base revision, place and content: a retried write is a no-op, while a
        // different command racing for the same revision gets another id and a revision conflict.
        id: deterministicId(stream, base, index, event.type, canonicalJson(event.data)),
        type: event.type,
        data: event.data,
        metadata: {
          causedBy: `user:${command.type === 'StartSession' ? (startedBy ?? command.data.clinician) : command.data.by}`,
          command: command.type,
          schemaVersion: 1,
          ...(idempotency ? { idempotencyKey: idempotency.key, requestHash: idempotency.requestHash } : {}),
        },
        occurredAt: occurredAt(event),
      }));
      try {
        const result: AppendResult = await this.store.appendToStream(stream, toAppend, { expectedRevision });
        return { sessionId, events, revision: result.nextExpectedRevision, position: result.position };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
    throw new ConcurrencyConflictError(stream, MAX_ATTEMPTS);
  }

  /** A client-given clinical time under the same rules as the gateways' (libs/domain/src/clinical-time.ts). */
  private clinicalTime(sessionId: string, field: string, value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    const checked = checkClinicalTime(value, this.clock.now().getTime(), JSON.stringify(value.slice(0, 40)));
    if (!checked.ok) throw new InvalidCommandError(sessionId, field, checked.reason);
    return checked.iso;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

function priorResultIn(sessionId: string, commands: readonly RecordedEvent[], idempotency: Idempotency): CommandResult | undefined {
  const prior = commands.filter((event) => event.metadata.idempotencyKey === idempotency.key);
  const last = prior[prior.length - 1];
  if (!last) return undefined;
  if (last.metadata.requestHash !== idempotency.requestHash) throw new IdempotencyKeyReusedError(idempotency.key);
  return {
    sessionId,
    events: prior.map(readSessionCommandEvent),
    revision: last.revision,
    position: last.position,
  };
}

function occurredAt(event: SessionCommandEvent): string {
  return event.type === 'DoseAdministered' ? event.data.administeredAt : event.data.at;
}
