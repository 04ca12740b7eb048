// CPU accounting from /proc (Linux only; elsewhere every figure is undefined): how much CPU
// the server spent per request, and how busy the whole machine was meanwhile, so a figure
// taken while something else ran on the machine can be told apart.
import { readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on every Linux we run on

/** @param {number | undefined} pid @returns {number | undefined} user + system ms */
function processCpuMs(pid) {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}

/** @returns {{ busy: number, total: number } | undefined} machine-wide ticks */
function machineTicks() {
  try {
    const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const ticks = values.map(Number);
    const total = ticks.reduce((s, v) => s + v, 0);
    return { busy: total - ticks[3] - ticks[4], total }; // minus idle and iowait
  } catch {
    return undefined;
  }
}

/**
 * Starts a measurement window; the returned function ends it.
 * @param {number | undefined} serverPid
 */
export function cpuWindow(serverPid) {
  const server0 = processCpuMs(serverPid);
  const machine0 = machineTicks();
  /** @param {number} requests @returns {{ serverUsPerRequest?: number, machineBusyPct?: number }} */
  return (requests) => {
    const server1 = processCpuMs(serverPid);
    const machine1 = machineTicks();
    const out = {};
    if (server0 !== undefined && server1 !== undefined && requests > 0) {
      out.serverUsPerRequest = Math.round(((server1 - server0) * 1000) / requests);
    }
    if (machine0 && machine1 && machine1.total > machine0.total) {
      out.machineBusyPct = Math.round((100 * (machine1.busy - machine0.busy)) / (machine1.total - machine0.total));
    }
    return out;
  };
}
