import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';

import { Providers } from '@/components/providers';

import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Wheelhouse', template: '%s · Wheelhouse' },
  description: 'A web dashboard for Kubernetes clusters.',
};

// Every page renders per request: Next.js puts the CSP nonce proxy.ts made on its scripts only when
// rendering dynamically, and a prerendered page's scripts would be blocked by the policy.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="bg-slate-50 font-sans text-slate-900 antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
