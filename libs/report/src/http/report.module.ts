import { Module } from '@nestjs/common';
import { AlertingModule } from '@vigil/alerting';
import { ReportController } from './report.controller';

/** Session reports (PDF) and the day overview, over the store and the rule set the alarms use. */
@Module({ imports: [AlertingModule], controllers: [ReportController] })
export class ReportModule {}
