// Pod shapes for the in-process benches (bench/pod-memory.ts, bench/churn.ts): "bench" is a pod of
// bench/seed.ts's Deployment as the controllers and the node agent write it; "production" a realistic one
// (3 containers, env, probes, resources, 6 volumes, 16 labels and annotations). Deterministic for a seed.

import type { KubeObject, OwnerRef } from '@/lib/k8s/object';
import { seededRandom } from '@/lib/testing/seeded-random';

export type Shape = 'bench' | 'production';

export interface PodShapes {
  benchPod: (i: number) => KubeObject;
  productionPod: (i: number) => KubeObject;
}

/** The shapes for a cluster of `namespaces` namespaces and `nodes` nodes; pod i is in namespace i % namespaces. */
export function podShapes(NAMESPACES: number, NODES: number, seed = 7): PodShapes {
  const rnd = seededRandom(seed);
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
                podAffinityTerm: {
                  labelSelector: { matchLabels: { app: svc } },
                  topologyKey: 'kubernetes.io/hostname',
                },
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
  return { benchPod, productionPod };
}
