// A throwaway PostgreSQL server for the tests, from Debian's `postgresql` package: initdb'd once,
// started on a free loopback port, shared by concurrent test runs through lease files, and stopped
// when the last run ends. Each test run creates its own database (see createTestDatabase).
//
// PostgreSQL refuses to run as root. As root the server runs as the `postgres` system user, and
// because root's home is not traversable by other users, its data directory then lives under
// /var/tmp (owned by `postgres`, mode 700); state and logs stay in ~/.cache/wheelhouse/postgres.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { wheelhouseHome } from '../paths';

export interface PostgresServer {
  host: string;
  port: number;
  user: string;
  password: string;
  /** URL of a database on this server. */
  url(database: string): string;
}

interface State {
  port: number;
  password: string;
}

const SUPERUSER = 'wheelhouse';
const SYSTEM_USER = 'postgres';

function dirs() {
  const state = join(wheelhouseHome(), 'postgres');
  const runAsSystemUser = process.getuid?.() === 0;
  const cluster = runAsSystemUser ? '/var/tmp/wheelhouse-postgres' : join(state, 'cluster');
  return {
    state,
    stateFile: join(state, 'state.json'),
    leases: join(state, 'leases'),
    log: join(state, 'postgres.log'),
    cluster,
    data: join(cluster, 'data'),
    socket: join(cluster, 'run'),
    runAsSystemUser,
  };
}

/** The newest installed server's bin directory, e.g. /usr/lib/postgresql/15/bin. */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (!newest) {
    throw new Error('PostgreSQL is not installed: run `sudo bash local-cluster/scripts/install-deps.sh`');
  }
  return join(root, newest, 'bin');
}

/** Runs a PostgreSQL program as the data directory's owner. */
function run(program: string, args: string[], opts: { allowFail?: boolean } = {}): { status: number; out: string } {
  const d = dirs();
  const bin = join(postgresBinDir(), program);
  const [cmd, argv] = d.runAsSystemUser ? ['runuser', ['-u', SYSTEM_USER, '--', bin, ...args]] : [bin, args];
  const res = spawnSync(cmd, argv, { encoding: 'utf8', cwd: '/' });
  const out = `${res.stdout ?? ''}${res.stderr ?? ''}`;
  const status = res.status ?? 1;
  if (status !== 0 && !opts.allowFail) throw new Error(`${program} failed (${status}): ${out.trim()}`);
  return { status, out };
}

function systemUserIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', SYSTEM_USER], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', SYSTEM_USER], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

function ensureClusterDir(): void {
  const d = dirs();
  mkdirSync(d.state, { recursive: true, mode: 0o700 });
  mkdirSync(d.leases, { recursive: true });
  mkdirSync(d.cluster, { recursive: true, mode: 0o700 });
  mkdirSync(d.socket, { recursive: true, mode: 0o700 });
  if (d.runAsSystemUser) {
    const { uid, gid } = systemUserIds();
    const owner = statSync(d.cluster).uid;
    // A predictable path in /var/tmp: accept only a directory we created (root) or postgres owns.
    if (owner !== 0 && owner !== uid) throw new Error(`${d.cluster} is owned by uid ${owner}; remove it`);
    chownSync(d.cluster, uid, gid);
    chownSync(d.socket, uid, gid);
  }
}

function initdb(password: string): void {
  const d = dirs();
  if (existsSync(join(d.data, 'PG_VERSION'))) return;
  rmSync(d.data, { recursive: true, force: true });
  const pwfile = join(d.cluster, 'pwfile');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (d.runAsSystemUser) {
    const { uid, gid } = systemUserIds();
    chownSync(pwfile, uid, gid);
  }
  try {
    // Unix socket (mode 700 dir) trusts its owner; TCP on loopback needs the generated password.
    run('initdb', [
      '-D',
      d.data,
      '-U',
      SUPERUSER,
      `--pwfile=${pwfile}`,
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ]);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

function isRunning(): boolean {
  const d = dirs();
  return (
    existsSync(join(d.data, 'PG_VERSION')) && run('pg_ctl', ['-D', d.data, 'status'], { allowFail: true }).status === 0
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function readState(): State | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(dirs().stateFile, 'utf8'));
    if (typeof value === 'object' && value !== null && 'port' in value && 'password' in value) {
      const { port, password } = value;
      if (typeof port === 'number' && typeof password === 'string') return { port, password };
    }
  } catch {
    // no state yet
  }
  return undefined;
}

function server(state: State): PostgresServer {
  return {
    host: '127.0.0.1',
    port: state.port,
    user: SUPERUSER,
    password: state.password,
    url: (database) =>
      `postgres://${SUPERUSER}:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/${encodeURIComponent(database)}`,
  };
}

/** Starts the throwaway server if it is not running (idempotent) and returns how to reach it. */
export async function ensurePostgres(log: (m: string) => void = () => undefined): Promise<PostgresServer> {
  const d = dirs();
  ensureClusterDir();
  const previous = readState();
  if (previous && isRunning()) return server(previous);
  const password =
    existsSync(join(d.data, 'PG_VERSION')) && previous ? previous.password : randomBytes(18).toString('base64url');
  initdb(password);
  const state: State = { port: await freePort(), password };
  writeFileSync(d.stateFile, JSON.stringify(state), { mode: 0o600 });
  const logFile = d.runAsSystemUser ? join(d.cluster, 'postgres.log') : d.log;
  const options = `-p ${state.port} -k ${d.socket} -c listen_addresses=127.0.0.1 -c fsync=off`;
  run('pg_ctl', ['-D', d.data, '-l', logFile, '-w', '-t', '60', '-o', options, 'start']);
  log(`started PostgreSQL on 127.0.0.1:${state.port} (data ${d.data})`);
  return server(state);
}

/** Stops the throwaway server (no-op when it is not running). */
export function stopPostgres(log: (m: string) => void = () => undefined): void {
  if (!isRunning()) return;
  run('pg_ctl', ['-D', dirs().data, '-m', 'fast', '-w', 'stop']);
  log('stopped PostgreSQL');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Marks this process as a user of the server; returns a release that stops it when no user is left. */
export function takeLease(log: (m: string) => void = () => undefined): () => void {
  const d = dirs();
  mkdirSync(d.leases, { recursive: true });
  const mine = join(d.leases, String(process.pid));
  writeFileSync(mine, '');
  return () => {
    rmSync(mine, { force: true });
    const others = readdirSync(d.leases).filter((f) => {
      const pid = Number(f);
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) return true;
      rmSync(join(d.leases, f), { force: true });
      return false;
    });
    if (others.length === 0) stopPostgres(log);
  };
}
