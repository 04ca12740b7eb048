// The baselines, in a process of their own: a bare Fastify hello-world, and a bare multipart
// route that streams the file to a temp file while hashing it, then fsyncs it.
// Usage: node test/bench/baseline-server.js <port> <upload-dir>
import { createHash, randomUUID } from 'node:crypto';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import multipart from '@fastify/multipart';
import Fastify from 'fastify';

const port = Number(process.argv[2]);
const dir = process.argv[3];
if (!Number.isInteger(port) || !dir) {
  process.stderr.write('usage: baseline-server.js <port> <upload-dir>\n');
  process.exit(64);
}

const app = Fastify({ logger: false });
await app.register(multipart, { limits: { fileSize: 15 * 1024 * 1024, files: 1 } });

app.get('/', async () => ({ hello: 'world' }));

app.post('/upload', async (request, reply) => {
  const file = await request.file();
  if (!file) return reply.status(400).send({ error: 'no file' });
  const hash = createHash('sha256');
  const handle = await open(join(dir, `${randomUUID()}.tmp`), 'wx', 0o600);
  let bytes = 0;
  try {
    for await (const chunk of file.file) {
      hash.update(chunk);
      bytes += chunk.length;
      await handle.write(chunk);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return reply.status(201).send({ sha256: hash.digest('hex'), bytes });
});

await app.listen({ host: '127.0.0.1', port });
const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
