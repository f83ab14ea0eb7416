// The JSONPath subset CRD printer columns use, evaluated as kubectl and the API server's table
// convertor do (k8s.io/client-go/util/jsonpath, apiextensions-apiserver tableconvertor.go):
//   .spec.x   .metadata.labels['app.kubernetes.io/name']   .spec.items[0]   .spec.items[*].name
//   .status.conditions[?(@.type=="Ready")].status   (== and != against a string, number or boolean)
// https://github.com/kubernetes/kubernetes/blob/v1.20.0/staging/src/k8s.io/apiextensions-apiserver/pkg/registry/customresource/tableconvertor/tableconvertor.go
// Anything else (recursive descent, slices, functions) is refused when the path is parsed, so a
// column that cannot be evaluated shows nothing rather than something wrong.

type Step =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'all' }
  | { kind: 'filter'; path: string[]; op: '==' | '!='; value: string | number | boolean };

export type JsonPath = readonly Step[];

const IDENT = /^[A-Za-z0-9_-]+/;

function parseLiteral(raw: string): string | number | boolean | undefined {
  const s = raw.trim();
  const quoted = /^"((?:[^"\\]|\\.)*)"$/.exec(s) ?? /^'([^']*)'$/.exec(s);
  if (quoted) return (quoted[1] ?? '').replace(/\\(.)/g, '$1');
  if (s === 'true' || s === 'false') return s === 'true';
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  return undefined;
}

function parseFilter(body: string): Step | undefined {
  const m = /^\?\(\s*@((?:\.[A-Za-z0-9_-]+)+)\s*(==|!=)\s*(.+?)\s*\)$/.exec(body);
  if (!m) return undefined;
  const value = parseLiteral(m[3] ?? '');
  if (value === undefined) return undefined;
  return { kind: 'filter', path: (m[1] ?? '').slice(1).split('.'), op: m[2] as '==' | '!=', value };
}

function parseBracket(body: string): Step | undefined {
  if (body === '*') return { kind: 'all' };
  if (/^\d+$/.test(body)) return { kind: 'index', index: Number(body) };
  const quoted = /^'([^']*)'$/.exec(body) ?? /^"([^"]*)"$/.exec(body);
  if (quoted) return { kind: 'field', name: quoted[1] ?? '' };
  return body.startsWith('?') ? parseFilter(body) : undefined;
}

/** Parses a printer column's jsonPath (with or without kubectl's `{…}`); undefined outside the subset. */
export function parseJsonPath(input: string): JsonPath | undefined {
  let s = input.trim();
  if (s.startsWith('{') && s.endsWith('}')) s = s.slice(1, -1).trim();
  if (!s.startsWith('.') && !s.startsWith('[')) return undefined;
  const steps: Step[] = [];
  while (s.length) {
    if (s.startsWith('..')) return undefined;
    if (s.startsWith('.')) {
      const m = IDENT.exec(s.slice(1));
      if (!m) {
        if (s === '.' && steps.length === 0) return steps; // "." is the object itself
        return undefined;
      }
      steps.push({ kind: 'field', name: m[0] });
      s = s.slice(1 + m[0].length);
    } else if (s.startsWith('[')) {
      const end = bracketEnd(s);
      if (end < 0) return undefined;
      const step = parseBracket(s.slice(1, end).trim());
      if (!step) return undefined;
      steps.push(step);
      s = s.slice(end + 1);
    } else {
      return undefined;
    }
  }
  return steps;
}

/** Index of the `]` closing the bracket at 0, skipping quoted text (filters hold `"…"`). */
function bracketEnd(s: string): number {
  let quote: string | undefined;
  for (let i = 1; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ']') return i;
  }
  return -1;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function get(v: unknown, path: readonly string[]): unknown {
  let cur = v;
  for (const p of path) cur = isRecord(cur) ? cur[p] : undefined;
  return cur;
}

/** Every value the path reaches in `root` (several through `[*]` and filters), in document order. */
export function evaluateJsonPath(path: JsonPath, root: unknown): unknown[] {
  let current: unknown[] = [root];
  for (const step of path) {
    const next: unknown[] = [];
    for (const v of current) {
      if (step.kind === 'field') {
        if (isRecord(v) && step.name in v) next.push(v[step.name]);
      } else if (step.kind === 'index') {
        if (Array.isArray(v) && step.index < v.length) next.push(v[step.index]);
      } else if (step.kind === 'all') {
        if (Array.isArray(v)) next.push(...(v as unknown[]));
        else if (isRecord(v)) next.push(...Object.values(v));
      } else if (Array.isArray(v)) {
        for (const item of v as unknown[]) {
          const have = get(item, step.path);
          if (have === undefined) continue;
          if ((have === step.value) === (step.op === '==')) next.push(item);
        }
      }
    }
    current = next;
  }
  return current.filter((v) => v !== undefined && v !== null);
}
