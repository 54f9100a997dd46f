/**
 * The peak resident memory of the processes a process started (a server's query processes): VmHWM from /proc,
 * sampled every 50 ms while a question runs, since a query process may end before it could be read once.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Every process under `pid`, from /proc's children lists. */
function descendants(pid: number): number[] {
  const found: number[] = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
    for (const child of text ? text.split(' ').map(Number) : []) found.push(child, ...descendants(child));
  }
  return found;
}

/** Starts sampling the processes under `root`; the function returned stops and gives the largest peak, in bytes. */
export function watchChildren(root: number): () => number {
  const peaks = new Map<number, number>();
  const sample = () => {
    try {
      for (const pid of descendants(root)) {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (hwm) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, Number(hwm[1]) * 1024));
      }
    } catch {
      // A process that ended between the listing and the reading.
    }
  };
  const timer = setInterval(sample, 50);
  return () => {
    sample();
    clearInterval(timer);
    return Math.max(0, ...peaks.values());
  };
}
