'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { HpaEditDialog } from '@/components/actions/hpa-edit-dialog';
import type { HpaRef } from '@/lib/k8s/rollout/actions';

// Opens the actions engineer's min/max dialog (POST …/actions/hpa-edit, audited, with the bounds
// the person saw as precondition) and re-reads the page when it succeeds.

export function HpaEditButton(props: { cluster: string; namespace: string; hpa: HpaRef; maxReplicas: number }) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string>();
  const router = useRouter();
  return (
    <div className="flex items-center gap-3">
      {done ? (
        <p role="status" className="text-sm text-emerald-700" data-testid="hpa-edit-result">
          {done}
        </p>
      ) : null}
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700"
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
            // The page reads the shared cache, which sees the change through its watch a moment after
            // the API server answered: re-read now and once more shortly after.
            router.refresh();
            setTimeout(() => router.refresh(), 1500);
          }}
        />
      ) : null}
    </div>
  );
}
