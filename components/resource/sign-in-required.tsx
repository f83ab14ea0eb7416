export function SignInRequired() {
  return (
    <div role="alert" className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-800">
      Sign in to see this cluster&apos;s objects.{' '}
      <a href="/sign-in" className="font-medium underline">
        Sign in
      </a>
    </div>
  );
}
