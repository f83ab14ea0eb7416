'use client';

import { useRouter } from 'next/navigation';
import { lazy, Suspense, useEffect, useState } from 'react';

import { routes } from '@/lib/routes';
import { GO_SHORTCUTS, isTypingTarget } from '@/components/command-palette/shortcuts';

// ⌘K / Ctrl-K: jump to any object by name; `g w`, `g p`… jump to sections. The keys are listened for
// from hydration on; the dialog (cmdk, Radix) is a module of its own, loaded the first time the
// palette opens, so no page's first paint or hydration waits for it (ADR 0018).

const CommandPaletteDialog = lazy(() =>
  import('@/components/command-palette/command-palette-dialog').then((m) => ({ default: m.CommandPaletteDialog })),
);

export function CommandPalette({ cluster }: { cluster: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  // Mounted from the first opening on, so closing keeps cmdk's own close handling.
  const [wanted, setWanted] = useState(false);

  useEffect(() => {
    let pendingG = 0;
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setWanted(true);
        setOpen((o) => !o);
        return;
      }
      if (isTypingTarget(e.target) || e.metaKey || e.ctrlKey || e.altKey) return;
      if (e.key === 'g') {
        pendingG = Date.now();
        return;
      }
      const target = GO_SHORTCUTS[e.key];
      if (target && Date.now() - pendingG < 1000) {
        pendingG = 0;
        router.push(routes.section(cluster, target.slug));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [cluster, router]);

  if (!wanted) return null;
  return (
    <Suspense fallback={null}>
      <CommandPaletteDialog
        cluster={cluster}
        open={open}
        onOpenChange={setOpen}
        go={(href) => {
          setOpen(false);
          router.push(href);
        }}
      />
    </Suspense>
  );
}
