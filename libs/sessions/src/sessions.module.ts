import { Module } from '@nestjs/common';
import { DeviceRegistry } from './device-registry';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

@Module({
  controllers: [SessionsController],
  providers: [SessionsService, DeviceRegistry],
  exports: [SessionsService, DeviceRegistry],
})
export class SessionsModule {}
