import { Inject, Injectable } from '@nestjs/common';
import { VIGIL_CONFIG, type VigilConfig } from '@vigil/platform';
import { createHash } from 'node:crypto';

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Configured gateway tokens, kept only as SHA-256 hashes. A token is looked up by its hash: the
 * comparison is over a digest the caller cannot steer byte by byte, so it leaks nothing by timing.
 */
@Injectable()
export class GatewayCredentials {
  private readonly byHash: ReadonlyMap<string, string>;

  constructor(@Inject(VIGIL_CONFIG) config: VigilConfig) {
    this.byHash = new Map(config.gateways.map((g) => [g.tokenSha256, g.gatewayId]));
  }

  gatewayOf(authorization: string | undefined): string | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    return match ? this.byHash.get(sha256Hex(match[1]!)) : undefined;
  }
}
