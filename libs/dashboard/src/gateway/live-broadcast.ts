/**
 * Where this instance sends its projection's live batches (docs/distributed.md "Dashboard"):
 * - `every-instance`: to the live clients of every dashboard instance (a cross-instance socket.io
 *   adapter relays them; this instance is the one broadcaster);
 * - `this-instance`: to its own live clients only (the embedded app; an instance without a shared
 *   broadcast channel);
 * - `none`: not at all: another instance broadcasts, and its batches reach this instance's clients.
 *
 * The sequence number of a batch is the event's ordinal in the log, the same on every instance of
 * one store, so a client can take batches from another instance's projection than the one that
 * brought it up to date; its gap check asks for a resume when they differ (page/connection.ts).
 */
export type LiveBroadcastScope = 'every-instance' | 'this-instance' | 'none';

/** The port the gateway asks before each batch; the answer may change while the app runs (a lease taken or lost). */
export interface LiveBroadcastRole {
  scope(): LiveBroadcastScope;
  /**
   * Whether this instance's projection writes the views the instances share (the store's
   * checkpoint) now: one writer at a time (DashboardProjectionOptions.writesViews). Always, when absent.
   */
  writesViews?(): boolean;
}

export const LIVE_BROADCAST_ROLE = Symbol('LiveBroadcastRole');

/** One process, one set of clients: what the embedded app does. */
export const THIS_INSTANCE_ONLY: LiveBroadcastRole = { scope: () => 'this-instance' };
