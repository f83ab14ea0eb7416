// One-line logs to stdout/stderr (cluster:up redirects them to logs/node-agent.log).
export type Fields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
}

function format(level: string, msg: string, fields: Fields = {}): string {
  const kv = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'string' && /[\s"]/.test(v) ? JSON.stringify(v) : String(v)}`)
    .join(' ');
  return `${new Date().toISOString()} ${level} ${msg}${kv ? ' ' + kv : ''}`;
}

export const consoleLogger: Logger = {
  info: (msg, fields) => console.log(format('info', msg, fields)),
  warn: (msg, fields) => console.warn(format('warn', msg, fields)),
  error: (msg, fields) => console.error(format('error', msg, fields)),
};

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
