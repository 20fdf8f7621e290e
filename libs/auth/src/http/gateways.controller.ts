import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CLOCK, IdField, type Clock } from '@vigil/platform';
import { NoGatewayCredentialError, type GatewayCredentialStore } from '../gateways/gateway-credential-store';
import type { StaffSession } from '../store/account-store';
import { RequiresPermission } from './route-access.decorator';
import { SignedInStaff } from './signed-in-staff.decorator';
import { GATEWAY_CREDENTIAL_STORE } from './tokens';

export class GatewayIdBody {
  @ApiProperty({ example: 'gw-room-2' })
  @IdField('gatewayId')
  gatewayId: string;
}

/** The admin's HTTP side of `vigil gateways add|list|revoke` (docs/security.md, "Gateway credentials"). */
@ApiTags('gateways')
@RequiresPermission('manage-gateways')
@Controller('api/v1/gateways')
export class GatewaysController {
  constructor(
    @Inject(GATEWAY_CREDENTIAL_STORE) private readonly gateways: GatewayCredentialStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @ApiOperation({ summary: 'A new token for a gateway: 201 {gatewayId, token}; the token is shown only in this answer' })
  add(@Body() body: GatewayIdBody, @SignedInStaff() staff: StaffSession) {
    return this.gateways.add(body.gatewayId, this.clock.now(), staff.username);
  }

  @Get()
  @ApiOperation({ summary: 'Every managed credential: gateway id, hash prefix, created and revoked times (never a token)' })
  list() {
    return { credentials: this.gateways.list() };
  }

  @Post(':gatewayId/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: "Revoke every token of the gateway: refused on its next request; 404 when it has none active" })
  revoke(@Param() { gatewayId }: GatewayIdBody, @SignedInStaff() staff: StaffSession) {
    try {
      return { gatewayId, revoked: this.gateways.revoke(gatewayId, this.clock.now(), staff.username) };
    } catch (error) {
      if (error instanceof NoGatewayCredentialError) throw new NotFoundException(error.message);
      throw error;
    }
  }
}
