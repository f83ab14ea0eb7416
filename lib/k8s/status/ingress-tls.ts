import type { CertificateSummary } from '@/lib/k8s/kinds/certificates';
import type { IngressSummary } from '@/lib/k8s/kinds/ingresses';
import type { TlsSecretSummary } from '@/lib/k8s/kinds/tls-secrets';
import { certificateRows, type CertificateState } from '@/lib/k8s/status/certificate-status';

// The certificate state behind each TLS entry of an Ingress, with the certificates screen's own
// rules (certificate-status.ts: days left on the Secret's leaf, cert-manager's status when the
// Secret cannot be read, failing issuance), for the Ingress's namespace only.

export interface IngressTlsState {
  secretName: string;
  hosts: string[];
  state: CertificateState;
  /** One sentence: "Expires in 74 days", "Not issued — …", "Secret x does not exist". */
  summary: string;
  notAfter?: string;
  daysLeft?: number;
  /** The cert-manager Certificate that issues the Secret, when there is one. */
  certificate?: string;
}

export interface IngressTlsInputs {
  certificates: readonly CertificateSummary[];
  /** The TLS Secrets named by the Ingress that the person may read (leaf facts only). */
  secrets: readonly TlsSecretSummary[];
  /** The person may not read Secrets in the Ingress's namespace. */
  secretsHidden: boolean;
}

export function ingressTlsStates(
  ingress: IngressSummary,
  tls: readonly { hosts?: string[]; secretName?: string }[],
  inputs: IngressTlsInputs,
  now: number,
): IngressTlsState[] {
  const ns = ingress.namespace ?? '';
  const rows = certificateRows(
    {
      certificates: inputs.certificates.filter((c) => c.namespace === ns),
      requests: [],
      orders: [],
      challenges: [],
      secrets: inputs.secrets.filter((s) => s.namespace === ns),
      ingresses: [ingress],
      secretsHidden: () => inputs.secretsHidden,
    },
    now,
  );
  return tls.map((t) => {
    const hosts = t.hosts ?? [];
    if (!t.secretName)
      return {
        secretName: '',
        hosts,
        state: 'unknown' as const,
        summary: 'No Secret named: the ingress controller serves its default certificate',
      };
    const row = rows.find((r) => r.secretName === t.secretName);
    if (!row)
      return {
        secretName: t.secretName,
        hosts,
        ...(inputs.secretsHidden
          ? {
              state: 'unknown' as const,
              summary: `You may not read Secrets in ${ns}, and no cert-manager Certificate issues it`,
            }
          : {
              state: 'failing' as const,
              summary: `Secret ${t.secretName} does not exist: the controller serves its default certificate`,
            }),
      };
    return {
      secretName: t.secretName,
      hosts,
      state: row.state,
      summary: row.summary,
      notAfter: row.notAfter,
      daysLeft: row.daysLeft,
      certificate: row.source === 'cert-manager' ? row.name : undefined,
    };
  });
}
