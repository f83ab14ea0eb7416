import 'server-only';

import pino from 'pino';
import type { Logger } from 'pino';

import { logLevel } from '@/server/env';
import { redact } from '@/server/observability/redact';

// Structured JSON logs (one line per event) on stdout. Use `logger('reflector')` per module and pass
// facts as fields, message last: `log.warn({ cluster, kind, err }, 'watch failed')`.
// Credentials never reach a log line: every argument is scrubbed by `redact()` (secret-named keys at
// any depth, bearer tokens, JWTs, passwords and cookies inside strings and error messages), and the
// paths below are redacted by pino as a second net. Field meanings: docs/operations-metrics-and-logs.md.

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

export function createLogger(destination?: pino.DestinationStream, level = logLevel()): Logger {
  return pino(
    {
      base: { service: 'wheelhouse' },
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Errors reach pino already serialized by redact() ({ type, message, stack, code, cause }).
      serializers: { err: (value: unknown) => value },
      hooks: {
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[];
          // `log.error(err)` / `log.error(err, 'msg')`: keep pino's shape ({ err }, message).
          if (first instanceof Error) {
            const message = typeof rest[0] === 'string' ? rest.shift() : first.message;
            method.apply(this, [{ err: redact(first) }, redact(message), ...rest.map((a) => redact(a))] as never);
            return;
          }
          method.apply(this, args.map((a) => redact(a)) as never);
        },
      },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

interface Root {
  logger: Logger;
  destination: pino.DestinationStream & { flushSync?: () => void };
}

function root(): Root {
  const g = globalThis as typeof globalThis & { [KEY]?: Root };
  if (!g[KEY]) {
    // Asynchronous writes: a slow stdout reader must not stall request handling; flushLogs() before exit.
    const destination = pino.destination({ dest: 1, sync: false });
    g[KEY] = { logger: createLogger(destination), destination };
  }
  return g[KEY];
}

/** The process's logger for one component: `const log = logger('reflector')`. */
export function logger(component: string, fields: Record<string, unknown> = {}): Logger {
  return root().logger.child({ component, ...(redact(fields) as Record<string, unknown>) });
}

/** Writes out buffered log lines (graceful shutdown calls this just before exiting). */
export function flushLogs(): void {
  try {
    root().destination.flushSync?.();
  } catch {
    // nothing buffered, or stdout already closed
  }
}
