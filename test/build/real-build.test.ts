/**
 * The real path, in a copy of the project with generated content: `npm run build` with Astro puts a complete
 * site in dist/; a second build of the same content is byte-identical apart from the stamp (reproducible,
 * also with Astro's caches cleared); a build killed while Astro runs leaves the previous dist/ intact; and
 * `npm run publish` with the real checks publishes it. Slow (real Astro builds): run on its own with
 *   npx vitest run test/build/
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyProject, MAIN } from '../helpers/project.ts';
import { exited, hashTree, killQuietly } from '../unit/publish-fixture.ts';

let root = '';
let content = '';

function makeContent(dir: string): string {
  const c = path.join(dir, 'test-content');
  mkdirSync(path.join(c, 'reports'), { recursive: true });
  cpSync(path.join(MAIN, 'test', 'fixtures', 'valid', 'jiexiu-2025q1.md'), path.join(c, 'reports', 'jiexiu-2025q1.md'));
  cpSync(path.join(MAIN, 'test', 'fixtures', 'valid', 'hunan-boc-2023.md'), path.join(c, 'reports', 'hunan-boc-2023.md'));
  return c;
}

const env = () => ({ ...process.env, SHOWCASE_CONTENT: content, SHOWCASE_NOW: '2025-06-30', SHOWCASE_KILL_AT: '', SHOWCASE_ASTRO_BIN: '' });
const run = (script: string, args: string[] = []) => {
  const r = spawnSync(process.execPath, [path.join('scripts', script), ...args], { cwd: root, env: env(), encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
};

beforeAll(() => {
  root = copyProject();
  content = makeContent(root);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('real build', () => {
  let first: Record<string, string> = {};

  it('builds a complete site into dist/ through a staging folder', () => {
    const r = run('build.ts');
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('网站已更新');
    const dist = path.join(root, 'dist');
    for (const f of ['index.html', 'pagefind/shards.json', 'build.json']) expect(existsSync(path.join(dist, f)), f).toBe(true);
    expect(readdirSync(path.join(dist, 'cards', 'reports')).length).toBeGreaterThan(0);
    expect(readdirSync(root).filter((n) => n.startsWith('.dist.'))).toEqual([]);
    first = hashTree(dist);
    cpSync(dist, path.join(root, 'dist-first'), { recursive: true });
  }, 300_000);

  it('is reproducible: a second build, with Astro’s caches cleared, differs only in the stamp', () => {
    const r = run('build.ts', ['--force']);
    expect(r.code, r.out).toBe(0);
    const cmp = run('build.ts', ['--compare', path.join(root, 'dist-first'), path.join(root, 'dist')]);
    expect(cmp.out).toContain('完全相同');
    expect(cmp.code).toBe(0);
    const { 'build.json': a, ...before } = first;
    const { 'build.json': b, ...after } = hashTree(path.join(root, 'dist'));
    expect(after).toEqual(before);
    expect(a).toBeDefined();
    expect(b).toBeDefined();
  }, 300_000);

  it('killed while Astro runs, leaves the previous dist/ intact; the next build clears the leftovers', async () => {
    const before = hashTree(path.join(root, 'dist'));
    const child = spawn(process.execPath, [path.join('scripts', 'build.ts')], { cwd: root, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    const done = exited(child);
    // Astro has started writing pages into the staging folder.
    const staging = path.join(root, `.dist.tmp-${child.pid}`);
    while (!existsSync(path.join(staging, 'reports'))) await new Promise((r) => setTimeout(r, 20));
    const astro = spawnSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean).map(Number);
    child.kill('SIGKILL');
    for (const pid of astro) killQuietly(pid);
    await done;
    expect(hashTree(path.join(root, 'dist'))).toEqual(before);
    const r = run('build.ts');
    expect(r.code, r.out).toBe(0);
    expect(readdirSync(root).filter((n) => n.startsWith('.dist.'))).toEqual([]);
  }, 300_000);

  it('publishes it with the real checks', () => {
    const site = path.join(root, 'site');
    mkdirSync(site);
    const r = run('publish.ts', ['--to', site]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('没有发现问题');
    const id = path.basename(readlinkSync(path.join(site, 'current')));
    expect(readFileSync(path.join(site, 'current.txt'), 'utf8').trim()).toBe(id);
    const { '.release-complete.json': marker, ...files } = hashTree(path.join(site, 'current'));
    expect(marker).toBeDefined();
    expect(files).toEqual(hashTree(path.join(root, 'dist')));
    // A report with an error: the checks refuse, nothing changes.
    writeFileSync(path.join(content, 'reports', 'broken.md'), '---\ntitle: 短\n---\n');
    const refused = run('publish.ts', ['--to', site]);
    expect(refused.code).toBe(1);
    expect(path.basename(readlinkSync(path.join(site, 'current')))).toBe(id);
  }, 300_000);
});
