import { stripObject, type KubeObject } from '@/lib/k8s/object';

// Sizes of ConfigMap and Secret values, and the one reduction every Secret goes through before it
// leaves the server (ADR 0019): `data` and `stringData` become `dataBytes` (key → decoded byte
// length). No value, no prefix of one, no hash: a length is all a screen needs to say "present, 32 B".

/** UTF-8 length of a string value (ConfigMap `data`, Secret `stringData`). */
export function utf8Bytes(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
      n += 4; // a surrogate pair is one 4-byte code point
      i++;
    } else n += 3;
  }
  return n;
}

/** Decoded length of standard base64 (`binaryData`, Secret `data`), from its length alone. */
export function base64Bytes(value: string): number {
  const s = value.replace(/\s/g, '');
  const padding = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((s.length * 3) / 4) - padding);
}

/** "0 B", "512 B", "1.5 KiB", "2.0 MiB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function stringRecord(v: unknown): Record<string, string> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export interface KeySize {
  key: string;
  bytes: number;
  /** ConfigMap binaryData (shown as a size only, like kubectl describe). */
  binary?: boolean;
}

/** A ConfigMap's keys and sizes, `data` then `binaryData`, each sorted by key. */
export function configMapKeys(obj: KubeObject): KeySize[] {
  const data = Object.entries(stringRecord(obj.data)).map(([key, v]) => ({ key, bytes: utf8Bytes(v) }));
  const binary = Object.entries(stringRecord(obj.binaryData)).map(([key, v]) => ({
    key,
    bytes: base64Bytes(v),
    binary: true,
  }));
  const byKey = (a: KeySize, b: KeySize) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  return [...data.sort(byKey), ...binary.sort(byKey)];
}

/** A stripped Secret: everything but the values, plus `dataBytes`. */
export type StrippedSecret = KubeObject & { type?: string; dataBytes: Record<string, number>; immutable?: boolean };

/**
 * The only shape in which a Secret leaves the server: `data` and `stringData` replaced by key → byte
 * length, managedFields and last-applied-configuration (which holds the values of an applied Secret)
 * dropped. Idempotent: a stripped Secret passes through unchanged.
 */
export function stripSecret(obj: KubeObject): StrippedSecret {
  const { data, stringData, dataBytes, ...rest } = stripObject(obj) as KubeObject & {
    data?: unknown;
    stringData?: unknown;
    dataBytes?: unknown;
  };
  const sizes: Record<string, number> = {};
  for (const [k, v] of Object.entries(stringRecord(data))) sizes[k] = base64Bytes(v);
  for (const [k, v] of Object.entries(stringRecord(stringData))) sizes[k] = utf8Bytes(v);
  if (data === undefined && stringData === undefined && typeof dataBytes === 'object' && dataBytes !== null) {
    for (const [k, v] of Object.entries(dataBytes)) if (typeof v === 'number') sizes[k] = v;
  }
  // An applied Secret's only annotation was last-applied: say "no annotations", not `annotations: {}`.
  const { annotations, ...meta } = rest.metadata;
  const metadata = annotations && Object.keys(annotations).length ? { ...meta, annotations } : meta;
  return { ...rest, metadata, dataBytes: sizes };
}
