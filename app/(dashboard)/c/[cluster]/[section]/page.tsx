import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { findSection } from '@/lib/navigation/sections';
import { requireIdentity } from '@/server/auth/identity';
import { resolveCluster } from '@/server/k8s/cluster';

export const dynamic = 'force-dynamic';

interface SectionPageProps {
  params: Promise<{ cluster: string; section: string }>;
}

// Placeholder for sections not built yet. A real section adds its own folder (e.g. workloads/),
// which Next matches before this dynamic segment.
export async function generateMetadata({ params }: SectionPageProps): Promise<Metadata> {
  const section = findSection((await params).section);
  return { title: section?.title ?? 'Not found' };
}

export default async function ComingSoonPage({ params }: SectionPageProps) {
  const { cluster, section: slug } = await params;
  await requireIdentity(`/c/${encodeURIComponent(cluster)}/${encodeURIComponent(slug)}`);
  const section = findSection(slug);
  if (!resolveCluster(cluster) || !section || section.slug === 'overview') notFound();

  return (
    <div className="mx-auto max-w-7xl">
      <h1 className="text-xl font-semibold text-slate-900">{section.title}</h1>
      <div className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
        <p className="text-sm font-medium text-slate-700">Coming soon</p>
        <p className="mt-1 text-sm text-slate-500">{section.description}</p>
      </div>
    </div>
  );
}
