import { readdirSync, readFileSync } from 'node:fs';

// Where the CPU goes during a measured phase, read from Linux's /proc (proc(5)): each process's
// utime + stime, and the machine's busy time, so the figures say which process saturates a core
// instead of guessing. Processes counted by command name (PostgreSQL, the Kafka broker's JVM) include
// those other work on a shared machine runs; "others" is whatever busy time no named process explains.

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** A process's user + system CPU seconds so far, or undefined once it is gone. */
function cpuSecondsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after it are space-separated.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

function commandOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Every process running `command` (e.g. every PostgreSQL backend, this run's and others'). */
function pidsOf(command: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => commandOf(pid) === command);
}

/** The machine's busy CPU seconds (all cores), from /proc/stat's first line: all but idle and iowait. */
function machineBusySeconds(): number {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const ticks = values.map(Number);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return (ticks.reduce((a, b) => a + b, 0) - idle) / TICKS_PER_SECOND;
}

/** `cores`: average cores used over the watch; `seconds`: CPU seconds used. */
export type CpuShare = { name: string; cores: number; seconds: number };

/**
 * Starts counting; `stop()` answers the average cores used since by each process named by pid, by
 * each command (all its processes), by this process, by the rest, and the machine's busy cores.
 */
export function startCpuWatch(processes: () => { name: string; pid: number | undefined }[], commands: { name: string; command: string }[]): { stop: () => CpuShare[] } {
  const started = performance.now();
  const machineAtStart = machineBusySeconds();
  const atStart = new Map<string, number>();
  const sample = () => {
    const seconds = new Map<string, number>();
    for (const { name, pid } of processes()) {
      const used = pid === undefined ? undefined : cpuSecondsOf(pid);
      if (used !== undefined) seconds.set(name, (seconds.get(name) ?? 0) + used);
    }
    const own = process.cpuUsage();
    seconds.set('bench (load generator, dashboard client)', (own.user + own.system) / 1e6);
    for (const { name, command } of commands) seconds.set(name, pidsOf(command).reduce((sum, pid) => sum + (cpuSecondsOf(pid) ?? 0), 0));
    return seconds;
  };
  for (const [name, used] of sample()) atStart.set(name, used);
  return {
    stop: () => {
      const elapsed = (performance.now() - started) / 1000;
      const shares: CpuShare[] = [];
      let named = 0;
      for (const [name, used] of sample()) {
        // A process that ended meanwhile takes its seconds with it: never below zero.
        const seconds = Math.max(0, used - (atStart.get(name) ?? 0));
        named += seconds / elapsed;
        shares.push({ name, cores: seconds / elapsed, seconds });
      }
      const busyCores = (machineBusySeconds() - machineAtStart) / elapsed;
      shares.push({ name: 'others (other work on the machine)', cores: Math.max(0, busyCores - named), seconds: Math.max(0, busyCores - named) * elapsed });
      shares.push({ name: 'machine busy (of all cores)', cores: busyCores, seconds: busyCores * elapsed });
      return shares;
    },
  };
}
