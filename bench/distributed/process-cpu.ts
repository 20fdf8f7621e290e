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
  // Counted per process, so one that starts or ends meanwhile (a PostgreSQL backend, another
  // session's broker) adds only what it used inside the window, or nothing once it is gone.
  const sample = () => {
    const perProcess = new Map<string, { name: string; used: number }>();
    for (const { name, pid } of processes()) {
      const used = pid === undefined ? undefined : cpuSecondsOf(pid);
      if (used !== undefined) perProcess.set(`${pid}`, { name, used });
    }
    for (const { name, command } of commands) {
      for (const pid of pidsOf(command)) {
        const used = cpuSecondsOf(pid);
        if (used !== undefined && !perProcess.has(`${pid}`)) perProcess.set(`${pid}`, { name, used });
      }
    }
    const own = process.cpuUsage();
    perProcess.set('self', { name: 'bench (load generator, dashboard client)', used: (own.user + own.system) / 1e6 });
    return perProcess;
  };
  const atStart = sample();
  return {
    stop: () => {
      const elapsed = (performance.now() - started) / 1000;
      const byName = new Map<string, number>([...processes().map(({ name }) => name), ...commands.map(({ name }) => name)].map((name) => [name, 0]));
      for (const [key, { name, used }] of sample()) byName.set(name, (byName.get(name) ?? 0) + used - (atStart.get(key)?.used ?? 0));
      const shares: CpuShare[] = [...byName].map(([name, seconds]) => ({ name, cores: seconds / elapsed, seconds }));
      const named = shares.reduce((sum, share) => sum + share.cores, 0);
      const busyCores = (machineBusySeconds() - machineAtStart) / elapsed;
      shares.push({ name: 'others (other work on the machine)', cores: Math.max(0, busyCores - named), seconds: Math.max(0, busyCores - named) * elapsed });
      shares.push({ name: 'machine busy (of all cores)', cores: busyCores, seconds: busyCores * elapsed });
      return shares;
    },
  };
}
