'use client';

import { useState } from 'react';

import { HpaEditDialog } from '@/components/actions/hpa-edit-dialog';
import type { HpaRef } from '@/lib/k8s/rollout/actions';

// Opens the actions engineer's min/max dialog (POST …/actions/hpa-edit, audited, with the bounds
// the person saw as precondition). The page shows the new bounds from the live stream.

export function HpaEditButton(props: { cluster: string; namespace: string; hpa: HpaRef; maxReplicas: number }) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string>();
  return (
    <div className="flex items-center gap-3">
      {done ? (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-300" data-testid="hpa-edit-result">
          {done}
        </p>
      ) : null}
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 dark:bg-sky-600 dark:hover:bg-sky-500"
      >
        Edit min/max
      </button>
      {open ? (
        <HpaEditDialog
          {...props}
          open={open}
          onOpenChange={setOpen}
          onDone={(result) => {
            setDone(result.message);
          }}
        />
      ) : null}
    </div>
  );
}
