'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useId, useRef, useState, type CSSProperties } from 'react';
import { createPortal } from 'react-dom';

import type { WorkloadAction } from '@/lib/k8s/kinds/descriptor';
import { workloadOffers } from '@/lib/k8s/kinds/workload-traits';
import type { WorkloadActionsView } from '@/lib/k8s/rollout/actions';
import { isSystemBinding, workloadActionAccess, type WhyBinding, type WhyQuery } from '@/lib/k8s/why';
import { whyOptions } from '@/lib/query/why';
import { routes } from '@/lib/routes';

// "Why can't I …?" (issue 15, item 4): a quiet link next to an action that is not offered. Opening it
// asks the server (GET /api/k8s/<cluster>/why) and shows, in words, the verb and resource Kubernetes
// refused, whether elevation would help, and the bindings that grant it among those the person may read.
// The answer floats under the link in a portal: the panels it sits in clip their overflow.

export interface WhyNotProps {
  cluster: string;
  request: WhyQuery;
  /** What the person could not do, as a verb phrase: "scale", "change the autoscaling range". */
  label: string;
}

function BindingRow({ cluster, b }: { cluster: string; b: WhyBinding }) {
  const href = b.namespace
    ? routes.object(cluster, 'rolebindings', b.namespace, b.name)
    : routes.object(cluster, 'clusterrolebindings', undefined, b.name);
  return (
    <li className="py-1">
      <Link href={href} prefetch={false} className="font-mono text-xs text-sky-700 hover:underline dark:text-sky-400">
        {b.kind} {b.name}
      </Link>{' '}
      <span className="text-xs text-slate-500 dark:text-slate-400">
        ({b.role.kind} {b.role.name}){b.yours ? ' · yours' : ''}
      </span>
      <span className="block text-xs text-slate-700 dark:text-slate-300">{b.subjects.join(', ') || 'nobody'}</span>
    </li>
  );
}

export function WhyNot({ cluster, request, label }: WhyNotProps) {
  const [open, setOpen] = useState(false);
  const [showSystem, setShowSystem] = useState(false);
  const id = useId();
  const anchor = useRef<HTMLButtonElement>(null);
  const [place, setPlace] = useState<CSSProperties>({});
  useEffect(() => {
    if (!open) return;
    const follow = () => {
      const r = anchor.current?.getBoundingClientRect();
      if (r) setPlace({ top: r.bottom + 4, right: Math.max(8, window.innerWidth - r.right) });
    };
    const close = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    follow();
    window.addEventListener('scroll', follow, true);
    window.addEventListener('resize', follow);
    window.addEventListener('keydown', close);
    return () => {
      window.removeEventListener('scroll', follow, true);
      window.removeEventListener('resize', follow);
      window.removeEventListener('keydown', close);
    };
  }, [open]);
  const answer = useQuery({ ...whyOptions(cluster, request), enabled: open });
  const a = answer.data;
  const people = a?.grants.filter((g) => !isSystemBinding(g)) ?? [];
  const system = a?.grants.filter(isSystemBinding) ?? [];
  return (
    <span className="relative inline-flex items-center" data-testid="why-not">
      <button
        ref={anchor}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        className="px-1 text-xs text-slate-500 underline decoration-dotted underline-offset-2 hover:text-slate-800 dark:text-slate-400 dark:hover:text-slate-200"
      >
        Why can’t I {label}?
      </button>
      {open
        ? createPortal(
            <div
              id={id}
              style={place}
              role="region"
              aria-label={`Why you cannot ${label}`}
              data-testid="why-not-answer"
              className="fixed z-50 w-[26rem] max-w-[90vw] rounded-md border border-slate-200 bg-white p-3 text-left text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
            >
              {answer.error ? (
                <p className="text-red-700 dark:text-red-300">Could not find out: {answer.error.message}</p>
              ) : !a ? (
                <p className="text-slate-500 dark:text-slate-400">Asking Kubernetes…</p>
              ) : (
                <>
                  <p className="font-mono text-xs text-slate-900 dark:text-slate-100" data-testid="why-not-request">
                    {a.allowed ? 'allowed: ' : 'refused: '}
                    {a.target}
                  </p>
                  <ul className="mt-2 space-y-1 text-slate-700 dark:text-slate-300" data-testid="why-not-words">
                    {a.words.map((w) => (
                      <li key={w}>{w}</li>
                    ))}
                  </ul>
                  {people.length ? (
                    <ul className="mt-2 divide-y divide-slate-100 dark:divide-slate-800" data-testid="why-not-grants">
                      {people.map((b) => (
                        <BindingRow key={`${b.kind}/${b.namespace ?? ''}/${b.name}`} cluster={cluster} b={b} />
                      ))}
                    </ul>
                  ) : null}
                  {system.length ? (
                    <button
                      type="button"
                      onClick={() => setShowSystem((s) => !s)}
                      className="mt-1 text-xs text-slate-500 underline dark:text-slate-400"
                    >
                      {showSystem ? 'Hide' : 'Show'} Kubernetes’ own bindings ({system.length})
                    </button>
                  ) : null}
                  {showSystem ? (
                    <ul className="mt-1 divide-y divide-slate-100 dark:divide-slate-800">
                      {system.map((b) => (
                        <BindingRow key={`${b.kind}/${b.namespace ?? ''}/${b.name}`} cluster={cluster} b={b} />
                      ))}
                    </ul>
                  ) : null}
                </>
              )}
            </div>,
            document.body,
          )
        : null}
    </span>
  );
}

const PATCH_LABELS: Partial<Record<WorkloadAction, string>> = {
  rollback: 'roll back',
  restart: 'restart',
  pause: 'pause',
};

/** The "why" links of the workload actions panel: one for scale, one for the actions that patch. */
export function WorkloadWhyNot({ cluster, view }: { cluster: string; view: WorkloadActionsView }) {
  const p = view.permissions;
  const at = (action: WorkloadAction) => workloadActionAccess(view.kind, action, view.namespace, view.name);
  const patchActions = (['rollback', 'restart', 'pause', 'resume', 'abort'] as const).filter((a) =>
    workloadOffers(view.kind, a),
  );
  const patchDenied = patchActions.length > 0 && patchActions.every((a) => !p[a]);
  const words = patchActions.flatMap((a) => PATCH_LABELS[a] ?? []);
  const patchLabel = words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}` : words[0];
  return (
    <>
      {workloadOffers(view.kind, 'scale') && !p.scale ? (
        <WhyNot cluster={cluster} request={at('scale')} label="scale" />
      ) : null}
      {patchDenied && patchLabel ? <WhyNot cluster={cluster} request={at('rollback')} label={patchLabel} /> : null}
    </>
  );
}
