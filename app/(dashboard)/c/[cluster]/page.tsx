import { redirect } from 'next/navigation';

export default async function ClusterIndexPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  redirect(`/c/${encodeURIComponent(cluster)}/overview`);
}
