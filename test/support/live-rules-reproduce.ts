import { reevaluateSession, sessionsStartedSince, type AlarmDifference } from '@vigil/audit-export';
import { sessionStreamNames } from '@vigil/domain';
import { defaultRuleSet, parseRuleSet, type RuleSet } from '@vigil/rules';
import { readFileSync } from 'node:fs';
import { withAppStore, allEvents } from './app-store';
import { settled } from './waiting';

/**
 * Issue 13, "Done means": re-evaluating every session the app recorded under the rule set it ran
 * with reports no difference. Waits for the alert engine to settle, then re-evaluates each session
 * in the app's store (read-only: no access record is written) and answers the sessions it
 * re-evaluated and the differences found, by session; a suite expects `differences: {}`.
 */
export async function reevaluationDifferences(app: { url: string; dataDir: string }, rulesFile?: string): Promise<{ sessions: string[]; differences: Record<string, AlarmDifference[]> }> {
  await settled(app);
  const ruleSet: RuleSet = rulesFile ? parseRuleSet(JSON.parse(readFileSync(rulesFile, 'utf8'))) : defaultRuleSet;
  return withAppStore(app.dataDir, async (store) => {
    const all = await allEvents(store);
    const streams = [...new Set(all.map((event) => event.stream))];
    const found: Record<string, AlarmDifference[]> = {};
    const sessions = await sessionsStartedSince(store, streams, '1970-01-01T00:00:00Z');
    for (const sessionId of sessions) {
      const streamsOfSession = new Set(sessionStreamNames(sessionId));
      const events = all.filter((event) => streamsOfSession.has(event.stream));
      const { differences } = reevaluateSession(sessionId, events, ruleSet, (a, b) => store.comparePositions(a, b));
      if (differences.length > 0) found[sessionId] = differences;
    }
    return { sessions, differences: found };
  });
}

/**
 * The check each suite that records sessions runs while its app is still up (the alert engine may
 * still owe an alarm write; a stopped app would leave it unwritten): fails naming each session and
 * its differences. Both app harnesses run it when a suite stops a running app (built-app.ts,
 * vigil-process.ts), so every suite that records sessions is covered.
 */
export async function expectLiveRulesReproduce(app: { url: string; dataDir: string }, rulesFile?: string): Promise<void> {
  const { differences } = await reevaluationDifferences(app, rulesFile);
  if (Object.keys(differences).length > 0) {
    throw new Error(`re-evaluating the recorded sessions under the live rule set differs from the record (issue 13):\n${JSON.stringify(differences, null, 2)}`);
  }
}
