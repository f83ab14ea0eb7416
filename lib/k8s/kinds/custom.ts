import {
  byAge,
  byName,
  compareText,
  type BaseSummary,
  type CellTone,
  type Column,
  type Comparator,
  type Fact,
  type KindDescriptor,
  withBase,
} from '@/lib/k8s/kinds/descriptor';
import type { CustomKindSpec, PrinterColumn } from '@/lib/k8s/kinds/custom-spec';
import { evaluateJsonPath, parseJsonPath } from '@/lib/k8s/kinds/jsonpath';
import type { KubeObject } from '@/lib/k8s/object';

// Custom resources from discovery (issue 12): a CustomResourceDefinition becomes a plain, serializable
// spec (what the server sends to the client), and the spec becomes a descriptor with the same
// function on both sides. Columns are the CRD's additionalPrinterColumns, evaluated as the API
// server's table convertor does (lib/k8s/kinds/jsonpath.ts); the detail shows them all (priority > 0
// is kubectl's -o wide) and the object's conditions.
//
// The spec's schema and the reading of a CRD are in lib/k8s/kinds/custom-spec.ts (zod, server only):
// the browser loads this file, and gets the specs from the server already validated (ADR 0020).

export type { CustomKindSpec, PrinterColumn };

/** What GET /api/k8s/<cluster>/_kinds answers. */
export interface CustomKindsResponse {
  kinds: CustomKindSpec[];
}

/** `<plural>.<group>`: a DNS label, a dot, a DNS subdomain (the CRD's own name). */
export const CUSTOM_KIND_ID_RE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$/;

export function isCustomKindId(id: string): boolean {
  return id.length <= 317 && CUSTOM_KIND_ID_RE.test(id);
}

export type CellValue = string | number | boolean;

export interface CustomSummary extends BaseSummary {
  /** One value per printer column, by column index; absent where the path found nothing. */
  cells: (CellValue | null)[];
}

/**
 * One printer column's value, as the table convertor gives it: a single result typed by the column
 * (a mismatch is empty, kubectl's `<none>`), several results joined by a space, objects as JSON.
 */
export function printerCell(column: PrinterColumn, obj: KubeObject): CellValue | null {
  const path = parseJsonPath(column.jsonPath);
  if (!path) return null;
  const results = evaluateJsonPath(path, obj);
  if (results.length === 0) return null;
  if (results.length > 1) return results.map(text).join(' ');
  const v = results[0];
  switch (column.type) {
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v) ? v : null;
    case 'number':
      return typeof v === 'number' ? v : null;
    case 'boolean':
      return typeof v === 'boolean' ? v : null;
    case 'date':
      return typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? v : null;
    default:
      return text(v);
  }
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

const STATUS_TONES: Record<string, CellTone> = { True: 'green', False: 'red', Unknown: 'amber' };

/** A string column whose values are condition statuses reads best as a badge. */
function isStatusColumn(c: PrinterColumn): boolean {
  return c.type === 'string' && /\.status\.conditions\[/.test(c.jsonPath) && /\]\.status$/.test(c.jsonPath);
}

function columnOf(c: PrinterColumn, i: number): Column<CustomSummary> {
  const value = (s: CustomSummary) => {
    const v = s.cells[i];
    return v === null || v === undefined ? undefined : typeof v === 'boolean' ? String(v) : v;
  };
  const base = { id: `c${i}`, title: c.name, value, sort: sortKey(i) };
  if (c.type === 'date') return { ...base, cell: 'age' };
  if (c.type === 'integer' || c.type === 'number') return { ...base, cell: 'number' };
  if (isStatusColumn(c)) {
    return { ...base, cell: 'badge', tone: (s) => STATUS_TONES[String(s.cells[i])] ?? 'slate' };
  }
  return { ...base, cell: 'text', hint: () => c.description };
}

/** Sort keys are letters only (the list API's rule): column 0 → "cola", 1 → "colb"… */
function sortKey(i: number): string {
  return `col${String.fromCharCode(97 + (i % 26))}${i >= 26 ? String.fromCharCode(97 + Math.floor(i / 26)) : ''}`;
}

function compareCells(a: CellValue | null | undefined, b: CellValue | null | undefined): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareText(String(a), String(b));
}

const isCreationTimestamp = (c: PrinterColumn) => c.type === 'date' && c.jsonPath === '.metadata.creationTimestamp';

/** The descriptor of a custom kind. Pure: the server and the client build the same one from the spec. */
export function customKind(spec: CustomKindSpec): KindDescriptor<CustomSummary> {
  const shown = spec.columns.map((c, i) => ({ c, i })).filter(({ c }) => c.priority === 0);
  const columns: Column<CustomSummary>[] = shown.map(({ c, i }) =>
    isCreationTimestamp(c) ? { ...columnOf(c, i), id: 'age', sort: 'age' } : columnOf(c, i),
  );
  // kubectl prints AGE for a CRD without printer columns; with columns, only where the CRD says so.
  if (spec.columns.length === 0) {
    columns.push({ id: 'age', title: 'Age', cell: 'age', value: (s) => s.createdAt, sort: 'age' });
  }
  const sorts: Record<string, Comparator<CustomSummary>> = { name: byName, age: byAge };
  spec.columns.forEach((_, i) => {
    sorts[sortKey(i)] = (a, b) => compareCells(a.cells[i], b.cells[i]) || byName(a, b);
  });
  return {
    id: spec.id,
    title: spec.title,
    titleSingular: spec.kind,
    description: `${spec.kind} (${spec.group}/${spec.version}), a custom resource.`,
    kind: spec.kind,
    group: spec.group,
    versions: [spec.version],
    plural: spec.plural,
    namespaced: spec.namespaced,
    indexes: [],
    nav: { group: 'custom', order: 0 },
    toSummary: (obj) => withBase(obj, { cells: spec.columns.map((c) => printerCell(c, obj)) }),
    searchText: (s) =>
      [s.namespace ?? '', s.name, ...s.cells.filter((v) => typeof v === 'string')].join('/').toLowerCase(),
    sorts,
    defaultSort: 'name',
    columns,
    detail: {
      facts: (obj, s) => customFacts(spec, obj, s),
      conditions: true,
    },
  };
}

function customFacts(spec: CustomKindSpec, obj: KubeObject, s: CustomSummary): Fact[] {
  const facts: Fact[] = [{ label: 'API version', value: `${spec.group}/${spec.version}`, mono: true }];
  spec.columns.forEach((c, i) => {
    if (isCreationTimestamp(c)) return;
    const v = s.cells[i];
    const fact: Fact = { label: c.name, value: v === null || v === undefined ? '—' : String(v), hint: c.description };
    if (isStatusColumn(c) && v !== null && v !== undefined) fact.tone = STATUS_TONES[String(v)] ?? 'slate';
    facts.push(fact);
  });
  if (obj.metadata.creationTimestamp) facts.push({ label: 'Created', value: obj.metadata.creationTimestamp });
  return facts;
}
