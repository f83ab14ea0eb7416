'use client';

import * as Dialog from '@radix-ui/react-dialog';
import { useState, type ReactNode } from 'react';

import type { ActionResult } from '@/lib/k8s/rollout/actions';

// The one confirm dialog of every action: what will happen, warnings, an optional reason (recorded in
// the audit log), and the result or error in place. The confirm button is disabled while the request
// runs (the server also de-duplicates by request id).

export interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  confirmLabel: string;
  danger?: boolean;
  /** False keeps the confirm button disabled (e.g. invalid input). */
  canConfirm?: boolean;
  children: ReactNode;
  /** Runs the action with the reason; the dialog closes on success. */
  onConfirm: (reason: string) => Promise<ActionResult>;
  onDone?: (result: ActionResult & { ok: true }) => void;
  /**
   * After a conflict: re-reads the object (new resourceVersion, new request id) so the dialog shows
   * the current state and its diff again. Retrying without it would repeat the same 409.
   */
  onReload?: () => Promise<void>;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const {
    open,
    onOpenChange,
    title,
    confirmLabel,
    danger,
    canConfirm = true,
    children,
    onConfirm,
    onDone,
    onReload,
  } = props;
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<(ActionResult & { ok: false }) | null>(null);
  const [reloaded, setReloaded] = useState(false);
  // A conflict leaves the person's snapshot stale: confirming again would give the same 409.
  const mustReload = error?.code === 'conflict' && onReload !== undefined;

  const reload = async () => {
    if (!onReload || pending) return;
    setPending(true);
    try {
      await onReload();
      setError(null);
      setReloaded(true);
    } finally {
      setPending(false);
    }
  };

  const submit = async () => {
    if (pending) return;
    setPending(true);
    setError(null);
    setReloaded(false);
    try {
      const result = await onConfirm(reason.trim());
      if (result.ok) {
        setReason('');
        onOpenChange(false);
        onDone?.(result);
      } else setError(result);
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        if (!next) {
          setError(null);
          setReloaded(false);
        }
        onOpenChange(next);
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40 dark:bg-black/60" />
        <Dialog.Content
          className="fixed top-1/2 left-1/2 z-50 max-h-[90vh] w-[min(760px,95vw)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white dark:bg-slate-900 p-5 shadow-xl dark:ring-1 dark:ring-slate-700"
          aria-describedby={undefined}
        >
          <Dialog.Title className="text-base font-semibold text-slate-900 dark:text-slate-100">{title}</Dialog.Title>
          <div className="mt-3 space-y-3 text-sm text-slate-700 dark:text-slate-300">{children}</div>
          <label className="mt-4 block text-sm">
            <span className="text-slate-600 dark:text-slate-400">Reason (optional, recorded in the audit log)</span>
            <input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={500}
              className="mt-1 block w-full rounded border border-slate-300 dark:border-slate-700 px-2 py-1.5 text-sm"
              placeholder="e.g. 2.1.0 crash-loops on start"
            />
          </label>
          {error ? (
            <p
              role="alert"
              data-testid="action-error"
              data-code={error.code}
              className="mt-3 rounded bg-red-50 dark:bg-red-950/40 px-3 py-2 text-sm text-red-800 dark:text-red-200"
            >
              {error.message}
              {mustReload ? (
                <button
                  type="button"
                  onClick={() => void reload()}
                  disabled={pending}
                  className="ml-2 rounded bg-white dark:bg-slate-900 px-2 py-0.5 text-xs font-medium text-slate-800 dark:text-slate-200 ring-1 ring-slate-300 dark:ring-slate-700 hover:bg-slate-50 dark:hover:bg-slate-800/60"
                >
                  Reload and review
                </button>
              ) : null}
            </p>
          ) : null}
          {reloaded ? (
            <p role="status" data-testid="action-reloaded" className="mt-3 text-sm text-slate-600 dark:text-slate-400">
              Reloaded: the dialog now shows the current state. Review it, then confirm again.
            </p>
          ) : null}
          <div className="mt-5 flex justify-end gap-2">
            <Dialog.Close className="rounded px-3 py-1.5 text-sm text-slate-700 dark:text-slate-300 ring-1 ring-slate-300 dark:ring-slate-700 hover:bg-slate-50 dark:hover:bg-slate-800/60">
              Cancel
            </Dialog.Close>
            <button
              type="button"
              onClick={() => void submit()}
              disabled={pending || !canConfirm || mustReload}
              className={`rounded px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50 ${danger ? 'bg-red-600 hover:bg-red-700' : 'bg-slate-900 hover:bg-slate-700 dark:bg-sky-600 dark:hover:bg-sky-500'}`}
            >
              {pending ? 'Working…' : confirmLabel}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

export function Warning({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p
      data-testid={testId}
      className="rounded bg-amber-50 dark:bg-amber-950/40 px-3 py-2 text-sm text-amber-900 dark:text-amber-100 ring-1 ring-amber-200 dark:ring-amber-800"
    >
      {children}
    </p>
  );
}
