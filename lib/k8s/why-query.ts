import 'server-only';

import { z } from 'zod';

// The query of GET /api/k8s/<cluster>/why, validated by the route. Apart from lib/k8s/why.ts (pure,
// and loaded by the browser): the browser imports only the WhyQuery type from here, so zod stays on
// the server, and `server-only` turns a value import from a client module into a build error (ADR 0018).

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

export const WHY_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] as const;
export type WhyVerb = (typeof WHY_VERBS)[number];

const optional = <T extends z.ZodTypeAny>(s: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), s.optional());

/** One request as `kubectl auth can-i` takes it. */
export const whyQuerySchema = z.object({
  verb: z.enum(WHY_VERBS, { error: `verb must be one of ${WHY_VERBS.join(', ')}` }),
  group: z
    .string()
    .max(253)
    .regex(/^(|[a-z0-9]([-a-z0-9.]*[a-z0-9])?)$/, 'group must be an API group name (empty for core)')
    .default(''),
  resource: z.string().min(1).max(63).regex(dnsLabel, 'resource must be a lowercase plural, e.g. deployments'),
  subresource: optional(z.string().max(63).regex(dnsLabel, 'subresource must be a lowercase word, e.g. scale')),
  namespace: optional(z.string().max(63).regex(dnsLabel, 'namespace must be a DNS label')),
  name: optional(z.string().max(253).regex(dnsSubdomain, 'name must be a Kubernetes object name')),
});
export type WhyQuery = z.infer<typeof whyQuerySchema>;
