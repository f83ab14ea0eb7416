import 'server-only';

import { z } from 'zod';

import { compareText } from '@/lib/k8s/kinds/descriptor';
import { isCustomKindId } from '@/lib/k8s/kinds/custom';

// A CustomResourceDefinition as the server reads it (server/k8s/custom-kinds.ts): validated with zod
// and turned into the plain spec that /_kinds sends and lib/k8s/kinds/custom.ts builds a descriptor
// from. custom.ts, which the browser loads, imports only the types from here: zod stays on the
// server, and `server-only` makes a value import from a client module a build error (ADR 0018, 0020).

const PRINTER_TYPES = ['string', 'integer', 'number', 'boolean', 'date'] as const;

export const printerColumnSchema = z.object({
  name: z.string().min(1).max(100),
  type: z.enum(PRINTER_TYPES),
  jsonPath: z.string().min(1).max(500),
  priority: z.number().int().min(0).default(0),
  description: z.string().max(1000).optional(),
});
export type PrinterColumn = z.infer<typeof printerColumnSchema>;

/** What a custom kind is, as data: built on the server from the CRD, sent to the client by `/_kinds`. */
export const customKindSpecSchema = z.object({
  id: z.string().min(3).max(317),
  group: z.string().min(1).max(253),
  version: z.string().min(1).max(63),
  kind: z.string().min(1).max(100),
  plural: z.string().min(1).max(63),
  namespaced: z.boolean(),
  title: z.string().min(1).max(120),
  shortNames: z.array(z.string().max(63)).max(20).default([]),
  columns: z.array(printerColumnSchema).max(50),
});
export type CustomKindSpec = z.infer<typeof customKindSpecSchema>;

const crdSchema = z.object({
  metadata: z.object({ name: z.string() }),
  spec: z.object({
    group: z.string(),
    scope: z.enum(['Namespaced', 'Cluster']),
    names: z.object({
      kind: z.string(),
      plural: z.string(),
      shortNames: z.array(z.string()).optional(),
    }),
    versions: z
      .array(
        z.object({
          name: z.string(),
          served: z.boolean(),
          storage: z.boolean(),
          additionalPrinterColumns: z.array(z.unknown()).optional(),
        }),
      )
      .min(1),
  }),
  status: z
    .object({
      conditions: z.array(z.object({ type: z.string(), status: z.string() })).optional(),
    })
    .optional(),
});

/**
 * Kubernetes version priority (apimachinery version.CompareKubeAwareVersionStrings): GA before beta
 * before alpha, higher numbers first, then anything else alphabetically. The served version that
 * sorts first is the one discovery calls preferred, which is the one kubectl reads.
 */
export function compareKubeVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return { rank: 0, major: 0, minor: 0 };
    const rank = m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1;
    return { rank, major: Number(m[1]), minor: Number(m[3] ?? 0) };
  };
  const x = parse(a);
  const y = parse(b);
  if (x.rank === 0 && y.rank === 0) return compareText(a, b);
  return y.rank - x.rank || y.major - x.major || y.minor - x.minor;
}

/** "Backup"/"backups" → "Backups"; "Policy"/"policies" → "Policies". */
function pluralTitle(kind: string, plural: string): string {
  if (plural.toLowerCase().startsWith(kind.toLowerCase())) return kind + plural.slice(kind.length);
  return plural.charAt(0).toUpperCase() + plural.slice(1);
}

/**
 * The spec of a CRD's kind, or undefined when the CRD is not usable yet (not Established, nothing
 * served) or not a CRD at all. Printer columns outside the supported types are dropped.
 */
export function customKindSpecFromCrd(crd: unknown): CustomKindSpec | undefined {
  const parsed = crdSchema.safeParse(crd);
  if (!parsed.success) return undefined;
  const { metadata, spec, status } = parsed.data;
  const established = status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True');
  if (status?.conditions && !established) return undefined;
  const served = spec.versions.filter((v) => v.served).sort((a, b) => compareKubeVersions(a.name, b.name));
  const version = served[0];
  if (!version) return undefined;
  const columns = (version.additionalPrinterColumns ?? []).flatMap((c) => {
    const col = printerColumnSchema.safeParse(c);
    return col.success ? [col.data] : [];
  });
  const out = customKindSpecSchema.safeParse({
    id: metadata.name,
    group: spec.group,
    version: version.name,
    kind: spec.names.kind,
    plural: spec.names.plural,
    namespaced: spec.scope === 'Namespaced',
    title: pluralTitle(spec.names.kind, spec.names.plural),
    shortNames: spec.names.shortNames ?? [],
    columns: columns.slice(0, 50),
  });
  return out.success && isCustomKindId(out.data.id) ? out.data : undefined;
}
