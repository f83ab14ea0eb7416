import type { CertificateRow } from '@/lib/k8s/status/certificate-status';

// The certificates screen's answer (server/k8s/certificate-health.ts builds it, as the person; the
// page prefetches it and GET /api/k8s/<cluster>/certificate-health serves it to the live view).

export interface CertificateHealth {
  /** cert-manager.io/v1 is served (the CRDs are installed). */
  certManager: boolean;
  /** acme.cert-manager.io/v1 is served (Orders and Challenges). */
  acme: boolean;
  rows: CertificateRow[];
  /** Kinds that could not be read (e.g. Ingresses), with the reason; the rest of the page still works. */
  problems: string[];
  fetchedAt: string;
}
