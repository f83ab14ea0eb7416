'use client';

import { LogOut } from 'lucide-react';
import { useState } from 'react';

import { ThemeSwitch } from '@/components/theme/theme-switch';

// Who is signed in (Kubernetes user and groups, as the cluster sees them) and sign-out. Signing out
// revokes the session on the server, which also closes this tab's live-update stream.

interface UserMenuProps {
  user: string;
  groups: string[];
}

async function signOut(): Promise<void> {
  const csrf = (await (await fetch('/api/auth/csrf', { cache: 'no-store' })).json()) as { csrfToken?: string };
  await fetch('/api/auth/signout', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken: csrf.csrfToken ?? '', json: 'true' }),
  });
}

export function UserMenu({ user, groups }: UserMenuProps) {
  const [busy, setBusy] = useState(false);
  return (
    <div className="border-t border-slate-800 px-4 py-3" data-testid="user-menu">
      <p className="text-xs text-slate-400">Signed in as</p>
      <p className="truncate text-sm font-medium text-white" data-testid="signed-in-user" title={user}>
        {user}
      </p>
      {groups.length ? (
        <ul className="mt-1 flex flex-wrap gap-1" aria-label="Groups" data-testid="signed-in-groups">
          {groups.map((g) => (
            <li key={g} className="rounded bg-slate-800 px-1.5 py-0.5 font-mono text-[11px] text-slate-300">
              {g}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="mt-3">
        <ThemeSwitch />
      </div>
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await signOut();
          } finally {
            window.location.assign('/sign-in');
          }
        }}
        className="mt-3 flex items-center gap-2 text-sm text-slate-300 hover:text-white disabled:opacity-60"
      >
        <LogOut aria-hidden className="h-4 w-4" />
        Sign out
      </button>
    </div>
  );
}
