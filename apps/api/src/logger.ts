import pino, { type Logger } from 'pino';
import { logSerializers } from './plugins/log-serializers.js';

export function createLogger(level: string, name: string): Logger {
  return pino({
    name,
    level,
    serializers: { ...logSerializers, err: pino.stdSerializers.err },
    // Belt and braces: even if a value slips into a log call, these never reach the log.
    redact: { paths: ['voterToken', '*.voterToken', 'req.headers', 'headers.authorization'], censor: '[redacted]' },
  });
}
