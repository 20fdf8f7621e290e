/** The accounts file the app opened (one per process, shared by the guard, sign-in and sockets). */
export const ACCOUNT_STORE = Symbol('AccountStore');
/** Run-time gateway credentials (vigil gateways, admin over HTTP), beside VIGIL_GATEWAYS. */
export const GATEWAY_CREDENTIAL_STORE = Symbol('GatewayCredentialStore');
/** Attaches the staff check to a socket.io server (the dashboard gateway calls it in afterInit). */
export const SOCKET_ACCESS = Symbol('SocketAccess');

export type SocketAccess = { attach(server: unknown): void };
