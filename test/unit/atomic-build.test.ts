/**
 * scripts/build.ts with a stand-in for Astro: the new site replaces dist/ only when complete; a failed,
 * interrupted or killed build — during Astro or during the swap — leaves the previous dist/ byte for byte,
 * and the next run clears what was left behind. The real Astro path is covered by test/build/.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, hashTree, killQuietly, makeProject, rng, waitForFile, type Project } from './publish-fixture.ts';

let p: Project;
beforeAll(() => {
  p = makeProject({ prefix: 'showcase-build-' });
});
afterAll(() => p.cleanup());

const dist = () => path.join(p.root, 'dist');
const leftovers = () => readdirSync(p.root).filter((n) => n.startsWith('.dist.'));
const noStack = (out: string) => expect(out).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);

function buildOk(variant: string) {
  const r = p.run('build', [], { FAKE_VARIANT: variant });
  expect(r.out).toContain('网站已更新');
  expect(r.code).toBe(0);
  return hashTree(dist());
}

describe('atomic build', () => {
  it('puts a complete build in place, with a stamp whose manifest matches every file', () => {
    const files = buildOk('v1');
    expect(Object.keys(files)).toContain('index.html');
    const stamp = JSON.parse(readFileSync(path.join(dist(), 'build.json'), 'utf8'));
    const { 'build.json': _, ...site } = files;
    expect(stamp.files).toEqual(site);
    expect(leftovers()).toEqual([]);
  });

  it('passes a failing build’s exit code and its Chinese output through, and leaves dist/ as it was', () => {
    const before = buildOk('v2');
    const r = p.run('build', [], { FAKE_EXIT: '1', FAKE_VARIANT: 'v3' });
    expect(r.code).toBe(1);
    expect(r.out).toContain('reports/bad.md:3:1  title');
    expect(r.out).toContain('原来的“dist”没有改动');
    noStack(r.out);
    expect(hashTree(dist())).toEqual(before);
    expect(leftovers()).toEqual([]);
    expect(p.run('build', [], { FAKE_EXIT: '7' }).code).toBe(7);
  });

  it('refuses an incomplete site (no search index, no home page)', () => {
    const before = hashTree(dist());
    for (const missing of ['pagefind', 'index']) {
      const r = p.run('build', [], { FAKE_INCOMPLETE: missing, FAKE_VARIANT: 'v4' });
      expect(r.code).toBe(1);
      expect(r.out).toContain('网站不完整');
      expect(r.out).toContain(missing === 'index' ? 'index.html' : 'pagefind/shards.json');
      expect(hashTree(dist())).toEqual(before);
    }
  });

  it('builds to another folder with --outDir and refuses a missing parent folder with exit code 2', () => {
    const other = path.join(p.root, 'out', 'site');
    mkdirSync(path.dirname(other), { recursive: true });
    const r = p.run('build', ['--outDir', other], { FAKE_VARIANT: 'v5' });
    expect(r.code).toBe(0);
    expect(existsSync(path.join(other, 'pagefind', 'shards.json'))).toBe(true);
    const missing = p.run('build', ['--outDir', path.join(p.root, 'nope', 'site')]);
    expect(missing.code).toBe(2);
    expect(missing.out).toContain('不存在');
    noStack(missing.out);
  });

  it('refuses a second build while one runs (who and since when), and takes over the lock once its holder is killed', async () => {
    const before = buildOk('v6');
    const ready = path.join(p.root, 'ready-lock');
    const first = p.start('build', [], { FAKE_BLOCK: '1', FAKE_READY: ready, FAKE_VARIANT: 'v7' });
    const done = exited(first);
    await waitForFile(ready);
    const second = p.run('build', [], { FAKE_VARIANT: 'v8' });
    expect(second.code).toBe(2);
    expect(second.out).toContain(`进程号 ${first.pid}`);
    expect(second.out).toMatch(/从 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} 开始/);
    expect(second.out).toContain('另一个构建正在进行');
    noStack(second.out);
    first.kill('SIGKILL');
    killQuietly(Number(readFileSync(ready, 'utf8')));
    await done;
    // Killed during Astro: dist/ untouched, its staging folder still there until the next run.
    expect(hashTree(dist())).toEqual(before);
    expect(leftovers().some((n) => n.startsWith('.dist.tmp-'))).toBe(true);
    buildOk('v9');
    expect(leftovers()).toEqual([]);
  });

  it('passes Ctrl+C on to Astro, removes its staging folder and keeps dist/', async () => {
    const before = hashTree(dist());
    const ready = path.join(p.root, 'ready-int');
    const child = p.start('build', [], { FAKE_BLOCK: '1', FAKE_READY: ready, FAKE_VARIANT: 'v10' });
    const done = exited(child);
    await waitForFile(ready);
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(130);
    expect(r.out).toContain('构建被中断');
    expect(hashTree(dist())).toEqual(before);
    expect(leftovers()).toEqual([]);
  });

  for (const at of ['build:stamped', 'swap:moved-old', 'swap:moved-new']) {
    it(`a build killed at ${at} leaves the old or the new site, never none, once the next run has repaired it`, () => {
      const before = buildOk(`k-${at}`);
      const r = p.run('build', [], { FAKE_VARIANT: `after-${at}`, SHOWCASE_KILL_AT: at });
      expect(r.signal).toBe('SIGKILL');
      // The next run repairs first; this one fails in Astro, so what it leaves is exactly the repaired state.
      const next = p.run('build', [], { FAKE_EXIT: '1' });
      expect(next.code).toBe(1);
      const after = hashTree(dist());
      if (at === 'swap:moved-new') {
        expect(after['index.html']).not.toBe(before['index.html']);
        expect(readFileSync(path.join(dist(), 'index.html'), 'utf8')).toContain(`after-${at}`);
      } else {
        expect(after).toEqual(before);
      }
      expect(leftovers()).toEqual([]);
    });
  }

  it('killed at random moments, always leaves a complete dist/ — the previous or the new one (20 runs)', async () => {
    const seed = Number(process.env.SHOWCASE_TEST_SEED ?? Date.now() % 1e9);
    const random = rng(seed);
    let previous = buildOk('r-start');
    const outcomes = { old: 0, new: 0 };
    for (let run = 0; run < 20; run++) {
      const variant = `r-${run}`;
      const child = p.start('build', [], { FAKE_VARIANT: variant, FAKE_SLOW_MS: '2', FAKE_FILES: '60' });
      const done = exited(child);
      // Somewhere between startup and well after the fake Astro finishes.
      await new Promise((r) => setTimeout(r, Math.floor(random() * 500)));
      child.kill('SIGKILL');
      await done;
      // An orphaned stand-in may still be writing into its staging folder; the next run must cope regardless.
      const repaired = p.run('build', [], { FAKE_EXIT: '3' });
      expect(repaired.code, `seed ${seed}, run ${run}: ${repaired.out}`).toBe(3);
      const now = hashTree(dist());
      const stamp = JSON.parse(readFileSync(path.join(dist(), 'build.json'), 'utf8'));
      const { 'build.json': _, ...site } = now;
      expect(stamp.files, `seed ${seed}, run ${run}`).toEqual(site);
      const isNew = readFileSync(path.join(dist(), 'index.html'), 'utf8').includes(variant);
      if (!isNew) expect(now, `seed ${seed}, run ${run}`).toEqual(previous);
      outcomes[isNew ? 'new' : 'old']++;
      previous = now;
    }
    expect(outcomes.old + outcomes.new).toBe(20);
  }, 120_000);

  it('refuses an output path that is a file', () => {
    const file = path.join(p.root, 'a-file');
    writeFileSync(file, 'x');
    const r = p.run('build', ['--outDir', file]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('是一个文件');
  });
});
