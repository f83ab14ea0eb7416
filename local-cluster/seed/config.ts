// ConfigMaps, Secrets and Helm releases (issue 12 "config"): objects the config screens show and the
// tests assert on. A small Deployment reads a ConfigMap and a Secret (env, envFrom, volumes); two Helm 3
// releases are written exactly as Helm 3's Secret storage driver writes them (helm/helm
// pkg/storage/driver/secrets.go), three revisions each, one failed. Values that must never reach a
// browser carry SECRET_MARKER; tests assert it is absent from every page and API answer.
import { gzipSync } from 'node:zlib';

import { ensure, type Kube, type Obj } from './kube';

/** In Secret values, a Secret's last-applied-configuration, Helm values, manifests and notes only. */
export const SECRET_MARKER = 'wh-never-shown-5e1c9a';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

export const CONFIG_NAMESPACE = 'shop-frontend';

export const CONFIG_MAPS: readonly Obj[] = [
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'storefront-settings',
      namespace: CONFIG_NAMESPACE,
      labels: { 'app.kubernetes.io/part-of': 'shop' },
    },
    data: {
      CURRENCY: 'EUR',
      FEATURE_SEARCH_V2: 'true',
      'nginx.conf': 'server {\n  listen 8080;\n  location / { root /srv/www; }\n}\n',
    },
    binaryData: { 'favicon.ico': b64(Buffer.from([0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0])) },
  },
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'storefront-flags', namespace: CONFIG_NAMESPACE },
    data: { 'flags.json': '{"checkoutRedesign": false, "recommendations": true}\n' },
  },
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'query-api-settings', namespace: 'data-platform' },
    data: { MAX_ROWS: '10000', TIMEOUT_SECONDS: '30' },
  },
];

const secretValues = {
  DB_USER: 'storefront',
  DB_PASSWORD: `${SECRET_MARKER}-db-password`,
  API_TOKEN: `${SECRET_MARKER}-token`,
};

export const SECRETS: readonly Obj[] = [
  {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: {
      name: 'storefront-db',
      namespace: CONFIG_NAMESPACE,
      // As `kubectl apply` leaves it: the whole Secret, values included, in an annotation.
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'storefront-db', namespace: CONFIG_NAMESPACE },
          stringData: secretValues,
        }),
      },
    },
    data: Object.fromEntries(Object.entries(secretValues).map(([k, v]) => [k, b64(v)])),
  },
  {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: { name: 'query-api-credentials', namespace: 'data-platform' },
    data: { TOKEN: b64(`${SECRET_MARKER}-query`) },
  },
];

/** Reads storefront-settings (env key, envFrom, volume) and storefront-db (env, volume). */
export const CONFIG_READER: Obj = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'config-reader', namespace: CONFIG_NAMESPACE, labels: { app: 'config-reader' } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'config-reader' } },
    template: {
      metadata: { labels: { app: 'config-reader' } },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'registry.example.test/shop/config-reader:1.0.0',
            env: [
              { name: 'CURRENCY', valueFrom: { configMapKeyRef: { name: 'storefront-settings', key: 'CURRENCY' } } },
              { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'storefront-db', key: 'DB_PASSWORD' } } },
            ],
            envFrom: [{ configMapRef: { name: 'storefront-flags' } }],
            volumeMounts: [
              { name: 'settings', mountPath: '/etc/storefront' },
              { name: 'db', mountPath: '/var/run/secrets/db', readOnly: true },
            ],
          },
        ],
        volumes: [
          { name: 'settings', configMap: { name: 'storefront-settings' } },
          { name: 'db', secret: { secretName: 'storefront-db' } },
        ],
      },
    },
  },
};

interface RevisionSeed {
  status: 'superseded' | 'failed' | 'deployed';
  chartVersion: string;
  appVersion: string;
  description: string;
  deployed: string;
}

interface ReleaseSeed {
  name: string;
  namespace: string;
  chart: string;
  revisions: readonly RevisionSeed[];
}

export const HELM_RELEASES: readonly ReleaseSeed[] = [
  {
    name: 'storefront-cache',
    namespace: CONFIG_NAMESPACE,
    chart: 'redis',
    revisions: [
      {
        status: 'superseded',
        chartVersion: '17.3.0',
        appVersion: '7.0.5',
        description: 'Install complete',
        deployed: '2026-10-01T09:00:00Z',
      },
      {
        status: 'superseded',
        chartVersion: '17.3.7',
        appVersion: '7.0.5',
        description: 'Upgrade complete',
        deployed: '2026-10-15T09:00:00Z',
      },
      {
        status: 'deployed',
        chartVersion: '17.4.0',
        appVersion: '7.0.7',
        description: 'Upgrade complete',
        deployed: '2026-11-02T09:00:00Z',
      },
    ],
  },
  {
    name: 'payments-worker',
    namespace: 'shop-backend',
    chart: 'payments-worker',
    revisions: [
      {
        status: 'superseded',
        chartVersion: '0.4.0',
        appVersion: '2.1.0',
        description: 'Install complete',
        deployed: '2026-10-05T12:00:00Z',
      },
      {
        status: 'failed',
        chartVersion: '0.5.0',
        appVersion: '2.2.0',
        description: 'Upgrade "payments-worker" failed: timed out waiting for the condition',
        deployed: '2026-11-10T12:00:00Z',
      },
      {
        status: 'deployed',
        chartVersion: '0.5.1',
        appVersion: '2.2.1',
        description: 'Upgrade complete',
        deployed: '2026-11-11T08:30:00Z',
      },
    ],
  },
];

/** The release.Release JSON Helm 3 stores (pkg/release), with values, manifest and notes (rendered from the values) that hold the marker. */
export function helmReleaseJson(r: ReleaseSeed, index: number): Record<string, unknown> {
  const rev = r.revisions[index] as RevisionSeed;
  const first = (r.revisions[0] as RevisionSeed).deployed;
  const values = { replicaCount: 1, auth: { password: `${SECRET_MARKER}-helm-values` } };
  return {
    name: r.name,
    info: {
      first_deployed: first,
      last_deployed: rev.deployed,
      deleted: '',
      description: rev.description,
      status: rev.status,
      // NOTES.txt as Helm renders it: from the values, so it repeats the password (shown redacted).
      notes: `${r.name} is running. Connect with password ${values.auth.password} on port 6379.`,
    },
    chart: {
      metadata: {
        name: r.chart,
        version: rev.chartVersion,
        appVersion: rev.appVersion,
        apiVersion: 'v2',
        type: 'application',
      },
      lock: null,
      templates: [
        {
          name: 'templates/secret.yaml',
          data: b64('kind: Secret\ndata:\n  password: {{ .Values.auth.password | b64enc }}\n'),
        },
      ],
      values: { replicaCount: 1, auth: { password: '' } },
      schema: null,
      files: [],
    },
    config: values,
    manifest: `---\n# Source: ${r.chart}/templates/secret.yaml\napiVersion: v1\nkind: Secret\nmetadata:\n  name: ${r.name}\nstringData:\n  password: ${SECRET_MARKER}-helm-manifest\n`,
    version: index + 1,
    namespace: r.namespace,
  };
}

/** The Secret Helm 3 writes for one revision: data.release = base64(gzip(JSON)), base64 again as Secret data. */
export function helmReleaseSecret(r: ReleaseSeed, index: number): Obj {
  const rev = r.revisions[index] as RevisionSeed;
  const version = String(index + 1);
  // mtime 0 in the gzip header: the same bytes every run.
  const encoded = gzipSync(Buffer.from(JSON.stringify(helmReleaseJson(r, index))), { level: 9 }).toString('base64');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'helm.sh/release.v1',
    metadata: {
      name: `sh.helm.release.v1.${r.name}.v${version}`,
      namespace: r.namespace,
      labels: { name: r.name, owner: 'helm', status: rev.status, version },
    },
    data: { release: b64(encoded) },
  };
}

export async function seedConfig(kube: Kube): Promise<void> {
  kube.log('config: ConfigMaps, Secrets, Helm releases');
  const helm = HELM_RELEASES.flatMap((r) => r.revisions.map((_, i) => helmReleaseSecret(r, i)));
  // Secrets are created once and never patched: a rotated value in a demo is kept. Helm's release
  // Secrets follow the seed (their bytes are the same every run), so a changed release reaches a
  // cluster seeded before.
  await Promise.all([
    ...CONFIG_MAPS.map((cm) => ensure(kube, cm)),
    ...SECRETS.map((s) => ensure(kube, s, { patch: false })),
    ...helm.map((s) => ensure(kube, s)),
  ]);
  await ensure(kube, CONFIG_READER);
}
