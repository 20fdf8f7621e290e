import { userInfo } from 'node:os';

/** Who the audit names for a change made with the CLI: the operating-system account that ran it. */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}
