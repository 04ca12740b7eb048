// `npm start`: the API (which migrates the database first), then the worker; one Ctrl-C
// stops both, each finishing the work in hand. If either dies, the other is stopped too.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const children = new Set();
let stopping = false;

function run(name, script) {
  const child = spawn(process.execPath, [script], { cwd: root, stdio: 'inherit', env: process.env });
  children.add(child);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!stopping) {
      console.error(`${name} exited (${signal ?? code}); stopping the rest`);
      stop(code ?? 1);
    } else if (children.size === 0) {
      process.exit(process.exitCode ?? 0);
    }
  });
  return child;
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  for (const child of children) child.kill('SIGTERM');
  if (children.size === 0) process.exit(code);
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const host = process.env.HOST ?? '127.0.0.1';
const port = process.env.PORT ?? '3000';
const base = `http://${host}:${port}`;
run('api', 'apps/api/dist/server.js');

// The worker starts once the API has migrated the database and answers.
const deadline = Date.now() + 60_000;
for (;;) {
  if (stopping) break;
  try {
    const res = await fetch(`${base}/health`);
    if (res.ok) break;
  } catch {
    // not up yet
  }
  if (Date.now() > deadline) {
    console.error(`the API did not answer on ${base} within a minute`);
    stop(1);
    break;
  }
  await new Promise((r) => setTimeout(r, 200));
}
if (!stopping) {
  run('worker', 'apps/worker/dist/main.js');
  console.log(`\nCrossTally is running: ${base}  (API docs: ${base}/docs)\nPress Ctrl-C to stop.\n`);
  // On an empty platform, a demo election (DEMO=0 skips it); it ends by itself.
  if (process.env.DEMO !== '0') {
    const demo = spawn(process.execPath, ['apps/api/dist/demo/main.js'], {
      cwd: root,
      stdio: 'inherit',
      env: process.env,
    });
    demo.on('exit', (code) => {
      if (code) console.error(`the demo seeder stopped with code ${code}; the platform keeps running`);
    });
  }
}
