import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { auditSigningKeyProvider } from './audit-signing-key.provider';
import { CheckpointService } from './checkpoint.service';

/** Signed checkpoints while the app runs, and the auditor's HTTP doors (docs/audit.md). */
@Module({ providers: [auditSigningKeyProvider, CheckpointService], controllers: [AuditController] })
export class AuditTrailModule {}
