/**
 * The build's caches feed files into the site, so each entry is checked by content hash when it is used, and
 * the site owns its files. In a copy of the project with two small reports: a damaged entry in each cache (a
 * card, a search shard's pagefind-worker.js, a record of the file-hash memo, a page in Astro's cache) is
 * rebuilt, with a Chinese line in the log, and the next site is the clean build's byte for byte (the stamp's
 * time aside); no file of a built site is a hard link into a cache, so truncating every cache file afterwards
 * leaves the site as it was, and the build after that is the clean build again.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyProject, MAIN } from '../helpers/project.ts';
import { hashTree } from '../unit/publish-fixture.ts';

let root = '';
let content = '';
const dist = () => path.join(root, 'dist');
const caches = () => [path.join(root, 'node_modules', '.cache'), path.join(root, 'node_modules', '.astro')];

beforeAll(() => {
  root = copyProject('showcase-caches-');
  content = path.join(root, 'test-content');
  mkdirSync(path.join(content, 'reports'), { recursive: true });
  const valid = readFileSync(path.join(MAIN, 'test/fixtures/valid/jiexiu-2025q1.md'), 'utf8');
  writeFileSync(path.join(content, 'reports', 'jiexiu-2025q1.md'), valid);
  writeFileSync(path.join(content, 'reports', 'jiexiu-2025q1-b.md'), valid.replace('党建赋能', '党建引领').replace('date: 2025-04-22', 'date: 2025-05-06'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function build(): string {
  const r = spawnSync(process.execPath, [path.join('scripts', 'build.ts')], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, SHOWCASE_CONTENT: content, SHOWCASE_NOW: '2025-06-30', SHOWCASE_KILL_AT: '', SHOWCASE_ASTRO_BIN: '', SHOWCASE_CACHE: '', NO_COLOR: '1' },
  });
  const out = `${r.stdout}${r.stderr}`;
  expect(r.status, out).toBe(0);
  return out;
}

/** Every file of the site with its hash; the stamp without its build time (the one thing allowed to differ). */
function site(): Record<string, string> {
  const { 'build.json': _, ...files } = hashTree(dist());
  const { builtAt: __, ...stamp } = JSON.parse(readFileSync(path.join(dist(), 'build.json'), 'utf8')) as Record<string, unknown>;
  return { ...files, 'build.json': JSON.stringify(stamp) };
}

/** Regular files under `dir`, absolute. */
function filesUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true }) as string[];
  } catch {
    return [];
  }
  return entries.map((e) => path.join(dir, e)).filter((f) => statSync(f).isFile());
}

function first(files: string[], test: (f: string) => boolean, what: string): string {
  const f = files.find(test);
  expect(f, what).toBeDefined();
  return f!;
}

describe('caches verified on use, and a site that owns its files', () => {
  let clean: Record<string, string> = {};

  it('builds clean; no file of the site shares its inode with a cache', () => {
    build();
    clean = site();
    const cached = new Set(caches().flatMap(filesUnder).map((f) => `${statSync(f).dev}:${statSync(f).ino}`));
    const shared = filesUnder(dist()).filter((f) => statSync(f).nlink > 1 || cached.has(`${statSync(f).dev}:${statSync(f).ino}`));
    expect(shared.map((f) => path.relative(dist(), f))).toEqual([]);
    // The hashes of the copied cards and shards were handed to the stamp, for this build's folder.
    const memo = JSON.parse(readFileSync(path.join(root, 'node_modules', '.cache', 'showcase', 'file-hashes.json'), 'utf8')) as { dir: string; files: Record<string, string> };
    expect(path.basename(memo.dir)).toMatch(/^\.dist\.tmp-\d+$/);
    expect(Object.values(memo.files)).toContain(clean['cards/reports/jiexiu-2025q1.png']);
  });

  it('rebuilds a damaged entry of each cache, says so, and gives the clean site', () => {
    const [own, astro] = caches() as [string, string];
    const card = first(filesUnder(path.join(own, 'showcase-cards')), (f) => f.endsWith('.png'), 'a cached card');
    truncateSync(card, 100);
    const worker = first(filesUnder(path.join(own, 'showcase-search')), (f) => path.basename(f) === 'pagefind-worker.js', 'a cached shard');
    writeFileSync(worker, `${readFileSync(worker, 'utf8').slice(0, 200)}垃圾`);
    // A wrong hash for a card in the memo: the stamp must not take it.
    const memo = path.join(own, 'showcase', 'file-hashes.json');
    const text = readFileSync(memo, 'utf8');
    const one = /"([0-9a-f]{64})"/.exec(text)![1]!;
    writeFileSync(memo, text.replace(one, 'e'.repeat(64)));
    const page = first(filesUnder(astro), (f) => f.endsWith(path.join('dist', 'reports', 'jiexiu-2025q1', 'index.html')), 'a cached page');
    truncateSync(page, 64);

    const out = build();
    expect(out).toContain('分享卡片缓存：1 张卡片与记录的内容指纹不符');
    expect(out).toContain('检索索引缓存：1 个分片与记录的内容指纹不符');
    expect(out).toContain('Astro 的缓存里有 1 个文件与记录的内容指纹不符');
    expect(out).toMatch(/沿用缓存 [1-9]\d* 张/);
    expect(site()).toEqual(clean);
  });

  it('leaves the built site as it is when every cache file is truncated, and builds the clean site from them', () => {
    const before = hashTree(dist());
    const all = caches().flatMap(filesUnder);
    expect(all.length).toBeGreaterThan(20);
    for (const f of all) truncateSync(f, 0);
    expect(hashTree(dist())).toEqual(before);
    const out = build();
    expect(out).toContain('Astro 的缓存（页面、图片和内容）内容指纹记录损坏或被改动过');
    expect(site()).toEqual(clean);
  });
});
