export * from './alert-event';
export * from './alerting-options';
export * from './alerting.module';
export * from './alerting.service';
export * from './session-engine';
export * from './active-alarms';
export * from './rule-set.provider';
export * from './processing-lag-monitor';
