import { spawn } from 'node:child_process';
import { repoRoot } from './processes.js';

/**
 * Runs the built CLI (`npm run cli -- …`) as an operator does, on a test's database and
 * storage (the secret file lives there), and returns its exit code, its output and how long
 * it took.
 */
export async function runCli(
  target: { databaseUrl: string; storageDir: string },
  ...args: string[]
): Promise<{ code: number; output: string; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, ['apps/api/dist/cli/main.js', ...args], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: target.databaseUrl,
      STORAGE_DIR: target.storageDir,
      LOG_LEVEL: 'warn',
    },
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const code = await new Promise<number>((resolve) => child.once('exit', (c) => resolve(c ?? 1)));
  return { code, output, ms: Date.now() - started };
}
