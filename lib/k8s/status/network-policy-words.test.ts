import { describe, expect, it } from 'vitest';

import {
  directionWords,
  effectiveTypes,
  peerWords,
  portWords,
  ruleWords,
  selectedPodsWords,
} from '@/lib/k8s/status/network-policy-words';

describe('NetworkPolicy rules in words', () => {
  it('says the issue’s example: pods in namespaces, one TCP port', () => {
    const rule = {
      ports: [{ protocol: 'TCP', port: 8080 }],
      from: [{ podSelector: { matchLabels: { app: 'web' } }, namespaceSelector: { matchLabels: { team: 'shop' } } }],
    };
    expect(ruleWords(rule, 'ingress')).toBe('Allows ingress on TCP 8080 from pods app=web in namespaces team=shop');
  });

  it('tells a pod selector alone (this namespace) from a namespace selector alone (all pods there)', () => {
    expect(peerWords({ podSelector: { matchLabels: { app: 'web' } } })).toBe('pods app=web in this namespace');
    expect(peerWords({ namespaceSelector: { matchLabels: { team: 'shop' } } })).toBe(
      'all pods in namespaces team=shop',
    );
    expect(peerWords({ namespaceSelector: {} })).toBe('all pods in all namespaces');
    expect(peerWords({ podSelector: {} })).toBe('all pods in this namespace');
    expect(peerWords({ podSelector: { matchLabels: { app: 'dns' } }, namespaceSelector: {} })).toBe(
      'pods app=dns in all namespaces',
    );
  });

  it('writes IP blocks with their exceptions and match expressions as kubectl does', () => {
    expect(peerWords({ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } })).toBe(
      '10.0.0.0/8 except 10.1.0.0/16',
    );
    expect(
      peerWords({ podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }] } }),
    ).toBe('pods tier in (api,web) in this namespace');
  });

  it('writes ports: default TCP, ranges, named ports, all ports of a protocol', () => {
    expect(portWords({ port: 5432 })).toBe('TCP 5432');
    expect(portWords({ protocol: 'UDP', port: 53 })).toBe('UDP 53');
    expect(portWords({ port: 32000, endPort: 32768 })).toBe('TCP 32000-32768');
    expect(portWords({ port: 'http' })).toBe('TCP port "http"');
    expect(portWords({ protocol: 'UDP' })).toBe('all UDP ports');
  });

  it('joins several peers with "or" and several ports with "and"; egress goes "to"', () => {
    const rule = {
      ports: [
        { protocol: 'UDP', port: 53 },
        { protocol: 'TCP', port: 53 },
      ],
      to: [
        { podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } }, namespaceSelector: {} },
        { ipBlock: { cidr: '10.96.0.10/32' } },
      ],
    };
    expect(ruleWords(rule, 'egress')).toBe(
      'Allows egress on UDP 53 and TCP 53 to pods k8s-app=kube-dns in all namespaces or 10.96.0.10/32',
    );
  });

  it('an empty rule allows everything; a rule with peers only allows all ports; ports only, anywhere', () => {
    expect(ruleWords({}, 'ingress')).toBe('Allows all ingress');
    expect(ruleWords({ from: [{ podSelector: { matchLabels: { app: 'a' } } }] }, 'ingress')).toBe(
      'Allows ingress on all ports from pods app=a in this namespace',
    );
    expect(ruleWords({ ports: [{ port: 443 }] }, 'egress')).toBe('Allows egress on TCP 443 to anywhere');
  });

  it('a restricted direction without rules denies all of it', () => {
    const spec = { podSelector: {}, policyTypes: ['Ingress', 'Egress'] };
    expect(directionWords(spec, 'ingress')).toEqual(['Denies all ingress']);
    expect(directionWords(spec, 'egress')).toEqual(['Denies all egress']);
  });

  it('defaults policy types as the API server does: Ingress, plus Egress when egress rules exist', () => {
    expect(effectiveTypes({ ingress: [{}] })).toEqual(['ingress']);
    expect(effectiveTypes({ egress: [{ ports: [{ port: 53 }] }] })).toEqual(['ingress', 'egress']);
    // Without policyTypes and without ingress rules the policy still isolates ingress: deny all.
    expect(directionWords({ egress: [{}] }, 'ingress')).toEqual(['Denies all ingress']);
    expect(directionWords({ ingress: [{}] }, 'egress')).toBeUndefined();
  });

  it('says which pods are selected, all of them for an empty selector', () => {
    expect(selectedPodsWords({ podSelector: {} }, 'shop-backend')).toBe('All pods in namespace shop-backend');
    expect(selectedPodsWords({ podSelector: { matchLabels: { app: 'checkout' } } }, 'shop-backend')).toBe(
      'Pods app=checkout in shop-backend',
    );
  });
});
