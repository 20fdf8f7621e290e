import { Module } from '@nestjs/common';
import { ALERTING_OPTIONS, DEFAULT_ALERTING_OPTIONS } from './alerting-options';
import { AlertingController } from './alerting.controller';
import { AlertingService } from './alerting.service';
import { ruleSetProvider, RULE_SET } from './rule-set.provider';
import { VIGIL_CONFIG, type VigilConfig } from '@vigil/platform';

@Module({
  controllers: [AlertingController],
  providers: [
    AlertingService,
    ruleSetProvider,
    {
      provide: ALERTING_OPTIONS,
      inject: [VIGIL_CONFIG],
      useFactory: (config: VigilConfig) => ({ ...DEFAULT_ALERTING_OPTIONS, tickIntervalMs: config.tickIntervalMs }),
    },
  ],
  exports: [AlertingService, RULE_SET],
})
export class AlertingModule {}
