import { Logger } from '@nestjs/common';
import type { Clock } from '@vigil/platform';
import { originProblem } from '../cross-site-requests';
import type { Server, Socket } from 'socket.io';
import { rolesAllow, type Permission } from '../roles';
import { authenticate } from '../staff-sessions';
import type { AccountStore } from '../store/account-store';
import { presentedToken } from './session-cookie';
import type { SocketAccess } from './tokens';

/** The dashboard socket watches; every message on it is covered by this one permission. */
export const SOCKET_PERMISSION: Permission = 'watch';
/** How often open sockets are re-checked: a disabled account or an ended session is dropped within this. */
export const SOCKET_RECHECK_MS = 2_000;

type AuthenticatedSocket = Socket & { data: { staffToken?: string } };

/**
 * socket.io's handshake is an HTTP request the Nest guard never sees, so the check happens here:
 * the session cookie (the page) or `auth.token` (programs), a live session, and a role that may
 * watch; otherwise the connection is refused with `unauthorized` or `forbidden`. Open sockets are
 * re-checked (which also slides their session) and disconnected once it fails (docs/security.md).
 */
export function staffSocketAccess(accounts: AccountStore, clock: Clock, allowedOrigins: readonly string[] = []): SocketAccess & { stop(): void } {
  const log = new Logger('SocketAccess');
  const timers: NodeJS.Timeout[] = [];
  const allowed = (token: string | undefined) => {
    if (token === undefined) return 'unauthorized';
    const session = authenticate(accounts, token, clock.now());
    if (!session) return 'unauthorized';
    return rolesAllow(session.roles, SOCKET_PERMISSION) ? 'ok' : 'forbidden';
  };
  return {
    attach(server: unknown) {
      const io = server as Server;
      io.use((socket, next) => {
        // A page of another site must not read every session over a cross-origin WebSocket.
        const { origin, host } = socket.handshake.headers;
        const crossSite = originProblem({ origin: typeof origin === 'string' ? origin : undefined, host, secFetchSite: undefined }, allowedOrigins);
        if (crossSite) return next(new Error('forbidden-origin'));
        const auth = socket.handshake.auth as { token?: unknown } | undefined;
        const token = typeof auth?.token === 'string' ? auth.token : presentedToken(socket.handshake.headers);
        const verdict = allowed(token);
        if (verdict !== 'ok') return next(new Error(verdict));
        (socket as AuthenticatedSocket).data.staffToken = token;
        next();
      });
      const timer = setInterval(() => {
        for (const socket of io.sockets.sockets.values()) {
          if (allowed((socket as AuthenticatedSocket).data.staffToken) === 'ok') continue;
          log.log(`socket ${socket.id}: the session ended or lost its role; disconnected`);
          socket.emit('signed-out', { reason: 'the session ended or the account was disabled' });
          socket.disconnect(true);
        }
      }, SOCKET_RECHECK_MS);
      timer.unref();
      timers.push(timer);
    },
    stop() {
      for (const timer of timers) clearInterval(timer);
    },
  };
}
