import type { MetadataRoute } from 'next';

// The web app manifest (/manifest.webmanifest): name and icons for "install" and home-screen links.
// Icons live in public/icons (rendered from app/icon.svg); proxy.ts serves these paths without a session.
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'Wheelhouse',
    short_name: 'Wheelhouse',
    description: 'A web dashboard for Kubernetes clusters.',
    start_url: '/',
    display: 'standalone',
    background_color: '#f8fafc',
    theme_color: '#0f172a',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  };
}
