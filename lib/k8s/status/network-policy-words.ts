import { selectorFromObject, selectorString, type LabelSelectorObject } from '@/lib/k8s/label-selector';

// A NetworkPolicy's rules in words, as the API defines them
// (https://kubernetes.io/docs/concepts/services-networking/network-policies/ and
// k8s.io/api/networking/v1 types.go): peers in one `from`/`to` list are ORed, a peer with both a
// podSelector and a namespaceSelector means pods matching the one in namespaces matching the other,
// an empty selector matches everything, a rule without peers or ports allows all of them, and a policy
// type with no rules denies all traffic in that direction for the selected pods.

export interface PolicyPeer {
  podSelector?: LabelSelectorObject;
  namespaceSelector?: LabelSelectorObject;
  ipBlock?: { cidr: string; except?: string[] };
}

export interface PolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}

export interface PolicyRule {
  ports?: PolicyPort[];
  from?: PolicyPeer[];
  to?: PolicyPeer[];
}

export interface NetworkPolicySpec {
  podSelector?: LabelSelectorObject;
  policyTypes?: string[];
  ingress?: PolicyRule[];
  egress?: PolicyRule[];
}

export type Direction = 'ingress' | 'egress';

/** The selector as kubectl writes it, or "" when it is empty (matches everything). */
function selectorWords(ls: LabelSelectorObject | undefined): string {
  try {
    return selectorString(selectorFromObject(ls ?? {}) ?? []);
  } catch {
    return '(invalid selector)';
  }
}

export function peerWords(peer: PolicyPeer): string {
  if (peer.ipBlock) {
    const except = peer.ipBlock.except?.length ? ` except ${peer.ipBlock.except.join(', ')}` : '';
    return `${peer.ipBlock.cidr}${except}`;
  }
  const pods = peer.podSelector ? selectorWords(peer.podSelector) : '';
  const podText = pods ? `pods ${pods}` : 'all pods';
  if (!peer.namespaceSelector) return `${podText} in this namespace`;
  const ns = selectorWords(peer.namespaceSelector);
  return `${podText} in ${ns ? `namespaces ${ns}` : 'all namespaces'}`;
}

export function portWords(p: PolicyPort): string {
  const protocol = p.protocol ?? 'TCP';
  if (p.port === undefined) return `all ${protocol} ports`;
  if (typeof p.port === 'string') return `${protocol} port "${p.port}"`;
  return p.endPort ? `${protocol} ${p.port}-${p.endPort}` : `${protocol} ${p.port}`;
}

function joinOr(items: readonly string[], word: 'or' | 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
}

/** One rule: "Allows ingress on TCP 8080 from pods app=web in namespaces team=shop". */
export function ruleWords(rule: PolicyRule, direction: Direction): string {
  const peers = (direction === 'ingress' ? rule.from : rule.to) ?? [];
  const ports = rule.ports ?? [];
  if (!peers.length && !ports.length) return `Allows all ${direction}`;
  const portText = ports.length ? `on ${joinOr(ports.map(portWords), 'and')}` : 'on all ports';
  const preposition = direction === 'ingress' ? 'from' : 'to';
  const peerText = peers.length ? joinOr(peers.map(peerWords), 'or') : 'anywhere';
  return `Allows ${direction} ${portText} ${preposition} ${peerText}`;
}

/** The policy types in effect: spec.policyTypes, or as the API server defaults them when unset. */
export function effectiveTypes(spec: NetworkPolicySpec): Direction[] {
  if (spec.policyTypes?.length)
    return spec.policyTypes
      .map((t) => t.toLowerCase())
      .filter((t): t is Direction => t === 'ingress' || t === 'egress');
  return spec.egress?.length ? ['ingress', 'egress'] : ['ingress'];
}

/**
 * What the policy says about one direction for the pods it selects: its rules in words, "Denies all
 * …" when the direction is restricted with no rule, or undefined when it does not restrict it.
 */
export function directionWords(spec: NetworkPolicySpec, direction: Direction): string[] | undefined {
  if (!effectiveTypes(spec).includes(direction)) return undefined;
  const rules = (direction === 'ingress' ? spec.ingress : spec.egress) ?? [];
  if (!rules.length) return [`Denies all ${direction}`];
  return rules.map((r) => ruleWords(r, direction));
}

/** Which pods the policy applies to, in words. */
export function selectedPodsWords(spec: NetworkPolicySpec, namespace: string): string {
  const pods = selectorWords(spec.podSelector);
  return pods ? `Pods ${pods} in ${namespace}` : `All pods in namespace ${namespace}`;
}
