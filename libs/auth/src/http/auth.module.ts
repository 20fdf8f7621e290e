import { Global, Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { CLOCK, VIGIL_CONFIG, type Clock, type VigilConfig } from '@vigil/platform';
import { PinAttempts } from '../display-pin';
import { SignInBackoff } from '../sign-in-backoff';
import { ensureFirstAdmin } from '../staff-accounts';
import { GatewayCredentialStore } from '../gateways/gateway-credential-store';
import { AccountStore } from '../store/account-store';
import { AcknowledgingPerson } from './acknowledging-person';
import { AuthController } from './auth.controller';
import { AccountOrGatewayThrottler, RATE_LIMITS } from './rate-limits';
import { staffSocketAccess } from './socket-access';
import { StaffAccessGuard } from './staff-access.guard';
import { GatewaysController } from './gateways.controller';
import { ACCOUNT_STORE, GATEWAY_CREDENTIAL_STORE, SOCKET_ACCESS } from './tokens';

/**
 * Staff accounts in the app: the accounts file of the data directory, the global guard on every
 * route, sign-in and sign-out, and the socket handshake check. On the first start of a deployment
 * it creates `admin` (docs/security.md, "The first admin").
 */
@Global()
@Module({
  imports: [ThrottlerModule.forRoot(RATE_LIMITS)],
  controllers: [AuthController, GatewaysController],
  providers: [
    { provide: ACCOUNT_STORE, useFactory: (config: VigilConfig) => AccountStore.openIn(config.dataDir), inject: [VIGIL_CONFIG] },
    {
      provide: SOCKET_ACCESS,
      useFactory: (accounts: AccountStore, clock: Clock, config: VigilConfig) => staffSocketAccess(accounts, clock, config.allowedOrigins),
      inject: [ACCOUNT_STORE, CLOCK, VIGIL_CONFIG],
    },
    { provide: GATEWAY_CREDENTIAL_STORE, useFactory: (config: VigilConfig) => GatewayCredentialStore.openIn(config.dataDir), inject: [VIGIL_CONFIG] },
    { provide: APP_GUARD, useClass: StaffAccessGuard },
    // After the staff guard, which has put the account on the request.
    { provide: APP_GUARD, useClass: AccountOrGatewayThrottler },
    SignInBackoff,
    PinAttempts,
    AcknowledgingPerson,
  ],
  exports: [ACCOUNT_STORE, SOCKET_ACCESS, GATEWAY_CREDENTIAL_STORE, AcknowledgingPerson],
})
export class AuthModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(ACCOUNT_STORE) private readonly accounts: AccountStore,
    @Inject(SOCKET_ACCESS) private readonly sockets: ReturnType<typeof staffSocketAccess>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
    @Inject(GATEWAY_CREDENTIAL_STORE) private readonly gateways: GatewayCredentialStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const first = await ensureFirstAdmin(this.accounts, this.config.adminPassword, this.clock.now());
    if (first.created && first.generatedPassword) {
      // Printed once, to the console of whoever started the server; never logged again or stored in clear.
      process.stdout.write(`\nvigil: created the first account "admin" with the password ${first.generatedPassword}\nvigil: it is shown only this once; change it with: npx vigil accounts reset-password admin\n\n`);
    } else if (first.created) {
      new Logger('Accounts').log('created the first account "admin" with the configured password');
    }
  }

  onApplicationShutdown(): void {
    this.sockets.stop();
    this.accounts.close();
    this.gateways.close();
  }
}
