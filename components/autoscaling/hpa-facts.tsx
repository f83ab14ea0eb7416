import { Card } from '@/components/ui/card';
import type { HpaSummary } from '@/lib/k8s/kinds/horizontalpodautoscalers';
import type { HpaConditionView } from '@/lib/k8s/status/hpa-status';
import { VisibleText } from '@/components/ui/visible-text';

// The HPA detail's facts: metrics current vs target, conditions explained in words, behaviour.

const TONE: Record<HpaConditionView['tone'], string> = {
  good: 'border-emerald-200 dark:border-emerald-900 bg-emerald-50 dark:bg-emerald-950/40',
  warn: 'border-amber-200 dark:border-amber-900 bg-amber-50 dark:bg-amber-950/40',
  bad: 'border-red-200 dark:border-red-900 bg-red-50 dark:bg-red-950/40',
  neutral: 'border-slate-200 dark:border-slate-800 bg-slate-50 dark:bg-slate-800/40',
};

export function HpaMetricsCard({ hpa }: { hpa: HpaSummary }) {
  return (
    <Card title="Metrics" testId="hpa-metrics">
      <table className="min-w-full text-sm">
        <thead className="text-left text-xs text-slate-500 dark:text-slate-400">
          <tr>
            <th className="px-4 py-2">Metric</th>
            <th className="px-4 py-2">Current</th>
            <th className="px-4 py-2">Target</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {hpa.metrics.map((m) => {
            const over =
              m.currentPercent !== undefined && m.targetPercent !== undefined && m.currentPercent > m.targetPercent;
            return (
              <tr key={`${m.type}/${m.name}`} data-testid="hpa-metric">
                <td className="px-4 py-2">
                  {m.name} <span className="text-xs text-slate-400 dark:text-slate-500">({m.type})</span>
                </td>
                <td
                  className={`px-4 py-2 font-semibold ${over ? 'text-amber-700 dark:text-amber-300' : 'text-slate-900 dark:text-slate-100'}`}
                >
                  {m.current}
                </td>
                <td className="px-4 py-2 text-slate-600 dark:text-slate-400">{m.target}</td>
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
          <li className="text-sm text-slate-500 dark:text-slate-400">The controller has not reported yet.</li>
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
                <span className="text-slate-500 dark:text-slate-400">
                  {' '}
                  (<VisibleText text={c.reason} />)
                </span>
              ) : null}
            </p>
            <p className="text-slate-700 dark:text-slate-300">{c.explanation}</p>
            {c.message ? (
              <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">
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
          <dt className="text-xs text-slate-500 dark:text-slate-400">Scale up</dt>
          <dd>{hpa.behavior.scaleUp}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500 dark:text-slate-400">Scale down</dt>
          <dd>{hpa.behavior.scaleDown}</dd>
        </div>
      </dl>
    </Card>
  );
}
