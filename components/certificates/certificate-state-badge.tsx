import { StatusBadge, type BadgeTone } from '@/components/ui/status-badge';
import { STATE_LABEL, type CertificateState } from '@/lib/k8s/status/certificate-status';

const TONE: Record<CertificateState, BadgeTone> = {
  failing: 'red',
  expired: 'red',
  critical: 'red',
  warning: 'amber',
  ok: 'green',
  unknown: 'slate',
};

export function CertificateStateBadge({ state, title }: { state: CertificateState; title?: string }) {
  return (
    <StatusBadge tone={TONE[state]} title={title}>
      {STATE_LABEL[state]}
    </StatusBadge>
  );
}
