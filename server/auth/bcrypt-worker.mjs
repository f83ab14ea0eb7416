// The body of a password-check worker thread (server/auth/password-verifier.ts). Plain JavaScript so
// the same file runs under Next's bundler (Turbopack bundles `new Worker(new URL(…, import.meta.url))`
// with its imports) and as-is in tests on Node 20, which cannot run TypeScript in a worker. No
// `server-only` here: that package throws outside React's server bundles, and a worker file is never
// imported by anything, only started.
import { parentPort } from 'node:worker_threads';

import bcrypt from 'bcryptjs';

if (!parentPort) throw new Error('bcrypt-worker.mjs runs only as a worker thread');
const port = parentPort;

// One check at a time per worker (the pool never sends a second before the first answered), so the
// synchronous compare is the fastest: bcryptjs's async form only slices the same work into turns.
port.on('message', (job) => {
  let ok = false;
  let error;
  try {
    ok = bcrypt.compareSync(String(job.password), String(job.hash));
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  port.postMessage({ id: job.id, ok, error });
});
