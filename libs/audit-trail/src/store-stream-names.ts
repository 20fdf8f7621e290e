import { LOG_START, type EventStore, type LogPosition } from '@vigil/event-store';

type ListsStreams = EventStore & { streamNames(after?: string, maxCount?: number): Promise<string[]> };
const listsStreams = (store: EventStore): store is ListsStreams => typeof (store as Partial<ListsStreams>).streamNames === 'function';

const PAGE = 1000;

/**
 * Every stream's name, in order. The SQLite and PostgreSQL adapters list them from an index; a
 * store that cannot (the in-memory one) is read whole, once.
 */
export async function storeStreamNames(store: EventStore): Promise<string[]> {
  if (listsStreams(store)) {
    const names: string[] = [];
    for (;;) {
      const page = await store.streamNames(names[names.length - 1] ?? '', PAGE);
      names.push(...page);
      if (page.length < PAGE) return names;
    }
  }
  const names = new Set<string>();
  let after: LogPosition = LOG_START;
  for (;;) {
    const page = await store.readAll({ afterPosition: after, maxCount: PAGE });
    for (const event of page) names.add(event.stream);
    if (page.length < PAGE) return [...names].sort();
    after = page[page.length - 1]!.position;
  }
}
