// In-process, synthetic: heap bytes per cached pod (issue 14 target 3, "≤ 4 KiB per cached pod"; ADR 0027).
// Builds what the server builds for pods — pages of JSON parsed as the reflector parses them, stripped
// and transformed as the shared cache does (server/k8s/cache.ts), the store with its indexes, the
// memoised summaries, the ordered list indexes with every pod sort key, the attention index — and
// reports heapUsed after gc, per stage, divided by the number of pods. No cluster, no HTTP.
//
//   npx tsx --conditions=react-server bench/pod-memory.ts [--pods 20000,100000] [--out file.md]
//
// Each (shape, cache, pods) runs in a child process of its own with --expose-gc, so runs do not share
// a heap. Shapes: "bench" is a pod of bench/seed.ts's Deployment as the controllers and the node agent
// make it; "production" a realistic one (3 containers, env, probes, resources, 6 volumes, 16 labels
// and annotations). Caches: "full" keeps the stripped object (the cache before ADR 0027); "compact"
// is cache.ts's pod transform; "compact, no sharing" the same without the string table.

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { podsKind } from '@/lib/k8s/kinds/pods';
import { stripObject, type KubeObject, type OwnerRef } from '@/lib/k8s/object';
import { seededRandom } from '@/lib/testing/seeded-random';
import { ATTENTION_SOURCES, newAttentionIndex } from '@/server/k8s/attention';
import { cacheIndexes, cacheTransform } from '@/server/k8s/cache';
import { compactPod, Interner } from '@/server/k8s/compact-pod';
import { listIndexFor } from '@/server/k8s/list-index';
import { summaryOf } from '@/server/k8s/list-query';
import { ObjectStore } from '@/server/k8s/store';

const { values: args } = parseArgs({
  options: {
    pods: { type: 'string', default: '20000,100000' },
    namespaces: { type: 'string', default: '1000' },
    nodes: { type: 'string', default: '50' },
    one: { type: 'string' },
    out: { type: 'string' },
  },
});

type Shape = 'bench' | 'production';
type Cache = 'full' | 'compact' | 'compact, no sharing';
const STAGES = ['objects', 'store', 'summaries', 'index entries', 'sort orders', 'attention'] as const;
type Stage = (typeof STAGES)[number];

interface Run {
  shape: Shape;
  cache: Cache;
  pods: number;
  jsonBytes: number;
  /** CPU per pod to strip and transform on arrival (after JSON.parse), µs. */
  acceptUs: number;
  /** Heap bytes per pod added by each stage. */
  perPod: Record<Stage, number>;
  totalPerPod: number;
  heapUsedMiB: number;
  rssMiB: number;
}

const NAMESPACES = Number(args.namespaces);
const NODES = Number(args.nodes);

// ---- pod shapes ---------------------------------------------------------------------------------

const rnd = seededRandom(7);
const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('');
const uid = () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
/** A fixed-looking hex string of one workload (its ReplicaSet's pod-template-hash, uid…): replicas share it. */
const fixedHex = (seed: string, n: number) => {
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return Array.from({ length: n }, (_, k) => (((h >>> ((k % 8) * 4)) & 15) ^ (k % 16)).toString(16)).join('');
};
const fixedUid = (seed: string) =>
  `${fixedHex(seed + 'a', 8)}-${fixedHex(seed + 'b', 4)}-${fixedHex(seed + 'c', 4)}-${fixedHex(seed + 'd', 4)}-${fixedHex(seed + 'e', 12)}`;
/** The workload of pod i: 10 per namespace, 10 replicas each at 100 pods per namespace. */
const workload = (i: number) => Math.floor(i / NAMESPACES) % 10;
const time = (i: number) => new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString().replace('.000', '');
const ns = (i: number) => `team-${String(i % NAMESPACES).padStart(4, '0')}`;
const node = (i: number) => `worker-${String(i % NODES).padStart(3, '0')}.eu-west-1.compute.internal`;
const ip = () => `10.${Math.floor(rnd() * 255)}.${Math.floor(rnd() * 255)}.${Math.floor(rnd() * 255)}`;
const TOLERATIONS = ['not-ready', 'unreachable'].map((k) => ({
  effect: 'NoExecute',
  key: `node.kubernetes.io/${k}`,
  operator: 'Exists',
  tolerationSeconds: 300,
}));
const conditions = (t: string) =>
  ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({
    lastProbeTime: null,
    lastTransitionTime: t,
    status: 'True',
    type,
  }));

/** A pod of bench/seed.ts's benchDeployment, as the Deployment and ReplicaSet controllers and the node agent write it. */
function benchPod(i: number): KubeObject {
  const app = `bench-app-${String(workload(i)).padStart(2, '0')}`;
  const hash = `5d${fixedHex(ns(i) + app, 8)}`;
  const name = `${app}-${hash}-${i.toString(36).padStart(5, '0')}`;
  const t = time(i);
  const token = `default-token-${fixedHex(ns(i), 5)}`;
  return {
    metadata: {
      name,
      ...{ generateName: `${app}-${hash}-` },
      namespace: ns(i),
      uid: uid(),
      resourceVersion: String(100_000 + i),
      creationTimestamp: t,
      labels: { app, 'wheelhouse.dev/bench': 'true', 'pod-template-hash': hash },
      annotations: { 'sim.wheelhouse.dev/ready-after': '1s' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: `${app}-${hash}`,
          uid: fixedUid(ns(i) + hash),
          controller: true,
          blockOwnerDeletion: true,
        } as OwnerRef,
      ],
    },
    spec: {
      volumes: [{ name: token, secret: { secretName: token, defaultMode: 420 } }],
      containers: [
        {
          name: 'app',
          image: 'registry.local/bench/pause:1',
          resources: {},
          volumeMounts: [{ name: token, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }],
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          imagePullPolicy: 'IfNotPresent',
        },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 1,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      serviceAccount: 'default',
      nodeName: node(i),
      securityContext: {},
      schedulerName: 'default-scheduler',
      tolerations: TOLERATIONS,
      priority: 0,
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
    },
    status: {
      phase: 'Running',
      conditions: conditions(t),
      hostIP: '127.0.0.1',
      podIP: ip(),
      podIPs: [{ ip: ip() }],
      startTime: t,
      containerStatuses: [
        {
          name: 'app',
          state: { running: { startedAt: t } },
          lastState: {},
          ready: true,
          restartCount: 0,
          image: 'registry.local/bench/pause:1',
          imageID: `registry.local/bench/pause@sha256:${hex(64)}`,
          containerID: `containerd://${hex(64)}`,
          started: true,
        },
      ],
      qosClass: 'BestEffort',
    },
  };
}

const probe = (path: string, port: number | string, delay: number) => ({
  httpGet: { path, port, scheme: 'HTTP' },
  initialDelaySeconds: delay,
  timeoutSeconds: 2,
  periodSeconds: 10,
  successThreshold: 1,
  failureThreshold: 3,
});
const res = (cpu: string, mem: string, cpuL: string, memL: string) => ({
  requests: { cpu, memory: mem },
  limits: { cpu: cpuL, memory: memL },
});

/** A realistic production pod: app + proxy sidecar + migration init container, config from ConfigMaps and Secrets. */
function productionPod(i: number): KubeObject {
  const svc = `payments-api-${workload(i)}`;
  const hash = `7f${fixedHex(ns(i) + svc, 8)}`;
  const name = `${svc}-${hash}-${i.toString(36).padStart(5, '0')}`;
  const t = time(i);
  const version = `1.${workload(i) % 7}.${workload(i)}`;
  const image = `123456789012.dkr.ecr.eu-west-1.amazonaws.com/payments/${svc}:${version}`;
  const proxy = 'docker.io/envoyproxy/envoy:v1.28.1';
  const env = [
    ...['LOG_LEVEL', 'LOG_FORMAT', 'HTTP_PORT', 'GRPC_PORT', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'FEATURE_FLAGS_URL'].map(
      (n, k) => ({
        name: n,
        value: [
          'info',
          'json',
          '8080',
          '9090',
          'http://otel-collector.observability:4317',
          'https://flags.internal/api',
        ][k],
      }),
    ),
    { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: `${svc}-db`, key: 'url' } } },
    { name: 'REDIS_PASSWORD', valueFrom: { secretKeyRef: { name: 'redis-auth', key: 'password' } } },
    { name: 'REGION', valueFrom: { configMapKeyRef: { name: 'cluster-info', key: 'region' } } },
    { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
    { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
    { name: 'GOMAXPROCS', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1' } } },
    { name: 'JAVA_OPTS', value: '-XX:MaxRAMPercentage=75 -XX:+UseG1GC -Dfile.encoding=UTF-8' },
  ];
  const mounts = [
    { name: 'config', mountPath: '/etc/app', readOnly: true },
    { name: 'tls', mountPath: '/etc/tls', readOnly: true },
    { name: 'tmp', mountPath: '/tmp' },
    { name: 'kube-api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
  ];
  const common = {
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
  };
  const security = {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    runAsUser: 10001,
    capabilities: { drop: ['ALL'] },
  };
  const labels: Record<string, string> = {
    app: svc,
    'app.kubernetes.io/name': svc,
    'app.kubernetes.io/instance': `${svc}-prod`,
    'app.kubernetes.io/version': version,
    'app.kubernetes.io/component': 'api',
    'app.kubernetes.io/part-of': 'payments',
    'app.kubernetes.io/managed-by': 'Helm',
    'helm.sh/chart': `payments-api-${version}`,
    'pod-template-hash': hash,
    team: 'payments',
    environment: 'production',
  };
  const running = (started: string) => ({ running: { startedAt: started } });
  return {
    metadata: {
      name,
      ...{ generateName: `${svc}-${hash}-` },
      namespace: ns(i),
      uid: uid(),
      resourceVersion: String(200_000 + i),
      creationTimestamp: t,
      labels,
      annotations: {
        'checksum/config': fixedHex(svc + 'config', 64),
        'checksum/secret': fixedHex(svc + 'secret', 64),
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': '9102',
        'kubectl.kubernetes.io/restartedAt': '2026-10-30T09:12:44Z',
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: `${svc}-${hash}`,
          uid: fixedUid(ns(i) + hash),
          controller: true,
          blockOwnerDeletion: true,
        } as OwnerRef,
      ],
    },
    spec: {
      volumes: [
        { name: 'config', configMap: { name: `${svc}-config`, defaultMode: 420 } },
        { name: 'tls', secret: { secretName: `${svc}-tls`, defaultMode: 420 } },
        { name: 'tmp', emptyDir: { sizeLimit: '256Mi' } },
        { name: 'envoy-config', configMap: { name: 'envoy-sidecar', defaultMode: 420 } },
        { name: 'data', persistentVolumeClaim: { claimName: `${svc}-cache` } },
        {
          name: 'kube-api-access',
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
              {
                downwardAPI: {
                  items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
                },
              },
            ],
          },
        },
      ],
      initContainers: [
        {
          name: 'migrate',
          image,
          command: ['/app/bin/migrate', '--wait-for-db', '--timeout=120s'],
          env: env.slice(6, 8),
          resources: res('100m', '128Mi', '500m', '256Mi'),
          volumeMounts: mounts.slice(3),
          securityContext: security,
          ...common,
        },
      ],
      containers: [
        {
          name: 'app',
          image,
          args: ['serve', '--config=/etc/app/config.yaml'],
          ports: [
            { name: 'http', containerPort: 8080, protocol: 'TCP' },
            { name: 'grpc', containerPort: 9090, protocol: 'TCP' },
            { name: 'metrics', containerPort: 9102, protocol: 'TCP' },
          ],
          envFrom: [{ configMapRef: { name: `${svc}-env` } }],
          env,
          resources: res('500m', '512Mi', '2', '1Gi'),
          volumeMounts: mounts,
          livenessProbe: probe('/healthz', 'http', 10),
          readinessProbe: probe('/readyz', 'http', 5),
          startupProbe: { ...probe('/healthz', 'http', 0), failureThreshold: 30 },
          lifecycle: { preStop: { exec: { command: ['/bin/sh', '-c', 'sleep 10'] } } },
          securityContext: security,
          ...common,
        },
        {
          name: 'envoy',
          image: proxy,
          args: [
            '-c',
            '/etc/envoy/envoy.yaml',
            '--service-cluster',
            svc,
            '--drain-time-s',
            '20',
            '--log-level',
            'warn',
          ],
          ports: [{ name: 'proxy', containerPort: 15001, protocol: 'TCP' }],
          resources: res('100m', '128Mi', '500m', '256Mi'),
          volumeMounts: [{ name: 'envoy-config', mountPath: '/etc/envoy', readOnly: true }, mounts[3]],
          readinessProbe: probe('/ready', 15021, 1),
          securityContext: security,
          ...common,
        },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 45,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: svc,
      serviceAccount: svc,
      nodeName: node(i),
      securityContext: { fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
      imagePullSecrets: [{ name: 'ecr-pull' }],
      affinity: {
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 100,
              podAffinityTerm: { labelSelector: { matchLabels: { app: svc } }, topologyKey: 'kubernetes.io/hostname' },
            },
          ],
        },
      },
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: 'topology.kubernetes.io/zone',
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: { matchLabels: { app: svc } },
        },
      ],
      schedulerName: 'default-scheduler',
      tolerations: TOLERATIONS,
      priorityClassName: 'production-high',
      priority: 1_000_000,
      enableServiceLinks: false,
      preemptionPolicy: 'PreemptLowerPriority',
    },
    status: {
      phase: 'Running',
      conditions: conditions(t),
      hostIP: ip(),
      podIP: ip(),
      podIPs: [{ ip: ip() }],
      startTime: t,
      initContainerStatuses: [
        {
          name: 'migrate',
          state: {
            terminated: {
              exitCode: 0,
              reason: 'Completed',
              startedAt: t,
              finishedAt: t,
              containerID: `containerd://${hex(64)}`,
            },
          },
          lastState: {},
          ready: true,
          restartCount: 0,
          image,
          imageID: `${image.split(':')[0]}@sha256:${hex(64)}`,
          containerID: `containerd://${hex(64)}`,
        },
      ],
      containerStatuses: [
        ['app', image],
        ['envoy', proxy],
      ].map(([n, img]) => ({
        name: n,
        state: running(t),
        lastState:
          i % 10 === 0
            ? {
                terminated: {
                  exitCode: 137,
                  reason: 'OOMKilled',
                  startedAt: t,
                  finishedAt: t,
                  containerID: `containerd://${hex(64)}`,
                },
              }
            : {},
        ready: true,
        restartCount: i % 10 === 0 ? 1 : 0,
        image: img,
        imageID: `${img!.split(':')[0]}@sha256:${hex(64)}`,
        containerID: `containerd://${hex(64)}`,
        started: true,
      })),
      qosClass: 'Burstable',
    },
  };
}

// ---- one run (in a child process) -----------------------------------------------------------------

function heap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  for (let k = 0; k < 4; k++) gc();
  return process.memoryUsage().heapUsed;
}

function transformOf(cache: Cache): (o: KubeObject) => KubeObject {
  if (cache === 'full') return (o) => o;
  if (cache === 'compact, no sharing') return (o) => compactPod(o, new Interner());
  const t = cacheTransform('pods');
  if (!t) throw new Error('cache.ts has no pod transform');
  return (o) => t(o) ?? o;
}

/** One LIST page as the reflector receives it: JSON text, parsed (a function, so the text dies on return). */
function listPage(make: (i: number) => KubeObject, start: number, n: number) {
  const text = JSON.stringify({
    metadata: { resourceVersion: '1' },
    items: Array.from({ length: n }, (_, k) => make(start + k)),
  });
  const items = (JSON.parse(text) as { items: KubeObject[] }).items;
  return { items, bytes: text.length };
}

/** Parses one page and keeps what the cache keeps of each item (a function: the page dies on return). */
function acceptPage(
  make: (i: number) => KubeObject,
  start: number,
  n: number,
  transform: (o: KubeObject) => KubeObject,
  kept: KubeObject[],
): { bytes: number; acceptNs: bigint } {
  const page = listPage(make, start, n);
  const t0 = process.hrtime.bigint();
  for (const item of page.items) kept.push(transform(stripObject(item)));
  return { bytes: page.bytes, acceptNs: process.hrtime.bigint() - t0 };
}

function runOne(shape: Shape, cache: Cache, pods: number): Run {
  const make = shape === 'bench' ? benchPod : productionPod;
  const transform = transformOf(cache);
  const marks: number[] = [heap()];
  // The reflector's path: a LIST page of 500 as JSON text, parsed, each item stripped and transformed.
  let kept: KubeObject[] | undefined = [];
  let jsonBytes = 0;
  let acceptNs = 0n;
  for (let start = 0; start < pods; start += 500) {
    const page = acceptPage(make, start, Math.min(500, pods - start), transform, kept);
    jsonBytes += page.bytes;
    acceptNs += page.acceptNs;
  }
  const acceptUs = Number(acceptNs) / 1000 / pods;
  marks.push(heap());
  const store = new ObjectStore<KubeObject>((o) => o.metadata, cacheIndexes(podsKind));
  for (const o of kept) store.upsert(o);
  kept = undefined;
  marks.push(heap());
  for (const o of store.values()) summaryOf(podsKind, o);
  marks.push(heap());
  const index = listIndexFor(store, podsKind);
  marks.push(heap());
  for (const key of Object.keys(podsKind.sorts)) index.order(key);
  marks.push(heap());
  const src = ATTENTION_SOURCES.find((s) => s.kind.id === 'pods');
  if (!src) throw new Error('no pod attention source');
  const attention = newAttentionIndex(src);
  for (const o of store.values()) attention.apply('ADDED', o);
  marks.push(heap());
  const perPod = Object.fromEntries(STAGES.map((s, k) => [s, (marks[k + 1]! - marks[k]!) / pods])) as Record<
    Stage,
    number
  >;
  const mem = process.memoryUsage();
  // Keep everything alive until measured.
  if (store.size !== pods || index.size !== pods || !attention || !transform) throw new Error('lost pods');
  return {
    shape,
    cache,
    pods,
    jsonBytes: jsonBytes / pods,
    acceptUs,
    perPod,
    totalPerPod: (marks[marks.length - 1]! - marks[0]!) / pods,
    heapUsedMiB: mem.heapUsed / 2 ** 20,
    rssMiB: mem.rss / 2 ** 20,
  };
}

// ---- driver ----------------------------------------------------------------------------------------

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const kib = (n: number) => (n / 1024).toFixed(2);

function table(runs: Run[]): string {
  const head = `| pod shape | cache | pods | JSON B/pod | strip + transform µs/pod | ${STAGES.join(' | ')} | total B/pod | KiB/pod | heap used MiB | RSS MiB |`;
  const rule = `|${' --- |'.repeat(STAGES.length + 9)}`;
  const rows = runs.map(
    (r) =>
      `| ${r.shape} | ${r.cache} | ${fmt(r.pods)} | ${fmt(r.jsonBytes)} | ${r.acceptUs.toFixed(1)} | ${STAGES.map((s) => fmt(r.perPod[s])).join(' | ')} | ${fmt(r.totalPerPod)} | ${kib(r.totalPerPod)} | ${fmt(r.heapUsedMiB)} | ${fmt(r.rssMiB)} |`,
  );
  return [head, rule, ...rows].join('\n');
}

function main(): void {
  if (args.one) {
    const [shape, cache, pods] = JSON.parse(args.one) as [Shape, Cache, number];
    process.stdout.write(JSON.stringify(runOne(shape, cache, pods)));
    return;
  }
  const runs: Run[] = [];
  for (const pods of args.pods.split(',').map(Number)) {
    for (const shape of ['bench', 'production'] as const) {
      for (const cache of ['full', 'compact, no sharing', 'compact'] as const) {
        const out = execFileSync(
          process.execPath,
          [
            ...process.execArgv,
            '--expose-gc',
            '--max-old-space-size=6144',
            process.argv[1]!,
            '--namespaces',
            String(NAMESPACES),
            '--nodes',
            String(NODES),
            '--one',
            JSON.stringify([shape, cache, pods]),
          ],
          { encoding: 'utf8', maxBuffer: 1 << 20 },
        );
        const run = JSON.parse(out) as Run;
        runs.push(run);
        console.error(`${shape} / ${cache} / ${pods}: ${fmt(run.totalPerPod)} B/pod (${JSON.stringify(run.perPod)})`);
      }
    }
  }
  const md = `## In-process, synthetic: heap bytes per cached pod (issue 14 target 3, ADR 0027)

Not an end-to-end run: \`npx tsx --conditions=react-server bench/pod-memory.ts --out bench/results/in-process/pod-memory.md\`.

In-process, synthetic (\`bench/pod-memory.ts\`, ${new Date().toISOString().slice(0, 10)}): the structures the server keeps for pods, built the way it
builds them — LIST pages of 500 as JSON text, parsed, stripped (\`stripObject\`) and transformed as \`server/k8s/cache.ts\`
does; the store with its namespace, owner and node indexes; the memoised summaries; the ordered list index (entries with
search text) with all ${Object.keys(podsKind.sorts).length} pod sort orders built; the Overview's attention index. Each column is heapUsed after gc, added by
that stage, divided by the pods; each row is a child process of its own. ${fmt(NAMESPACES)} namespaces, ${NODES} nodes.

- **bench**: a pod of \`bench/seed.ts\`'s Deployment as the controllers and the node agent write it (owner reference, 3 labels,
  1 annotation, the default token volume, 4 conditions, one container status).
- **production**: app + Envoy sidecar + migration init container; 13 env vars (3 from Secrets/ConfigMaps), envFrom,
  3 probes, requests and limits, 6 volumes (ConfigMap, Secret, emptyDir, PVC, projected token), 11 labels, 5 annotations,
  anti-affinity, a topology spread constraint; every tenth pod with an OOMKilled last state.
- **full**: the stripped object, as the cache kept it before ADR 0027. **compact**: the cache's pod transform
  (\`server/k8s/compact-pod.ts\`) with its shared string table; **compact, no sharing**: the same shape, no table.

${table(runs)}

Node ${process.version}. "objects" is the cached objects with their strings (the transient JSON text and parsed pages
are garbage by then); "store" the Map entries, keys and the namespace/owner/node index sets; "summaries" the memoised
\`PodSummary\` objects; "index entries" the list index's entry objects and lower-case search text; "sort orders" the
chunked orders (all namespaces and per namespace) of every sort key; "attention" the Overview's index (pods that need
nobody cost nothing there).
`;
  if (args.out) writeFileSync(args.out, md);
  process.stdout.write(md);
}

main();
