import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3 p-8 text-center">
      <p className="text-sm font-semibold text-slate-500 dark:text-slate-400">404</p>
      <h1 className="text-xl font-semibold text-slate-900 dark:text-slate-100">Nothing here</h1>
      <p className="max-w-md text-sm text-slate-600 dark:text-slate-400">
        The cluster or page in this address is not one this Wheelhouse server knows.
      </p>
      <Link href="/" className="mt-2 text-sm font-medium text-sky-700 dark:text-sky-400 hover:underline">
        Go to the dashboard
      </Link>
    </main>
  );
}
