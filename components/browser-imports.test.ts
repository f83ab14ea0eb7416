import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// What the browser loads, read from the source: every module a 'use client' module imports as a value
// (type-only imports are erased), transitively, dynamic imports included. Full zod (about 100 kB of
// the app chunk every page loaded) stays on the server; a schema the browser must run uses zod/mini,
// which tree-shakes to what it uses (ADR 0018, "Full zod stays on the server").

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

function resolveLocal(from: string, spec: string): string | undefined {
  const base = spec.startsWith('@/') ? join(ROOT, spec.slice(2)) : resolve(dirname(from), spec);
  if (existsSync(base) && statSync(base).isFile()) return base;
  return EXTENSIONS.map((e) => base + e).find((f) => existsSync(f));
}

/** The module specifiers a file loads at run time. */
function valueImports(file: string): string[] {
  const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const typeOnly =
        clause?.isTypeOnly ||
        (clause && !clause.name && named && ts.isNamedImports(named) && named.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) out.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.isTypeOnly) out.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      out.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(src);
  return out;
}

/** Every package a client module reaches, with one chain of modules that reaches it. */
function browserPackages(): Map<string, string[]> {
  const entries = [...sources('app'), ...sources('components'), ...sources('lib')]
    .map((f) => join(ROOT, f))
    .filter((f) => /^['"]use client['"]/.test(readFileSync(f, 'utf8').trimStart()));
  const via = new Map<string, string | undefined>(entries.map((f) => [f, undefined]));
  const packages = new Map<string, string[]>();
  const chain = (f: string | undefined): string[] => (f ? [...chain(via.get(f)), relative(ROOT, f)] : []);
  const queue = [...entries];
  for (let file = queue.shift(); file; file = queue.shift()) {
    for (const spec of valueImports(file)) {
      if (!spec.startsWith('.') && !spec.startsWith('@/')) {
        if (!packages.has(spec)) packages.set(spec, chain(file));
        continue;
      }
      const target = resolveLocal(file, spec);
      if (!target || via.has(target)) continue;
      via.set(target, file);
      queue.push(target);
    }
  }
  return packages;
}

describe('what the browser loads', () => {
  const packages = browserPackages();

  it('reads the client modules', () => {
    expect(packages.has('react')).toBe(true);
  });

  it('loads no zod but zod/mini: full zod and the schemas only the server runs stay on the server', () => {
    const full = [...packages].filter(([p]) => p === 'zod' || (p.startsWith('zod/') && p !== 'zod/mini'));
    expect(full.map(([p, c]) => [...c, p].join(' → '))).toEqual([]);
  });
});
