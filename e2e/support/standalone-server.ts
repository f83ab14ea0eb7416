import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

// Runs the production build exactly as the image's entrypoint does (Dockerfile, deploy/): the
// standalone output's `node server.js`, HOSTNAME/PORT from the environment, a non-root numeric uid
// (10001, as in the image) that cannot write to the app tree, one writable data directory, and only
// the environment the manifests give (no inherited developer shell). Used by playwright.config.ts,
// scripts/demo.sh (as the current user), e2e specs that need a second server, the in-cluster identity
// test (deploy/in-cluster.int.test.ts) and the two-replica test. ADR 0010.

/** The uid and gid of the image's user (Dockerfile `USER 10001:10001`, deploy/ `runAsUser`). */
export const IMAGE_UID = 10001;

const ROOT = resolve(__dirname, '..', '..');

/** What a standalone app directory holds besides `<distDir>/`. */
const KEEP = new Set(['server.js', 'package.json', 'node_modules', 'public', '.prepared']);

/** Environment variables a Deployment can set for the server; nothing else reaches it from a CLI run. */
const MANIFEST_ENV = /^(WHEELHOUSE_|NEXTAUTH_|DATABASE_URL$|KUBERNETES_SERVICE_|NODE_OPTIONS$|TZ$)/;

/**
 * Makes `<distDir>/standalone` runnable as Next requires: `public/` and `<distDir>/static` beside
 * `server.js`. Idempotent (copies again only when the build is newer). Returns the app directory.
 */
export async function prepareStandalone(distDir: string): Promise<string> {
  const dist = resolve(ROOT, distDir);
  const app = join(dist, 'standalone');
  if (!existsSync(join(app, 'server.js'))) {
    throw new Error(
      `${app}/server.js is missing: build with output 'standalone' (WHEELHOUSE_DIST_DIR=${distDir} npx next build)`,
    );
  }
  // The marker names the build and this preparation's version: a changed step prepares again.
  const buildId = `${readFileSync(join(dist, 'BUILD_ID'), 'utf8')} prepare-2`;
  const marker = join(app, '.prepared');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === buildId) return app;
  // server.js chdirs to its own directory and serves `<distDir>/static` and `public/` from there.
  const staticDir = join(app, basename(dist), 'static');
  rmSync(staticDir, { recursive: true, force: true });
  cpSync(join(dist, 'static'), staticDir, { recursive: true });
  // The tracer copies checkout files it cannot rule out for instrumentation.ts (outputFileTracingExcludes
  // does not apply to it): sources and tests that the bundled chunks never read. The image has none.
  for (const entry of readdirSync(app)) {
    if (!KEEP.has(entry) && entry !== basename(dist)) rmSync(join(app, entry), { recursive: true, force: true });
  }
  // Likewise dev-only packages (the lock file's `dev` flag, i.e. what `npm ci --omit=dev` leaves out)
  // that an optional require found in the checkout: debug's `require('supports-color')` in a try.
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  for (const [path, info] of Object.entries(lock.packages)) {
    if (info.dev && path.startsWith('node_modules/')) rmSync(join(app, path), { recursive: true, force: true });
  }
  rmSync(join(app, 'public'), { recursive: true, force: true });
  if (existsSync(join(ROOT, 'public'))) cpSync(join(ROOT, 'public'), join(app, 'public'), { recursive: true });
  writeFileSync(marker, buildId);
  return app;
}

export interface StandaloneOptions {
  distDir: string;
  port: number;
  /** The server's environment, as a Deployment would give it (added to PATH/NODE_ENV/HOSTNAME/PORT). */
  env: Record<string, string | undefined>;
  /** The one writable directory (WHEELHOUSE_DATA_DIR); created and owned by the server's uid. */
  dataDir: string;
  /** Empty the data dir first (a first start: no audit rows, sessions or rate-limit counters). */
  freshData?: boolean;
  /** Numeric uid (and gid) to run as. Default: 10001 when running as root, else the current user. */
  uid?: number;
  /** Check that the app tree is not writable by the server's uid (default true; needs root to switch uid). */
  readOnly?: boolean;
  /** Listen address; default 127.0.0.1 (the image uses 0.0.0.0). */
  host?: string;
  /** How long to wait for readiness; default 120 s. */
  timeoutMs?: number;
  /** Also write the server's output to this process's stdout as it comes (the CLI does). */
  echo?: boolean;
}

export interface StandaloneServer {
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first 200 from /api/readyz (or /sign-in before readyz existed). */
  startupMs: number;
  /** Sends `signal` (default SIGTERM), waits for exit (SIGKILL after 30 s); resolves to the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  logs(): string;
  /** Resolves with the exit code when the server exits, whoever stopped it. */
  exited: Promise<number | null>;
}

const isRoot = () => process.getuid?.() === 0;

/** As root: a copy of `file` the server's uid can read (a mounted Secret: root-owned, group-readable). */
function readableBy(file: string, uid: number, dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o750 });
  chownSync(dir, 0, uid);
  const copy = join(dir, basename(file));
  cpSync(file, copy);
  chownSync(copy, 0, uid);
  chmodSync(copy, 0o640);
  return copy;
}

function assertReadOnly(app: string, uid: number): void {
  for (const path of [app, join(app, 'server.js'), join(app, 'node_modules')]) {
    try {
      execFileSync('setpriv', [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', 'test', '-w', path]);
    } catch {
      continue; // not writable: as required
    }
    throw new Error(`${path} is writable by uid ${uid}; the app tree must be read-only for the server`);
  }
}

export async function startStandaloneServer(options: StandaloneOptions): Promise<StandaloneServer> {
  const app = await prepareStandalone(options.distDir);
  const host = options.host ?? '127.0.0.1';
  const root = isRoot();
  const uid = options.uid ?? (root ? IMAGE_UID : process.getuid?.());
  const switchUser = root && uid !== undefined && uid !== 0;
  const dataDir = resolve(options.dataDir);
  if (options.freshData) rmSync(dataDir, { recursive: true, force: true });
  // Parents stay traversable by the server's uid (a recursive mkdir would give them 0700 too).
  mkdirSync(dirname(dataDir), { recursive: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (switchUser) {
    chownSync(dataDir, uid, uid);
    if (options.readOnly !== false) assertReadOnly(app, uid);
  }

  const env: NodeJS.ProcessEnv = {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    NODE_ENV: 'production',
    HOME: dataDir,
    HOSTNAME: host,
    PORT: String(options.port),
    // instrumentation.ts handles SIGTERM (drain, flush the audit log) instead of Next's immediate exit.
    NEXT_MANUAL_SIG_HANDLE: 'true',
    NEXT_TELEMETRY_DISABLED: '1',
    WHEELHOUSE_DATA_DIR: dataDir,
  };
  for (const [k, v] of Object.entries(options.env)) if (v !== undefined && v !== '') env[k] = v;
  // The manifests say /data (the volume's mount path); here the volume is dataDir.
  env.WHEELHOUSE_DATA_DIR = dataDir;
  // HOME is the data dir, so the server's default kubeconfig path (under ~) is named explicitly. As
  // another uid, the developer's kubeconfig under root's home (mode 700) is handed over as a copy, the
  // way a pod reads a mounted Secret. In-cluster and clusters-file setups bring their own files.
  const kubeconfig =
    env.WHEELHOUSE_KUBECONFIG ??
    join(env.WHEELHOUSE_HOME ?? join(homedir(), '.cache', 'wheelhouse'), 'cluster', 'kubeconfig');
  if (!env.WHEELHOUSE_CLUSTERS_FILE && env.WHEELHOUSE_IN_CLUSTER !== 'true' && existsSync(kubeconfig)) {
    env.WHEELHOUSE_KUBECONFIG = switchUser ? readableBy(kubeconfig, uid, `${dataDir}-secrets`) : kubeconfig;
  }

  const [cmd, args]: [string, string[]] = switchUser
    ? [
        'setpriv',
        [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--no-new-privs', '--', process.execPath, 'server.js'],
      ]
    : [process.execPath, ['server.js']];
  const started = Date.now();
  // setpriv execs node, so the pid is the server's own, as PID 1 would be in the container.
  const child: ChildProcess = spawn(cmd, args, { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: string[] = [];
  const collect = (d: Buffer) => {
    out.push(d.toString());
    if (options.echo) process.stdout.write(d);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));

  const url = `http://${host.includes(':') ? `[${host}]` : host}:${options.port}`;
  const deadline = started + (options.timeoutMs ?? 120_000);
  const logs = () => out.join('');
  for (;;) {
    if (exitCode !== undefined) throw new Error(`standalone server exited (${exitCode}) before ready:\n${logs()}`);
    if (await ready(url)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`standalone server on ${url} not ready after ${options.timeoutMs ?? 120_000} ms:\n${logs()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const startupMs = Date.now() - started;

  return {
    url,
    pid: child.pid ?? -1,
    startupMs,
    logs,
    exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (exitCode !== undefined) return exitCode;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Ready: /api/readyz answers 200; before that route existed, the sign-in page answering 200. */
async function ready(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/readyz`, { signal: AbortSignal.timeout(5_000) });
    if (res.status === 200) return true;
    if (res.status !== 404) return false;
    return (await fetch(`${url}/sign-in`, { signal: AbortSignal.timeout(5_000) })).status === 200;
  } catch {
    return false;
  }
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

// CLI (playwright.config.ts webServer, scripts/demo.sh):
//   tsx e2e/support/standalone-server.ts --dist-dir .next --port 3000 --data-dir DIR [--current-user]
//     [--fresh-data] [--host 0.0.0.0]
//   tsx e2e/support/standalone-server.ts --prepare-only --dist-dir .next   (the Dockerfile's build stage)
// Passes on only the variables a manifest could set (MANIFEST_ENV) and forwards SIGTERM/SIGINT.
async function main(): Promise<void> {
  const distDir = arg('dist-dir') ?? process.env.WHEELHOUSE_DIST_DIR ?? '.next';
  if (process.argv.includes('--prepare-only')) {
    console.log(`wheelhouse: standalone app ready in ${await prepareStandalone(distDir)}`);
    return;
  }
  const port = Number(arg('port') ?? process.env.PORT ?? 3000);
  const dataDir = arg('data-dir') ?? join(homedir(), '.cache', 'wheelhouse', 'data');
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => MANIFEST_ENV.test(k)));
  const server = await startStandaloneServer({
    distDir,
    port,
    env,
    dataDir,
    uid: process.argv.includes('--current-user') ? process.getuid?.() : undefined,
    host: arg('host'),
    freshData: process.argv.includes('--fresh-data'),
    echo: true,
  });
  console.log(`wheelhouse: standalone server ready on ${server.url} (pid ${server.pid}, ${server.startupMs} ms)`);
  const stop = (signal: NodeJS.Signals) => void server.stop(signal).then((code) => process.exit(code ?? 0));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGTERM'));
  process.exit((await server.exited) ?? 1);
}

if (resolve(process.argv[1] ?? '') === __filename) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
