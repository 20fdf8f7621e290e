import { Module } from '@nestjs/common';
import { ruleSetProvider } from '@vigil/alerting';
import { DeviceRegistry } from './device-registry';
import { SessionDirectory } from './directory/session-directory';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

@Module({
  controllers: [SessionsController],
  // The rule set's thresholds and observation minimum feed the REMS safeguards.
  providers: [SessionsService, DeviceRegistry, SessionDirectory, ruleSetProvider],
  exports: [SessionsService, DeviceRegistry, SessionDirectory],
})
export class SessionsModule {}
