// Ambient types for an untyped module the lean list handler (server/http/lean/handler.ts) imports.
// Next.js's compiled copy of the `compression` middleware (expressjs/compression), the one its router
// applies to every response (next/dist/server/lib/router-server.js). Untyped in the package.
declare module 'next/dist/compiled/compression' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export default function compression(): (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
}
