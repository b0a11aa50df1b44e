/**
 * A throw-away copy of the project for real builds: its code and settings copied, node_modules linked entry by
 * entry so that the build's caches (node_modules/.cache, node_modules/.astro) and its lock stay in the copy.
 * The settings, catalog and registry are the tests' own (test/fixtures/content), never the shipped samples.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const MAIN = path.resolve(import.meta.dirname, '..', '..');

export function copyProject(prefix = 'showcase-real-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const f of ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'public', 'scripts']) cpSync(path.join(MAIN, f), path.join(dir, f), { recursive: true });
  mkdirSync(path.join(dir, 'node_modules'));
  for (const e of readdirSync(path.join(MAIN, 'node_modules'))) {
    if (['.cache', '.astro', '.vite'].includes(e)) continue;
    symlinkSync(path.join(MAIN, 'node_modules', e), path.join(dir, 'node_modules', e));
  }
  mkdirSync(path.join(dir, 'content'));
  for (const f of ['site.yaml', 'metrics.yaml', 'orgs.yaml']) cpSync(path.join(MAIN, 'test/fixtures/content', f), path.join(dir, 'content', f));
  return dir;
}
