import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | null = null;

/** CPU seconds (user and system) process `pid` has used so far, from /proc; 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may hold spaces: fields are counted after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds a set of processes used while `work` ran. `pids` is asked before and after, so a
 * process started meanwhile counts too; one that ended meanwhile does not.
 */
export async function cpuDuring<T>(pids: () => Promise<number[]>, work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const before = new Map((await pids()).map((pid) => [pid, cpuSeconds(pid)]));
  const result = await work();
  let seconds = 0;
  for (const pid of new Set([...before.keys(), ...(await pids())])) seconds += Math.max(0, cpuSeconds(pid) - (before.get(pid) ?? 0));
  return { result, seconds };
}
