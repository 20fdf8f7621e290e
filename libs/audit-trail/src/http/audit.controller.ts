import { Controller, Get, Inject, NotFoundException, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { RequiresPermission, SignedInStaff, type StaffSession } from '@vigil/auth';
import { SessionNotFoundError, sessionStreamName, sessionStreamNames } from '@vigil/domain';
import type { EventStore } from '@vigil/event-store';
import { EVENT_STORE, IdField } from '@vigil/platform';
import { IsOptional } from 'class-validator';
import { readAuditAccesses, recordAuditAccess, type AuditAccess } from '../access-record';
import type { AuditSigningKey } from '../audit-key';
import { latestWitnessCheckpoint } from '../checkpoint-log';
import { storeStreamNames } from '../store-stream-names';
import { verifyStore } from '../verify-store';
import { AUDIT_SIGNING_KEY } from './audit-signing-key.provider';

export class AuditSessionQuery {
  @ApiPropertyOptional({ description: 'Only this session' })
  @IsOptional()
  @IdField('sessionId')
  session?: string;
}

/** The auditor's read-only doors (docs/audit.md "Over HTTP"); every look is itself recorded. */
@ApiTags('audit')
@Controller('api/v1/audit')
export class AuditController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AUDIT_SIGNING_KEY) private readonly key: AuditSigningKey,
  ) {}

  @Get('verify')
  @RequiresPermission('verify')
  @ApiOperation({ summary: "Check every hash chain and every signed checkpoint (?session= for one session's, with inclusion proofs); findings name stream, revision and reason" })
  async verify(@Query() { session }: AuditSessionQuery, @SignedInStaff() staff: StaffSession) {
    if (session !== undefined && (await this.store.streamRevision(sessionStreamName(session))) === undefined) throw new SessionNotFoundError(session);
    const streams = session !== undefined ? sessionStreamNames(session) : await storeStreamNames(this.store);
    const report = await verifyStore(this.store, { streams, key: this.key, ...(session !== undefined ? { scoped: { session } } : {}) });
    await this.recordLook(staff, 'verify', session, { ok: report.ok, findings: report.findings.length });
    return report;
  }

  @Get('checkpoint')
  @RequiresPermission('verify')
  @ApiOperation({ summary: 'The latest signed checkpoint with every stream head, to keep elsewhere as a witness (`vigil audit verify --against`)' })
  async checkpoint(@SignedInStaff() staff: StaffSession) {
    const witness = await latestWitnessCheckpoint(this.store, this.key.publicKeyPem);
    if (!witness) throw new NotFoundException('no checkpoint recorded yet: the app records one within seconds of an append');
    await this.recordLook(staff, 'checkpoint', undefined, { sequence: witness.sequence });
    return witness;
  }

  @Get('access')
  @RequiresPermission('read-access-records')
  @ApiOperation({ summary: 'Who replayed, exported, verified or re-evaluated the record, oldest first (?session= for one session)' })
  async access(@Query() { session }: AuditSessionQuery, @SignedInStaff() staff: StaffSession) {
    const accesses = await readAuditAccesses(this.store, session !== undefined ? { sessionId: session } : {});
    await this.recordLook(staff, 'access', session);
    return { accesses };
  }

  private recordLook(staff: StaffSession, action: AuditAccess['action'], sessionId: string | undefined, detail?: AuditAccess['detail']): Promise<void> {
    return recordAuditAccess(this.store, { by: `user:${staff.username}`, action, ...(sessionId !== undefined ? { sessionId } : {}), ...(detail ? { detail } : {}), at: new Date().toISOString() });
  }
}
