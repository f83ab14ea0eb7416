import type { ReactNode } from 'react';

import { AUDIT_RESULTS } from '@/lib/audit/types';

// A plain GET form: the filters live in the URL (shareable, back button works) and it works
// without JavaScript. The server validates every value (server/audit/query.ts).

export interface ActivityFilterValues {
  user?: string;
  namespace?: string;
  action?: string;
  result?: string;
  from?: string;
  to?: string;
}

const ACTIONS = [
  'scale',
  'rollback',
  'restart',
  'pause',
  'resume',
  'abort',
  'hpa-edit',
  'cordon',
  'uncordon',
  'drain',
  'elevate',
  'elevate-end',
];

const input =
  'mt-1 block w-full rounded-md border border-slate-300 dark:border-slate-700 bg-white dark:bg-slate-900 px-2 py-1.5 text-sm focus:border-sky-500 focus:outline-none';

/** datetime-local wants "YYYY-MM-DDTHH:MM" (shown and read as UTC). */
function local(iso: string | undefined): string | undefined {
  return iso ? iso.slice(0, 16) : undefined;
}

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="text-xs font-medium text-slate-600 dark:text-slate-400">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

export function ActivityFilters({
  action,
  values,
  namespaces,
}: {
  action: string;
  values: ActivityFilterValues;
  namespaces: string[];
}) {
  return (
    <form
      method="get"
      action={action}
      aria-label="Filters"
      className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 dark:border-slate-800 bg-white dark:bg-slate-900 p-4 md:grid-cols-7"
    >
      <Field id="activity-user" label="User">
        <input id="activity-user" name="user" defaultValue={values.user} className={input} autoComplete="off" />
      </Field>
      <Field id="activity-namespace" label="Namespace">
        <input
          id="activity-namespace"
          name="namespace"
          defaultValue={values.namespace}
          list="activity-namespaces"
          className={input}
          autoComplete="off"
        />
        <datalist id="activity-namespaces">
          <option value="-">(cluster-wide)</option>
          {namespaces.map((ns) => (
            <option key={ns} value={ns} />
          ))}
        </datalist>
      </Field>
      <Field id="activity-action" label="Action">
        <select id="activity-action" name="action" defaultValue={values.action ?? ''} className={input}>
          <option value="">any</option>
          {ACTIONS.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </Field>
      <Field id="activity-result" label="Result">
        <select id="activity-result" name="result" defaultValue={values.result ?? ''} className={input}>
          <option value="">any</option>
          {AUDIT_RESULTS.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </Field>
      <Field id="activity-from" label="From (UTC)">
        <input
          type="datetime-local"
          id="activity-from"
          name="from"
          defaultValue={local(values.from)}
          className={input}
        />
      </Field>
      <Field id="activity-to" label="To (UTC)">
        <input type="datetime-local" id="activity-to" name="to" defaultValue={local(values.to)} className={input} />
      </Field>
      <div className="flex items-end gap-2">
        <button
          type="submit"
          className="rounded-md bg-sky-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-700"
        >
          Apply
        </button>
        <a
          href={action}
          className="px-2 py-1.5 text-sm text-slate-500 dark:text-slate-400 hover:text-slate-800 dark:hover:text-slate-200"
        >
          Clear
        </a>
      </div>
    </form>
  );
}
