/**
 * The folders of src/ form layers a reader can follow downwards: no two top-level folders import each other,
 * directly or round about; nothing in src/ reaches into the test, tool or script folders or a package only the
 * tests install; src/lib stays pure (no Node built-in). Checked on the import statements of every source file.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCE = /\.(?:ts|mts|mjs|js|tsx|astro)$/;
/** `from '…'`, `import '…'` and `import('…')`, also inside an .astro file's frontmatter and scripts. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])([^'"\n]+)\1/g;
const NODE_BUILTINS = new Set(builtinModules);

/**
 * Cycles that remain, each with the import that closes it; the test fails once one is gone, so its entry goes.
 * - src/schemas is pure zod over src/lib (schemas/report.ts reads dates with lib/dates.ts) while src/lib imports
 *   the schemas: the schemas belong inside src/lib.
 * - src/node still holds the content readers beside the project settings (config.ts, paths.ts) that publishing
 *   and the operator errors read, and the content check measures glyphs with the card fonts
 *   (node/report-file.ts → cards/fonts.ts): with the readers in a content folder of their own the cycle opens.
 */
const KNOWN_CYCLES = [
  ['cache', 'cards', 'errors', 'node', 'publish'],
  ['lib', 'schemas'],
];

interface Import {
  file: string;
  spec: string;
  /** `import type` / `export type`: gone once compiled, so no run-time dependency on a package. */
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && SOURCE.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

function importsOf(root: string): Import[] {
  const out: Import[] = [];
  for (const file of sourceFiles(path.join(root, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(SPECIFIER)) {
      const statement = text.slice(Math.max(text.lastIndexOf('import', m.index), text.lastIndexOf('export', m.index)), m.index);
      out.push({ file: path.relative(root, file).split(path.sep).join('/'), spec: m[2]!, typeOnly: /^(?:import|export)\s+type\b/.test(statement) });
    }
  }
  return out;
}

/** The top-level folder of src/ a path is in ('lib', 'cards' …; 'src' for a file directly in src/), else undefined. */
function folderOf(rel: string): string | undefined {
  const parts = rel.split('/');
  if (parts[0] !== 'src') return undefined;
  return parts.length > 2 ? parts[1] : 'src';
}

function resolved(imp: Import): string | undefined {
  return imp.spec.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(imp.file), imp.spec)) : undefined;
}

function folderGraph(imports: Import[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const imp of imports) {
    const from = folderOf(imp.file)!;
    const target = resolved(imp);
    const to = target === undefined ? undefined : folderOf(target);
    if (!graph.has(from)) graph.set(from, new Set());
    if (to !== undefined && to !== from) graph.get(from)!.add(to);
  }
  return graph;
}

/** Strongly connected groups of more than one folder (Tarjan), each sorted; a group is a cycle. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) out.push(group.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return out.sort((a, b) => a.join().localeCompare(b.join()));
}

/** Who imports each folder of another folder in a cycle: the lines to change. */
function cycleImports(imports: Import[], group: string[]): string[] {
  return imports
    .filter((imp) => {
      const target = resolved(imp);
      const from = folderOf(imp.file);
      const to = target === undefined ? undefined : folderOf(target);
      return from !== to && group.includes(from!) && to !== undefined && group.includes(to);
    })
    .map((imp) => `${imp.file} → ${imp.spec}`);
}

/** Imports from src/ into the project's test, tool or script folders. */
function outsideImports(imports: Import[]): string[] {
  return imports.filter((imp) => /^(?:test|tools|scripts)\//.test(resolved(imp) ?? '')).map((imp) => `${imp.file} → ${imp.spec}`);
}

function packageOf(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Run-time imports from src/ of a package that only the tests and tools install (devDependencies). */
function devPackageImports(imports: Import[], devPackages: Set<string>): string[] {
  return imports.filter((imp) => !imp.typeOnly && !imp.spec.startsWith('.') && devPackages.has(packageOf(imp.spec))).map((imp) => `${imp.file} → ${imp.spec}`);
}

/** Node built-ins imported by src/lib, which is pure. */
function libNodeImports(imports: Import[]): string[] {
  return imports
    .filter((imp) => imp.file.startsWith('src/lib/') && (imp.spec.startsWith('node:') || NODE_BUILTINS.has(packageOf(imp.spec))))
    .map((imp) => `${imp.file} → ${imp.spec}`);
}

const devPackages = (root: string) => new Set(Object.keys(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).devDependencies ?? {}));

describe('folders of src/', () => {
  const imports = importsOf(ROOT);

  it('no top-level folder imports another that imports it back, directly or round about', () => {
    const found = cycles(folderGraph(imports));
    const unexpected = found.filter((g) => !KNOWN_CYCLES.some((k) => k.join() === g.join()));
    expect(unexpected.map((g) => `${g.join(' ↔ ')}:\n  ${cycleImports(imports, g).join('\n  ')}`)).toEqual([]);
    expect(found, 'a listed cycle is gone: remove it from KNOWN_CYCLES').toEqual(KNOWN_CYCLES);
  });

  it('nothing in src/ imports from test/, tools/ or scripts/', () => {
    expect(outsideImports(imports)).toEqual([]);
  });

  it('nothing in src/ imports a package only the tests and tools install', () => {
    expect(devPackageImports(imports, devPackages(ROOT))).toEqual([]);
  });

  it('src/lib imports no Node built-in', () => {
    expect(libNodeImports(imports)).toEqual([]);
  });
});

describe('the folder checks find a planted fault', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'showcase-folders-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const tree = (name: string, files: Record<string, string>) => {
    const root = path.join(tmp, name);
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), text);
    }
    return importsOf(root);
  };

  it('a cycle through three folders', () => {
    const imports = tree('cycle', {
      'src/a/x.ts': "import { y } from '../b/y.ts';\n",
      'src/b/y.ts': "import { z } from '../c/z.ts';\n",
      'src/c/z.astro': "---\nimport { x } from '../a/x.ts';\n---\n",
      'src/d/w.ts': "import { x } from '../a/x.ts';\n",
    });
    expect(cycles(folderGraph(imports))).toEqual([['a', 'b', 'c']]);
  });

  it('an import of a test helper', () => {
    expect(outsideImports(tree('test-import', { 'src/search/e.ts': "export { showAll } from '../../test/helpers/e.ts';\n" }))).toHaveLength(1);
  });

  it('a run-time import of a test-only package (a type-only one is erased)', () => {
    const imports = tree('dev-package', { 'src/search/e.ts': "import { chromium } from 'playwright-core';\n", 'src/search/t.ts': "import type { Page } from 'playwright-core';\n" });
    expect(devPackageImports(imports, new Set(['playwright-core']))).toEqual(["src/search/e.ts → playwright-core"]);
  });

  it('a Node built-in in src/lib, with or without node:', () => {
    expect(libNodeImports(tree('lib-node', { 'src/lib/a.ts': "import fs from 'node:fs';\n", 'src/lib/b.ts': "import path from 'path';\n", 'src/cards/c.ts': "import fs from 'node:fs';\n" }))).toHaveLength(2);
  });
});
