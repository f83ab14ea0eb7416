'use client';

import { useState } from 'react';

import { ConfigUsers } from '@/components/kinds/config-users';
import type { KindPanelProps } from '@/components/kinds/types';
import { Section } from '@/components/resource/section';
import { VisibleText } from '@/components/ui/visible-text';
import { formatSize, utf8Bytes } from '@/lib/k8s/config-data';

// A ConfigMap's values, collapsed until asked for. The object came from the object API, which answers
// only a person the API server lets `get` this ConfigMap; values are untrusted text (hidden and
// bidirectional characters shown as markers). binaryData is shown as a size only (kubectl describe).

function ConfigValues({ data }: { data: Record<string, string> }) {
  const [open, setOpen] = useState(false);
  const keys = Object.keys(data).sort();
  return (
    <Section
      title="Values"
      testId="configmap-values"
      meta={
        keys.length ? (
          <button
            type="button"
            onClick={() => setOpen(!open)}
            aria-expanded={open}
            className="rounded border border-slate-300 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800"
          >
            {open ? 'Hide values' : 'Show values'}
          </button>
        ) : undefined
      }
    >
      {!keys.length ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">No text values.</p>
      ) : !open ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">
          {keys.length} value{keys.length === 1 ? '' : 's'} hidden. Values are shown because you may read this
          ConfigMap; they may hold anything its authors put there.
        </p>
      ) : (
        <dl className="flex flex-col gap-3">
          {keys.map((k) => (
            <div key={k} data-testid="configmap-value">
              <dt className="font-mono text-xs font-medium text-slate-700 dark:text-slate-200">
                {k}{' '}
                <span className="font-normal text-slate-500 dark:text-slate-400">
                  ({formatSize(utf8Bytes(data[k] ?? ''))})
                </span>
              </dt>
              <dd className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-xs text-slate-800 dark:bg-slate-950 dark:text-slate-200">
                <VisibleText text={data[k] ?? ''} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </Section>
  );
}

export function ConfigMapPanel({ cluster, kind, namespace, name, object }: KindPanelProps) {
  const raw = object.data;
  const data =
    typeof raw === 'object' && raw !== null
      ? Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string'))
      : {};
  return (
    <div className="flex flex-col gap-4">
      <ConfigValues data={data} />
      <ConfigUsers cluster={cluster} kindId={kind} refKind="ConfigMap" namespace={namespace ?? ''} name={name} />
    </div>
  );
}
