// Printing: the machine and settings, one line per scenario, and the ratios that matter.
import { cpus } from 'node:os';

/** @typedef {import('./scenarios.js').TFigures} TFigures */

/** @param {Record<string, string | number>} settings */
export function printHeader(settings) {
  const cores = cpus();
  console.log(`machine: ${cores.length} cores (${cores[0]?.model.trim() ?? 'unknown'}), Node ${process.version}`);
  console.log(
    `settings: ${Object.entries(settings)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
  );
}

const pad = (/** @type {string|number} */ v, /** @type {number} */ w) => String(v).padStart(w);

/** @param {TFigures[]} rows */
export function printTable(rows) {
  console.log(
    `\n${'scenario'.padEnd(30)}${pad('req/s', 10)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}` +
      `${pad('requests', 10)}${pad('errors', 8)}${pad('non-2xx', 9)}${pad('srv µs/req', 11)}` +
      `${pad('machine', 9)}  status codes`,
  );
  for (const r of rows) {
    const codes = Object.entries(r.statuses)
      .map(([c, n]) => `${c}:${n}`)
      .join(' ');
    console.log(
      `${r.name.padEnd(30)}${pad(Math.round(r.rps), 10)}${pad(r.p50, 8)}${pad(r.p99, 8)}` +
        `${pad(r.total, 10)}${pad(r.errors, 8)}${pad(r.non2xx, 9)}${pad(r.serverUsPerRequest ?? '?', 11)}` +
        `${pad(r.machineBusyPct === undefined ? '?' : `${r.machineBusyPct}%`, 9)}  ${codes}`,
    );
  }
  console.log(
    'srv µs/req: CPU of the server process (not PostgreSQL) per request; machine: all cores busy, ' +
      'everything on it included',
  );
}

/**
 * @param {string} label @param {TFigures} measured @param {TFigures} baseline @param {number} [aim] none: printed only
 * @returns {boolean} whether the aim is met
 */
export function printRatio(label, measured, baseline, aim) {
  const ratio = baseline.rps > 0 ? measured.rps / baseline.rps : 0;
  const met = aim === undefined || ratio >= aim;
  const verdict = aim === undefined ? '(no aim set)' : `(aim >= ${aim})  ${met ? 'MET' : 'NOT MET'}`;
  console.log(`${label.padEnd(38)} ${ratio.toFixed(3)}  ${verdict}   p99 ${measured.p99} ms vs ${baseline.p99} ms`);
  return met;
}
