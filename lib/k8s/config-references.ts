import { z } from 'zod';

import { dnsSubdomainSchema } from '@/lib/k8s/names';
import type { ReferencedKind } from '@/lib/k8s/pod-references';

// The answer of GET /api/k8s/<cluster>/references/<namespace>?kind=ConfigMap|Secret&name=…: the
// workloads and pods in a namespace whose pod spec reads a ConfigMap or Secret, among what the person
// may list (server/k8s/config-references.ts). Shared by server and client.

export const referencesQuerySchema = z.object({
  kind: z.enum(['ConfigMap', 'Secret']),
  name: dnsSubdomainSchema,
});

export interface ConfigReference {
  /** Kind id (deployments, pods…), for links. */
  kind: string;
  kindTitle: string;
  namespace: string;
  name: string;
  /** How it reads the object: "env DB_HOST (app)", "volume", "envFrom (app)". */
  uses: string[];
}

export interface ConfigReferencesResponse {
  kind: ReferencedKind;
  name: string;
  items: ConfigReference[];
  /** Kinds the person may not list in the namespace: their users, if any, are not shown. */
  unreadable: string[];
}
