// Generates the local cluster's PKI with the openssl CLI (Node's crypto cannot sign certificates).
// Idempotent: existing files are kept, so restarts keep the same CA and tokens stay valid.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function makeCa(dir: string, name: string, cn: string): void {
  if (existsSync(join(dir, `${name}.crt`))) return;
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.crt`,
      '-days',
      '3650',
      '-subj',
      `/CN=${cn}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign,digitalSignature',
    ],
    dir,
  );
}

interface LeafSpec {
  name: string;
  ca: string;
  subject: string;
  usage: 'serverAuth' | 'clientAuth';
  sans?: string[];
}

function makeLeaf(dir: string, spec: LeafSpec): void {
  if (existsSync(join(dir, `${spec.name}.crt`))) return;
  const ext = [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    `extendedKeyUsage=${spec.usage}`,
    ...(spec.sans ? [`subjectAltName=${spec.sans.join(',')}`] : []),
  ].join('\n');
  const extFile = join(dir, `${spec.name}.ext`);
  writeFileSync(extFile, ext + '\n');
  openssl(
    [
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${spec.name}.key`,
      '-out',
      `${spec.name}.csr`,
      '-subj',
      spec.subject,
    ],
    dir,
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      `${spec.name}.csr`,
      '-CA',
      `${spec.ca}.crt`,
      '-CAkey',
      `${spec.ca}.key`,
      '-CAcreateserial',
      '-out',
      `${spec.name}.crt`,
      '-days',
      '3650',
      '-extfile',
      extFile,
    ],
    dir,
  );
}

const LOCAL_SANS = ['DNS:localhost', 'IP:127.0.0.1'];

export function ensurePki(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  makeCa(dir, 'ca', 'wheelhouse-local-ca');
  makeCa(dir, 'front-proxy-ca', 'wheelhouse-front-proxy-ca');
  makeLeaf(dir, {
    name: 'apiserver',
    ca: 'ca',
    subject: '/CN=kube-apiserver',
    usage: 'serverAuth',
    sans: [
      ...LOCAL_SANS,
      'DNS:kubernetes',
      'DNS:kubernetes.default',
      'DNS:kubernetes.default.svc',
      'DNS:kubernetes.default.svc.cluster.local',
      'IP:10.96.0.1',
    ],
  });
  makeLeaf(dir, {
    name: 'front-proxy-client',
    ca: 'front-proxy-ca',
    subject: '/CN=front-proxy-client',
    usage: 'clientAuth',
  });
  makeLeaf(dir, {
    name: 'node-agent',
    ca: 'ca',
    subject: '/CN=wheelhouse-metrics',
    usage: 'serverAuth',
    sans: [...LOCAL_SANS, 'DNS:wheelhouse-metrics.kube-system.svc'],
  });
  if (!existsSync(join(dir, 'sa.key'))) {
    openssl(['genrsa', '-out', 'sa.key', '2048'], dir);
    openssl(['rsa', '-in', 'sa.key', '-pubout', '-out', 'sa.pub'], dir);
  }
}
