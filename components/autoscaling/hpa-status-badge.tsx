import { StatusBadge, type BadgeTone } from '@/components/ui/status-badge';

const TONE: Record<string, BadgeTone> = {
  Healthy: 'green',
  AtMin: 'slate',
  Scaling: 'blue',
  AtMax: 'amber',
  Unable: 'red',
};
const LABEL: Record<string, string> = {
  Healthy: 'Within range',
  AtMin: 'At minimum',
  Scaling: 'Scaling',
  AtMax: 'At maximum',
  Unable: 'Unable to scale',
};

export function HpaStatusBadge({ status, message }: { status: string; message?: string }) {
  return (
    <StatusBadge tone={TONE[status] ?? 'slate'} title={message}>
      {LABEL[status] ?? status}
    </StatusBadge>
  );
}
