import { formatAge } from '@/lib/format/age';
import { shortImageName } from '@/lib/format/image';
import type { DeploymentSummary, Loaded } from '@/lib/k8s/dto';
import type { DeploymentStatusWord } from '@/lib/k8s/status/deployment-status';
import { Card } from '@/components/ui/card';
import { ErrorPanel } from '@/components/ui/error-panel';
import type { BadgeTone } from '@/components/ui/status-badge';
import { StatusBadge } from '@/components/ui/status-badge';

const STATUS_TONES: Record<DeploymentStatusWord, BadgeTone> = {
  Complete: 'green',
  Progressing: 'blue',
  Degraded: 'amber',
  Stuck: 'red',
  Paused: 'slate',
  ScaledDown: 'slate',
};

const COLUMNS = ['Namespace', 'Name', 'Status', 'Ready', 'Up-to-date', 'Available', 'Images', 'Age'];

export function DeploymentsTable({
  deployments,
  fetchedAt,
}: {
  deployments: Loaded<DeploymentSummary[]>;
  fetchedAt: string;
}) {
  return (
    <Card
      title="Deployments"
      meta={deployments.ok ? `${deployments.data.length} total` : undefined}
      testId="deployments-card"
    >
      {!deployments.ok ? (
        <div className="p-4">
          <ErrorPanel title="Cannot list Deployments" error={deployments.error} />
        </div>
      ) : deployments.data.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-500">No Deployments in this cluster yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="deployments-table">
            <thead className="bg-slate-50 text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                {COLUMNS.map((column) => (
                  <th key={column} scope="col" className="px-4 py-2 whitespace-nowrap">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {deployments.data.map((d) => (
                <DeploymentRow key={d.uid} deployment={d} fetchedAt={fetchedAt} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function DeploymentRow({ deployment: d, fetchedAt }: { deployment: DeploymentSummary; fetchedAt: string }) {
  const notReady = d.desired > 0 && d.available < d.desired;
  return (
    <tr className="hover:bg-slate-50">
      <td className="px-4 py-2 whitespace-nowrap text-slate-600">{d.namespace}</td>
      <td className="px-4 py-2 font-medium whitespace-nowrap text-slate-900">{d.name}</td>
      <td className="px-4 py-2">
        <StatusBadge tone={STATUS_TONES[d.status]} title={d.statusMessage}>
          {d.status}
        </StatusBadge>
      </td>
      <td className={`px-4 py-2 tabular-nums ${notReady ? 'font-medium text-amber-700' : 'text-slate-700'}`}>
        {d.ready}
      </td>
      <td className="px-4 py-2 tabular-nums text-slate-700">{d.upToDate}</td>
      <td className="px-4 py-2 tabular-nums text-slate-700">{d.available}</td>
      <td className="max-w-xs px-4 py-2">
        {d.images.map((image, i) => (
          <span key={`${i}:${image}`} className="block truncate font-mono text-xs text-slate-600" title={image}>
            {shortImageName(image)}
          </span>
        ))}
      </td>
      <td className="px-4 py-2 whitespace-nowrap tabular-nums text-slate-600" title={d.createdAt}>
        {formatAge(d.createdAt, fetchedAt)}
      </td>
    </tr>
  );
}
