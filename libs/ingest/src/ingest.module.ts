import { Module } from '@nestjs/common';
import { SessionsModule } from '@vigil/sessions';
import { GatewayCredentials } from './gateway-credentials';
import { IngestController } from './ingest.controller';
import { IngestService } from './ingest.service';

@Module({
  imports: [SessionsModule],
  controllers: [IngestController],
  providers: [IngestService, GatewayCredentials],
  exports: [IngestService],
})
export class IngestModule {}
