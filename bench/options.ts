import { parseArgs } from 'node:util';
import { z } from 'zod';

// Command-line options of `npm run bench`, validated with zod. The defaults are the target
// scale (10,000 pods in 50 namespaces, 1,000 Deployments); development runs pass a smaller --pods.
// `--large` is the large scale in one flag (LARGE below); any option given beside it wins.

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const optionsSchema = z
  .object({
    pods: int(1, 200_000).default(10_000),
    namespaces: int(1, 2_000).default(50),
    deployments: int(1, 5_000).default(1_000),
    /**
     * How the pods are made: `deployments` (every pod belongs to a Deployment; the controller-manager's
     * QPS bounds the rate) or `pods` (one Deployment of 1 replica per `deployments`, the rest bare pods
     * POSTed by the bench, bound to the simulated nodes directly: bench/seed.ts).
     */
    seed: z.enum(['deployments', 'pods']).default('deployments'),
    /** Bare pods seeded failing (crash loop or image pull failure), for the Overview; `pods` seeding only. */
    failingPods: int(0, 200_000).default(0),
    /** Bare pod POSTs in flight while seeding. */
    seedConcurrency: int(1, 256).default(32),
    port: int(1024, 65_535).default(3200),
    distDir: z
      .string()
      .regex(/^\.next[-a-z0-9]*$/, 'must look like .next-<name>')
      .default('.next-bench'),
    build: z.boolean().default(false),
    keep: z.boolean().default(false),
    connections: int(1, 1000).default(50),
    warmSeconds: int(1, 600).default(20),
    /** Cap on the warm run's total request rate (open loop); unset = as fast as the server answers. */
    warmRate: int(1, 100_000).optional(),
    /** Open-loop warm run: this many people, each asking for a page every userInterval seconds on average. */
    users: int(1, 1000).default(50),
    userInterval: z.coerce.number().positive().max(600).default(0.5),
    changeRate: int(1, 1000).default(100),
    changeSeconds: int(1, 600).default(20),
    streams: int(1, 100).default(5),
    readyTimeoutSeconds: int(10, 7200).default(1800),
    scrollSeconds: int(1, 120).default(10),
    /** Each window of the all-views run (bench/measure-views.ts: 16 windows per person). */
    viewSeconds: int(1, 120).default(8),
    /**
     * A CPU profile of the server (its inspector, over the DevTools protocol) for a window of its own after
     * the measured ones: the open-loop users while pods change at --change-rate (bench/profile.ts).
     */
    profile: z.boolean().default(true),
    profileSeconds: int(1, 120).default(15),
    /** Measure the relist after a kube-apiserver restart (default); --skip-relist leaves the API server alone. */
    relist: z.boolean().default(true),
    /** `scroll`: only the scroll measurement, against bench pods kept by an earlier run (--keep). */
    only: z.enum(['all', 'scroll']).default('all'),
  })
  .refine((o) => o.deployments % o.namespaces === 0, {
    message: '--deployments must be a multiple of --namespaces',
    path: ['deployments'],
  })
  .refine((o) => o.seed === 'pods' || o.pods % o.deployments === 0, {
    message: '--pods must be a multiple of --deployments (every Deployment gets pods/deployments replicas)',
    path: ['pods'],
  })
  .refine((o) => o.seed === 'deployments' || o.pods >= o.deployments + o.failingPods, {
    message: '--pods must cover --deployments (1 replica each) and --failing-pods with bare pods',
    path: ['pods'],
  })
  .refine((o) => o.seed === 'pods' || o.failingPods === 0, {
    message: '--failing-pods needs --seed pods',
    path: ['failingPods'],
  });

export type BenchOptions = z.infer<typeof optionsSchema>;

/**
 * `--large`: issue 14's large scale. 100,000 pods in 1,000 namespaces, seeded as bare pods (minutes, not
 * the hour Deployments would take at the controller-manager's QPS), with 1,000 one-replica Deployments
 * (one per namespace) for the Overview and 1 % of the pods failing. Options given beside it override.
 */
export const LARGE = {
  pods: 100_000,
  namespaces: 1_000,
  deployments: 1_000,
  seed: 'pods',
  failingPods: 1_000,
  readyTimeoutSeconds: 3_600,
} as const;

export const USAGE = `usage: npm run bench -- [options]
  --large               issue 14's large scale in one flag: --pods 100000 --namespaces 1000
                        --deployments 1000 --seed pods --failing-pods 1000 --ready-timeout-seconds 3600
                        (options given beside it win)
  --pods N              pods to run (default 10000; a multiple of --deployments with --seed deployments)
  --namespaces N        bench namespaces bench-00.. (default 50; bench-0000.. from 100 on)
  --deployments N       Deployments in total (default 1000; a multiple of --namespaces)
  --seed deployments|pods  deployments (default): every pod belongs to a Deployment of pods/deployments
                        replicas; pods: each Deployment has 1 replica and the other pods are bare pods
                        POSTed by the bench and bound to the simulated nodes directly (much faster)
  --failing-pods N      with --seed pods: this many bare pods crash-loop or fail to pull their image
                        (default 0)
  --seed-concurrency N  bare pod POSTs in flight while seeding (default 32)
  --port N              Wheelhouse server port (default 3200)
  --dist-dir DIR        Next.js build directory (default .next-bench)
  --build               run \`next build\` into the dist dir first (also done when it has no build)
  --connections N       concurrent connections of the warm run (default 50)
  --warm-seconds N      warm run duration (default 20)
  --warm-rate N         cap the warm run at N requests/s in total (default: no cap, each connection
                        sends its next request as soon as the previous one is answered)
  --users N             people in the open-loop warm run (default 50)
  --user-interval S     mean seconds between one person's requests (default 0.5; Poisson arrivals)
  --change-rate N       pod patches per second for change-to-event latency (default 100)
  --change-seconds N    duration of the patching (default 20)
  --streams N           SSE streams receiving the changes (default 5)
  --ready-timeout-seconds N  how long to wait for all pods to be Running (default 1800)
  --scroll-seconds N    how long scrolling the Pods list from top to bottom should take (default 10)
  --view-seconds N      each window of the all-views run, open and closed loop per view and person (default 8)
  --skip-relist         do not restart the kube-apiserver to measure the relist (default: measured last)
  --profile-seconds N   the server's CPU profile: a window of its own, open-loop users with --change-rate pod
                        changes/s (default 15; bench/profile.ts)
  --skip-profile        no profiled window (the server then runs without its inspector)
  --only scroll         only the scroll measurement, against the bench pods of an earlier run kept
                        with --keep (same --pods/--namespaces/--deployments); adds it to the newest
                        result of that scale and regenerates docs/benchmarks.md
  --keep                leave the bench namespaces in place (default: delete them at the end)
  --help`;

/** Parses argv (without node and script); throws a readable error for bad input. */
export function parseOptions(argv: readonly string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      pods: { type: 'string' },
      namespaces: { type: 'string' },
      deployments: { type: 'string' },
      large: { type: 'boolean' },
      seed: { type: 'string' },
      'failing-pods': { type: 'string' },
      'seed-concurrency': { type: 'string' },
      port: { type: 'string' },
      'dist-dir': { type: 'string' },
      build: { type: 'boolean' },
      keep: { type: 'boolean' },
      connections: { type: 'string' },
      'warm-seconds': { type: 'string' },
      'warm-rate': { type: 'string' },
      users: { type: 'string' },
      'user-interval': { type: 'string' },
      'change-rate': { type: 'string' },
      'change-seconds': { type: 'string' },
      streams: { type: 'string' },
      'ready-timeout-seconds': { type: 'string' },
      'scroll-seconds': { type: 'string' },
      'view-seconds': { type: 'string' },
      'skip-relist': { type: 'boolean' },
      'skip-profile': { type: 'boolean' },
      'profile-seconds': { type: 'string' },
      only: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return 'help';
  const { large, 'skip-relist': skipRelist, 'skip-profile': skipProfile, ...given } = values;
  const camel: Record<string, unknown> = Object.fromEntries(
    Object.entries(given).map(([k, v]) => [k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), v]),
  );
  if (skipRelist) camel.relist = false;
  if (skipProfile) camel.profile = false;
  // `--large --seed deployments`: the large scale through Deployments, with no failing bare pods.
  const preset = large ? { ...LARGE, ...(camel.seed === 'deployments' ? { failingPods: 0 } : {}) } : {};
  const parsed = optionsSchema.safeParse({ ...preset, ...camel });
  if (!parsed.success) throw new Error(`invalid options:\n${z.prettifyError(parsed.error)}\n\n${USAGE}`);
  return parsed.data;
}

/** The namespaces of a run: bench-00 … bench-49 (two digits below 100), bench-0000 … bench-0999 from 100 on. */
export function benchNamespaces(o: Pick<BenchOptions, 'namespaces'>): string[] {
  const width = o.namespaces >= 100 ? 4 : 2;
  return Array.from({ length: o.namespaces }, (_, i) => `bench-${String(i).padStart(width, '0')}`);
}

/** Replicas of each Deployment: pods/deployments, or 1 when the rest are bare pods. */

export function replicasPerDeployment(
  o: Pick<BenchOptions, 'pods' | 'deployments'> & { seed?: BenchOptions['seed'] },
): number {
  return o.seed === 'pods' ? 1 : o.pods / o.deployments;
}

/** Bare pods the bench POSTs itself (`--seed pods`): all pods but the Deployments' replicas. */
export function barePods(o: Pick<BenchOptions, 'pods' | 'deployments' | 'seed'>): number {
  return o.seed === 'pods' ? o.pods - o.deployments : 0;
}

export function deploymentsPerNamespace(o: Pick<BenchOptions, 'deployments' | 'namespaces'>): number {
  return o.deployments / o.namespaces;
}
