/**
 * Cache entries are trusted only as far as their content hash: the card and search caches (a hash beside each
 * file or folder) and Astro's cache (one record for the folder). A damaged, unrecorded or changed entry is
 * deleted so it is made again; what goes into the site is a copy that never writes through into a cache.
 */
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { astroCacheMessage, recordAstroCache, verifyAstroCache } from '../../src/cache/astro.ts';
import { sha256 } from '../../src/publish/build-output.ts';
import { copyIntoSite, HASH_SUFFIX, recordCacheTree, TREE_SUFFIX, verdictSummary, verifyCacheFile, verifyCacheTree, writeCacheFile } from '../../src/cache/verified.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'showcase-verified-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const fresh = () => {
  const d = path.join(tmp, String(n++));
  mkdirSync(d, { recursive: true });
  return d;
};

describe('a cache file with its hash beside it', () => {
  it('passes as written; truncated, changed or without its hash it is deleted', () => {
    const dir = fresh();
    const file = path.join(dir, 'a.png');
    const hash = writeCacheFile(file, Buffer.from('card bytes'));
    expect(verifyCacheFile(file)).toEqual({ ok: true, hash: sha256('card bytes') });
    expect(hash).toBe(sha256('card bytes'));

    truncateSync(file, 4);
    expect(verifyCacheFile(file)).toEqual({ ok: false, why: 'mismatch' });
    expect(existsSync(file) || existsSync(`${file}${HASH_SUFFIX}`)).toBe(false);

    writeFileSync(file, 'from an older cache');
    expect(verifyCacheFile(file)).toEqual({ ok: false, why: 'unrecorded' });
    expect(existsSync(file)).toBe(false);
    expect(verifyCacheFile(file)).toEqual({ ok: false, why: 'missing' });
  });

  it('says what it found in the build log’s words', () => {
    expect(verdictSummary([{ ok: false, why: 'mismatch' }, { ok: false, why: 'unrecorded' }, { ok: false, why: 'missing' }, { ok: true, hash: 'x' }], '张卡片')).toBe(
      '1 张卡片与记录的内容指纹不符（损坏或被改动过）、1 张卡片没有内容指纹记录',
    );
    expect(verdictSummary([{ ok: false, why: 'missing' }], '个分片')).toBe('');
  });
});

describe('a cache folder with its record beside it', () => {
  const shard = () => {
    const dir = path.join(fresh(), 'shard');
    mkdirSync(path.join(dir, 'fragment'), { recursive: true });
    writeFileSync(path.join(dir, 'pagefind-worker.js'), 'worker();');
    writeFileSync(path.join(dir, 'fragment', 'a.pf_fragment'), 'frag');
    recordCacheTree(dir);
    return dir;
  };

  it('passes as recorded, with every file’s hash', () => {
    const dir = shard();
    expect(verifyCacheTree(dir)).toEqual({ ok: true, files: { 'fragment/a.pf_fragment': sha256('frag'), 'pagefind-worker.js': sha256('worker();') } });
  });

  for (const [name, damage] of [
    ['a file ending in garbage', (d: string) => writeFileSync(path.join(d, 'pagefind-worker.js'), 'worker();垃圾')],
    ['a file missing', (d: string) => rmSync(path.join(d, 'fragment', 'a.pf_fragment'))],
    ['a file too many', (d: string) => writeFileSync(path.join(d, 'extra.js'), '')],
    ['a damaged record', (d: string) => truncateSync(`${d}${TREE_SUFFIX}`, 3)],
  ] as const) {
    it(`is deleted with ${name}`, () => {
      const dir = shard();
      damage(dir);
      expect(verifyCacheTree(dir).ok).toBe(false);
      expect(existsSync(dir) || existsSync(`${dir}${TREE_SUFFIX}`)).toBe(false);
    });
  }
});

describe('copyIntoSite', () => {
  it('gives the site its own file, even over a hard link into the cache', () => {
    const dir = fresh();
    const cached = path.join(dir, 'cached.png');
    const out = path.join(dir, 'site.png');
    writeFileSync(cached, 'old');
    linkSync(cached, out);
    const fresher = path.join(dir, 'fresh.png');
    writeFileSync(fresher, 'new');
    copyIntoSite(fresher, out);
    expect(readFileSync(out, 'utf8')).toBe('new');
    expect(readFileSync(cached, 'utf8')).toBe('old');
    expect(statSync(out).nlink).toBe(1);
    truncateSync(fresher, 0);
    expect(readFileSync(out, 'utf8')).toBe('new');
  });
});

describe("Astro's cache", () => {
  const cache = () => {
    const dir = fresh();
    const write = (rel: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    };
    write('data-store.json', '[{"reports":1}]');
    write('incremental-build.json', '{"version":1}');
    write('dist/reports/a/index.html', '<p>甲</p>');
    write('dist/reports/b/index.html', '<p>乙</p>');
    write('assets/hall.webp', 'webp');
    write('assets/hall.webp.json', '{"expires":1}');
    write('vite-dev/chart.js', 'dev only');
    return { dir, write };
  };

  it('without a record is dropped whole (what the dev server keeps there excepted), and says why', () => {
    const { dir } = cache();
    const c = verifyAstroCache(dir);
    expect(c.dropped).toBe(true);
    expect(astroCacheMessage(c)).toContain('没有内容指纹记录');
    for (const e of ['data-store.json', 'incremental-build.json', 'dist', 'assets']) expect(existsSync(path.join(dir, e)), e).toBe(false);
    expect(existsSync(path.join(dir, 'vite-dev/chart.js'))).toBe(true);
    expect(astroCacheMessage(verifyAstroCache(dir))).toBeUndefined();
  });

  it('keeps what matches its record and deletes what does not, or what it does not know', () => {
    const { dir, write } = cache();
    recordAstroCache(dir);
    expect(astroCacheMessage(verifyAstroCache(dir))).toBeUndefined();
    truncateSync(path.join(dir, 'dist/reports/a/index.html'), 2);
    write('assets/hall.webp', 'webp, but changed');
    write('dist/reports/c/index.html', '<p>上次没有做完</p>');
    const c = verifyAstroCache(dir);
    expect(c.removed).toEqual(['assets/hall.webp', 'dist/reports/a/index.html', 'dist/reports/c/index.html']);
    expect(astroCacheMessage(c)).toContain('3 个文件与记录的内容指纹不符');
    expect(existsSync(path.join(dir, 'assets/hall.webp.json'))).toBe(false);
    expect(readFileSync(path.join(dir, 'dist/reports/b/index.html'), 'utf8')).toBe('<p>乙</p>');
    expect(existsSync(path.join(dir, 'data-store.json'))).toBe(true);
  });

  it('drops everything when its record was changed', () => {
    const { dir } = cache();
    recordAstroCache(dir);
    const record = path.join(dir, 'showcase-cache.json');
    writeFileSync(record, readFileSync(record, 'utf8').replace(sha256('<p>甲</p>'), sha256('<p>丙</p>')));
    const c = verifyAstroCache(dir);
    expect(c.dropped).toBe(true);
    expect(astroCacheMessage(c)).toContain('损坏或被改动过');
  });
});
