// Child processes under test: spawn on a free loopback port, wait until ready, stop.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** @returns {Promise<number>} a port free on 127.0.0.1 right now */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * @param {string[]} args node arguments (script first, or flags then script)
 * @param {Record<string, string>} env
 * @returns {import('node:child_process').ChildProcess & { output: () => string }}
 */
export function spawnNode(args, env) {
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (/** @type {Buffer} */ c) => (output = (output + c.toString()).slice(-8000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return Object.assign(child, { output: () => output });
}

/**
 * Polls `url` until it answers 200; fails early if the child exits.
 * @param {string} url
 * @param {ReturnType<typeof spawnNode>} child
 * @param {number} timeoutMs
 */
export async function waitReady(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: server exited (${child.exitCode}):\n${child.output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url}: not ready within ${timeoutMs} ms:\n${child.output()}`);
}

/**
 * SIGTERM, then SIGKILL after `graceMs`. Resolves once the child has exited.
 * @param {import('node:child_process').ChildProcess | undefined} child
 */
export async function stopChild(child, graceMs = 20_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Polls until `check` is true; false when `timeoutMs` passed first.
 * @param {() => Promise<boolean>} check @param {number} timeoutMs
 */
export async function until(check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
