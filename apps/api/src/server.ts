import { loadApiConfig, type TApiConfig } from './config.js';
import { buildApp } from './app.js';
import { createLogger } from './logger.js';
import { openApiRuntime } from './runtime.js';

let config: TApiConfig;
try {
  config = loadApiConfig();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(78);
}

const log = createLogger(config.logLevel, 'api');
const runtime = await openApiRuntime(config, log);
const app = await buildApp(runtime.deps, log);

const address = await app.listen({ host: config.host, port: config.port });
log.info({ address, docs: `${address}/docs` }, 'CrossTally API listening');

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  log.info({ signal }, 'shutting down: finishing requests in hand');
  const force = setTimeout(() => process.exit(1), 20_000);
  force.unref();
  await app.close();
  await runtime.close();
  log.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
