// Label selectors as the API accepts them in `?labelSelector=` (the HPA controller lists
// PodMetrics with its target's selector). Grammar of k8s.io/apimachinery/pkg/labels/selector.go:
// `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`, `k>1`, `k<1`, comma-separated.

export type Requirement =
  | { key: string; op: 'exists' | 'notexists' }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'gt' | 'lt'; value: number };

export type Selector = Requirement[];

const KEY = String.raw`[A-Za-z0-9][-A-Za-z0-9_./]*`;
const VALUE = String.raw`[-A-Za-z0-9_.]*`;
const EXISTS = new RegExp(`^(!?)\\s*(${KEY})$`);
const SET = new RegExp(`^(${KEY})\\s+(in|notin)\\s*\\(([^)]*)\\)$`);
const COMPARE = new RegExp(`^(${KEY})\\s*(==|=|!=|>|<)\\s*(${VALUE})$`);

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

function parseRequirement(part: string): Requirement {
  let m = EXISTS.exec(part);
  if (m) return { key: m[2] ?? '', op: m[1] ? 'notexists' : 'exists' };
  m = SET.exec(part);
  if (m) {
    const values = (m[3] ?? '').split(',').map((v) => v.trim());
    return { key: m[1] ?? '', op: m[2] === 'notin' ? 'notin' : 'in', values };
  }
  m = COMPARE.exec(part);
  if (m) {
    const [, key = '', op, value = ''] = m;
    if (op === '>' || op === '<') {
      const n = Number(value);
      if (value === '' || !Number.isInteger(n)) throw new Error(`invalid label selector: ${part}: not an integer`);
      return { key, op: op === '>' ? 'gt' : 'lt', value: n };
    }
    return { key, op: op === '!=' ? 'notin' : 'in', values: [value] };
  }
  throw new Error(`invalid label selector requirement: ${JSON.stringify(part)}`);
}

/** Parses a selector; throws on syntax errors (the caller answers 400). Empty matches all. */
export function parseSelector(text: string | null | undefined): Selector {
  const trimmed = (text ?? '').trim();
  if (!trimmed) return [];
  return splitTopLevel(trimmed).map(parseRequirement);
}

function matchesOne(req: Requirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = labels[req.key];
  switch (req.op) {
    case 'exists':
      return has;
    case 'notexists':
      return !has;
    case 'in':
      return has && req.values.includes(value ?? '');
    case 'notin':
      return !has || !req.values.includes(value ?? '');
    case 'gt':
    case 'lt': {
      const n = Number(value);
      if (!has || !Number.isInteger(n)) return false;
      return req.op === 'gt' ? n > req.value : n < req.value;
    }
  }
}

export function matches(selector: Selector, labels: Record<string, string> | undefined): boolean {
  return selector.every((req) => matchesOne(req, labels ?? {}));
}

/** metav1.LabelSelector as objects carry it (`spec.selector` of apps/v1 workloads and Jobs). */
export interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/**
 * Converts a metav1.LabelSelector, as apimachinery's LabelSelectorAsSelector does (v1.31): a missing
 * selector selects nothing (null here), an empty one everything ([]); matchLabels and matchExpressions
 * are ANDed; requirements are sorted by key. Throws on an unknown operator.
 */
export function selectorFromObject(ls: LabelSelectorObject | null | undefined): Selector | null {
  if (!ls) return null;
  const reqs: Requirement[] = Object.entries(ls.matchLabels ?? {}).map(([key, v]) => ({ key, op: 'in', values: [v] }));
  for (const e of ls.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort();
    if (e.operator === 'In') reqs.push({ key: e.key, op: 'in', values });
    else if (e.operator === 'NotIn') reqs.push({ key: e.key, op: 'notin', values });
    else if (e.operator === 'Exists') reqs.push({ key: e.key, op: 'exists' });
    else if (e.operator === 'DoesNotExist') reqs.push({ key: e.key, op: 'notexists' });
    else throw new Error(`invalid label selector operator: ${JSON.stringify(e.operator)}`);
  }
  return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function requirementText(r: Requirement): string {
  switch (r.op) {
    case 'exists':
      return r.key;
    case 'notexists':
      return `!${r.key}`;
    case 'gt':
      return `${r.key}>${r.value}`;
    case 'lt':
      return `${r.key}<${r.value}`;
    case 'in':
      return r.values.length === 1 ? `${r.key}=${r.values[0]}` : `${r.key} in (${r.values.join(',')})`;
    case 'notin':
      return r.values.length === 1 ? `${r.key}!=${r.values[0]}` : `${r.key} notin (${r.values.join(',')})`;
  }
}

/** The `?labelSelector=` text of a parsed selector (kubectl's SELECTOR column); "" selects all. */
export function selectorString(selector: Selector): string {
  return selector.map(requirementText).join(',');
}

/**
 * The `?labelSelector=` text for an object's `spec.selector`, or null when it selects nothing (no
 * selector): callers must then list no pods rather than send an empty selector, which matches all.
 */
export function labelSelectorText(ls: LabelSelectorObject | null | undefined): string | null {
  const selector = selectorFromObject(ls);
  return selector === null ? null : selectorString(selector);
}
