import 'server-only';

import pino from 'pino';
import type { Logger } from 'pino';

// Structured JSON logs (one line per event) on stdout. Use `log.child({ component: 'reflector' })`
// per module and pass facts as fields, message last: `log.warn({ cluster, kind, err }, 'watch failed')`.
// Credentials never reach a log line: the paths below are redacted wherever they appear.

const KEY = Symbol.for('wheelhouse.observability.log');

export const REDACT_PATHS = [
  'password',
  'token',
  'secret',
  'authorization',
  'cookie',
  'set-cookie',
  '*.password',
  '*.token',
  '*.secret',
  '*.authorization',
  '*.cookie',
  '*.clientSecret',
  '*.client_secret',
  '*.access_token',
  '*.id_token',
  '*.refresh_token',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

export function createLogger(destination?: pino.DestinationStream): Logger {
  return pino(
    {
      base: { service: 'wheelhouse' },
      level: process.env.WHEELHOUSE_LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

function root(): Logger {
  const g = globalThis as typeof globalThis & { [KEY]?: Logger };
  g[KEY] ??= createLogger();
  return g[KEY];
}

/** The process's logger for one component: `const log = logger('reflector')`. */
export function logger(component: string, fields: Record<string, unknown> = {}): Logger {
  return root().child({ component, ...fields });
}
