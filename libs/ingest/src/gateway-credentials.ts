import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CREDENTIAL_STORE, type GatewayCredentialStore } from '@vigil/auth';
import { VIGIL_CONFIG, type VigilConfig } from '@vigil/platform';
import { createHash } from 'node:crypto';

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Gateway tokens, kept only as SHA-256 hashes: those configured in VIGIL_GATEWAYS, then those
 * managed with `vigil gateways` or by an admin over HTTP, read on every request so that a
 * revocation applies to the next one (docs/security.md, "Gateway credentials"). A token is looked up by its hash: the
 * comparison is over a digest the caller cannot steer byte by byte, so it leaks nothing by timing.
 */
@Injectable()
export class GatewayCredentials {
  private readonly byHash: ReadonlyMap<string, string>;

  constructor(
    @Inject(VIGIL_CONFIG) config: VigilConfig,
    @Inject(GATEWAY_CREDENTIAL_STORE) private readonly managed: GatewayCredentialStore,
  ) {
    this.byHash = new Map(config.gateways.map((g) => [g.tokenSha256, g.gatewayId]));
  }

  gatewayOf(authorization: string | undefined): string | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) return undefined;
    const hash = sha256Hex(match[1]!);
    return this.byHash.get(hash) ?? this.managed.gatewayOfTokenHash(hash);
  }
}
