import { Module } from '@nestjs/common';
import { ALERTING_OPTIONS, ALERTING_START_GATE, DEFAULT_ALERTING_OPTIONS, type AlertingOptions } from './alerting-options';
import { AlertingController } from './alerting.controller';
import { AlertingService } from './alerting.service';
import { ProcessingLagMonitor } from './processing-lag-monitor';
import { ruleSetProvider, RULE_SET } from './rule-set.provider';
import { VIGIL_CONFIG, type VigilConfig } from '@vigil/platform';

@Module({
  controllers: [AlertingController],
  providers: [
    AlertingService,
    ProcessingLagMonitor,
    ruleSetProvider,
    {
      provide: ALERTING_OPTIONS,
      inject: [VIGIL_CONFIG, { token: ALERTING_START_GATE, optional: true }],
      useFactory: (config: VigilConfig, startGate?: AlertingOptions['startGate']): AlertingOptions => ({
        ...DEFAULT_ALERTING_OPTIONS,
        tickIntervalMs: config.tickIntervalMs,
        drillDelayPerEventMs: config.drillProcessingDelayMs,
        ...(startGate ? { startGate } : {}),
      }),
    },
  ],
  exports: [AlertingService, ProcessingLagMonitor, RULE_SET],
})
export class AlertingModule {}
