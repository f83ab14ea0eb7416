import {
  ageColumn,
  byAge,
  byName,
  defaultSearchText,
  type BaseSummary,
  type KindDescriptor,
  withBase,
} from '@/lib/k8s/kinds/descriptor';
import type { KubeObject } from '@/lib/k8s/object';

// cert-manager's ACME Orders and Challenges (acme.cert-manager.io/v1): where a failing issuance
// through an ACME issuer says why (an errored Order, a Challenge whose self check fails).

export interface OrderSummary extends BaseSummary {
  /** pending | ready | processing | valid | invalid | expired | errored (cert-manager's State). */
  state: string;
  reason?: string;
  dnsNames: string[];
  ownerUid?: string;
}

export interface ChallengeSummary extends BaseSummary {
  state: string;
  reason?: string;
  dnsName: string;
  /** HTTP-01 or DNS-01. */
  type: string;
  processing: boolean;
  presented: boolean;
  ownerUid?: string;
}

const ownerUid = (obj: KubeObject) => obj.metadata.ownerReferences?.find((o) => o.controller)?.uid;

const stateTone = (s: { state: string }) =>
  s.state === 'valid' ? 'green' : s.state === 'errored' || s.state === 'invalid' ? 'red' : 'amber';

type OrderObject = KubeObject & {
  spec?: { dnsNames?: string[]; commonName?: string };
  status?: { state?: string; reason?: string };
};

export const ordersKind: KindDescriptor<OrderSummary> = {
  id: 'orders',
  title: 'Orders',
  kind: 'Order',
  group: 'acme.cert-manager.io',
  versions: ['v1'],
  plural: 'orders',
  namespaced: true,
  indexes: ['owner'],
  toSummary(obj: KubeObject): OrderSummary {
    const o = obj as OrderObject;
    return withBase(obj, {
      state: o.status?.state || 'pending',
      reason: o.status?.reason || undefined,
      dnsNames: o.spec?.dnsNames ?? (o.spec?.commonName ? [o.spec.commonName] : []),
      ownerUid: ownerUid(obj),
    });
  },
  searchText: (s) => `${defaultSearchText(s)} ${s.dnsNames.join(' ')}`.toLowerCase(),
  sorts: { name: byName, age: byAge },
  defaultSort: 'name',
  columns: [{ id: 'state', title: 'State', cell: 'badge', value: (s) => s.state, tone: stateTone }, ageColumn],
};

type ChallengeObject = KubeObject & {
  spec?: { dnsName?: string; type?: string };
  status?: { state?: string; reason?: string; processing?: boolean; presented?: boolean };
};

export const challengesKind: KindDescriptor<ChallengeSummary> = {
  id: 'challenges',
  title: 'Challenges',
  kind: 'Challenge',
  group: 'acme.cert-manager.io',
  versions: ['v1'],
  plural: 'challenges',
  namespaced: true,
  indexes: ['owner'],
  toSummary(obj: KubeObject): ChallengeSummary {
    const c = obj as ChallengeObject;
    return withBase(obj, {
      state: c.status?.state || 'pending',
      reason: c.status?.reason || undefined,
      dnsName: c.spec?.dnsName ?? '',
      type: c.spec?.type ?? '',
      processing: c.status?.processing === true,
      presented: c.status?.presented === true,
      ownerUid: ownerUid(obj),
    });
  },
  searchText: (s) => `${defaultSearchText(s)} ${s.dnsName}`.toLowerCase(),
  sorts: { name: byName, age: byAge },
  defaultSort: 'name',
  columns: [
    { id: 'state', title: 'State', cell: 'badge', value: (s) => s.state, tone: stateTone },
    { id: 'domain', title: 'Domain', cell: 'mono', value: (s) => s.dnsName },
    { id: 'reason', title: 'Reason', cell: 'text', value: (s) => s.reason },
    ageColumn,
  ],
};
