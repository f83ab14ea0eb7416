import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { connection } from 'next/server';
import type { ReactNode } from 'react';

import { Providers } from '@/components/providers';
import { THEME_SCRIPT } from '@/components/theme/theme';

import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Wheelhouse', template: '%s · Wheelhouse' },
  description: 'A web dashboard for Kubernetes clusters.',
};

// Every page renders per request: Next.js puts the CSP nonce proxy.ts made on its scripts only when
// rendering dynamically, and a prerendered page's scripts would be blocked by the policy.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  // proxy.ts's per-request nonce: the theme script is inline and the CSP admits no other inline script.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    // The theme script sets `dark` on <html> before hydration, so React must not "correct" its class.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="bg-slate-50 font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
