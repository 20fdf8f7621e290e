export * from './generate-report';
export * from './model/rems-form';
export * from './model/session-record';
export * from './model/session-report';
export * from './model/stats';
export * from './model/vitals';
export * from './pdf/render-report-pdf';
export * from './read-session-events';
