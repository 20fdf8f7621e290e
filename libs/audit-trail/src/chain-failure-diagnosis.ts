import { recordedEventHash, type EventStore, type RecordedEvent } from '@vigil/event-store';

export type ChainFailureKind = 'edited-event' | 'broken-link' | 'missing-revision' | 'inserted-event' | 'swapped-events' | 'corrupt-event';
export type ChainFailure = { kind: ChainFailureKind; stream: string; revision: number; reason: string };

const NEAR = 3;

/**
 * The revision an event was hashed at, when it is within a few of where it is stored now. The
 * revision is part of the hash (docs/event-store.md "The hash chain"), so an event moved by a
 * deletion, an insertion or a swap still says where it was recorded.
 */
function recordedRevisionOf(event: RecordedEvent): number | undefined {
  for (let offset = 0; offset <= NEAR; offset++) {
    for (const revision of offset === 0 ? [event.revision] : [event.revision - offset, event.revision + offset]) {
      if (revision >= 0 && recordedEventHash({ ...event, revision }) === event.metadata.chain?.hash) return revision;
    }
  }
  return undefined;
}

/**
 * Turns the first failure `verifyStream` found at revision `at` into what happened there, by
 * looking at where the events around it were recorded: swapped, inserted, deleted and renumbered,
 * or (when none of these explains it) edited in place or with a broken link.
 */
export async function diagnoseChainFailure(store: EventStore, stream: string, at: number, reason: string): Promise<ChainFailure> {
  const fail = (kind: ChainFailureKind, revision: number, why: string): ChainFailure => ({ kind, stream, revision, reason: why });
  if (/^revision \d+ is missing/.test(reason)) return fail('missing-revision', at, `event deleted: ${reason}`);
  if (!/hash mismatch|link broken/.test(reason)) return fail(reason.includes('JSON') ? 'corrupt-event' : 'edited-event', at, reason);
  let near: RecordedEvent[];
  try {
    near = await store.readStream(stream, { fromRevision: at, maxCount: 2 });
  } catch {
    near = [];
  }
  const here = near.find((event) => event.revision === at);
  const next = near.find((event) => event.revision === at + 1);
  const hereWas = here && recordedRevisionOf(here);
  const nextWas = next && recordedRevisionOf(next);
  if (hereWas === at + 1 && nextWas === at) return fail('swapped-events', at, `events swapped: revision ${at} holds the event recorded at ${at + 1}, and revision ${at + 1} the one recorded at ${at}`);
  if (hereWas === at - 1) return fail('inserted-event', at - 1, `event inserted at revision ${at - 1}: the event recorded there now stands at revision ${at}`);
  if (nextWas === at) return fail('inserted-event', at, `event inserted at revision ${at}: the event recorded there now stands at revision ${at + 1}`);
  if (hereWas !== undefined && hereWas > at) return fail('missing-revision', at, `event deleted and later ones renumbered: revision ${at} holds the event recorded at ${hereWas}`);
  return fail(reason.startsWith('link broken') ? 'broken-link' : 'edited-event', at, reason.startsWith('hash mismatch') ? `event edited (data, metadata, id, type or times): ${reason}` : reason);
}
