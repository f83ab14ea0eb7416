import { Card } from '@/components/ui/card';
import type { HpaSummary } from '@/lib/k8s/kinds/horizontalpodautoscalers';
import type { HpaConditionView } from '@/lib/k8s/status/hpa-status';
import { VisibleText } from '@/components/ui/visible-text';

// The HPA detail's facts: metrics current vs target, conditions explained in words, behaviour.

const TONE: Record<HpaConditionView['tone'], string> = {
  good: 'border-emerald-200 bg-emerald-50',
  warn: 'border-amber-200 bg-amber-50',
  bad: 'border-red-200 bg-red-50',
  neutral: 'border-slate-200 bg-slate-50',
};

export function HpaMetricsCard({ hpa }: { hpa: HpaSummary }) {
  return (
    <Card title="Metrics" testId="hpa-metrics">
      <table className="min-w-full text-sm">
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th className="px-4 py-2">Metric</th>
            <th className="px-4 py-2">Current</th>
            <th className="px-4 py-2">Target</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {hpa.metrics.map((m) => {
            const over =
              m.currentPercent !== undefined && m.targetPercent !== undefined && m.currentPercent > m.targetPercent;
            return (
              <tr key={`${m.type}/${m.name}`} data-testid="hpa-metric">
                <td className="px-4 py-2">
                  {m.name} <span className="text-xs text-slate-400">({m.type})</span>
                </td>
                <td className={`px-4 py-2 font-semibold ${over ? 'text-amber-700' : 'text-slate-900'}`}>{m.current}</td>
                <td className="px-4 py-2 text-slate-600">{m.target}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Card>
  );
}

export function HpaConditionsCard({ hpa }: { hpa: HpaSummary }) {
  return (
    <Card title="Conditions" testId="hpa-conditions">
      <ul className="flex flex-col gap-2 p-4">
        {hpa.conditions.length === 0 ? (
          <li className="text-sm text-slate-500">The controller has not reported yet.</li>
        ) : null}
        {hpa.conditions.map((c) => (
          <li
            key={c.type}
            className={`rounded border px-3 py-2 text-sm ${TONE[c.tone]}`}
            data-testid="hpa-condition"
            data-type={c.type}
          >
            <p>
              <span className="font-semibold">{c.type}</span> = {c.status}
              {c.reason ? (
                <span className="text-slate-500">
                  {' '}
                  (<VisibleText text={c.reason} />)
                </span>
              ) : null}
            </p>
            <p className="text-slate-700">{c.explanation}</p>
            {c.message ? (
              <p className="mt-0.5 text-xs text-slate-500">
                Controller: <VisibleText text={c.message} />
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function HpaBehaviorCard({ hpa }: { hpa: HpaSummary }) {
  return (
    <Card title="Scaling behaviour" testId="hpa-behavior">
      <dl className="grid gap-2 p-4 text-sm">
        <div>
          <dt className="text-xs text-slate-500">Scale up</dt>
          <dd>{hpa.behavior.scaleUp}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Scale down</dt>
          <dd>{hpa.behavior.scaleDown}</dd>
        </div>
      </dl>
    </Card>
  );
}
