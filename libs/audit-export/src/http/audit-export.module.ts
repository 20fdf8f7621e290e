import { Module } from '@nestjs/common';
import { AlertingModule } from '@vigil/alerting';
import { AuditReadController } from './audit-read.controller';

/** The auditor's replay, re-evaluation and export over HTTP, over the store and the live rule set. */
@Module({ imports: [AlertingModule], controllers: [AuditReadController] })
export class AuditExportModule {}
