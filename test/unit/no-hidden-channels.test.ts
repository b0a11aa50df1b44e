/**
 * Data reaches the Markdown plugins through the vfile or their options, and timings through the logger: no
 * module of the product hands values to another through a process-wide object (globalThis, global, the symbol
 * registry), which the import graph would not show.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');
const CHANNEL = /\bglobalThis\b|(?<![\w./'"-])global\s*[.[]|\bSymbol\.for\s*\(/;

/** Every line of the product's code that reaches for a process-wide object, as file:line: text. */
function channels(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !/\.(?:ts|mts|js|mjs|astro)$/.test(e.name)) continue;
    const file = path.join(e.parentPath, e.name);
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      if (CHANNEL.test(line)) out.push(`${path.relative(dir, file)}:${i + 1}: ${line.trim()}`);
    });
  }
  return out;
}

describe('hidden channels', () => {
  it('no file under src/ uses globalThis, global or Symbol.for', () => {
    expect(channels(SRC)).toEqual([]);
  });

  it('the search finds each form of channel', () => {
    for (const line of ['const g = globalThis as any;', 'global.x = 1;', "global['x'] = 1;", "const KEY = Symbol.for('k');"]) {
      expect(CHANNEL.test(line), line).toBe(true);
    }
    for (const line of ["import '../styles/global.css';", 'const globalTotals = 1;', 'x.global.y', 'Symbol.iterator']) {
      expect(CHANNEL.test(line), line).toBe(false);
    }
  });
});
