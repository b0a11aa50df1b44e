/**
 * A publish killed (SIGKILL) at any moment — at a random step of its work, or after a random delay — leaves
 * `current` on a complete release whose files match its manifest: the one that was live, or the new one.
 * The next publish then succeeds and leaves nothing unfinished behind. The checks here hash the files
 * themselves rather than trusting the code under test.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, hashTree, makeProject, rng, type Project } from './publish-fixture.ts';

let p: Project;
let site: string;
const builds: { dir: string; hash: string }[] = [];

beforeAll(() => {
  p = makeProject({ prefix: 'showcase-kill-' });
  site = path.join(p.root, 'site');
  mkdirSync(site);
  mkdirSync(path.join(p.root, 'builds'));
  for (const v of ['a', 'b', 'c']) {
    const dir = path.join(p.root, 'builds', v);
    const r = p.run('build', ['--outDir', dir], { FAKE_VARIANT: v, FAKE_FILES: '120', FAKE_BYTES: '4000' });
    expect(r.code, r.out).toBe(0);
    builds.push({ dir, hash: JSON.parse(readFileSync(path.join(dir, 'build.json'), 'utf8')).contentHash });
  }
});
afterAll(() => p.cleanup());

/** The live release, checked from scratch: marker present, manifest from its stamp, every file hashed. */
function liveRelease(): { id: string; contentHash: string } {
  const link = path.join(site, 'current');
  expect(lstatSync(link).isSymbolicLink()).toBe(true);
  const id = path.basename(readlinkSync(link));
  const dir = path.join(site, 'releases', id);
  const marker = JSON.parse(readFileSync(path.join(dir, '.release-complete.json'), 'utf8'));
  const stamp = JSON.parse(readFileSync(path.join(dir, 'build.json'), 'utf8'));
  expect(marker.id).toBe(id);
  expect(marker.contentHash).toBe(stamp.contentHash);
  const { '.release-complete.json': _m, 'build.json': _s, ...files } = hashTree(dir);
  expect(files).toEqual(stamp.files);
  return { id, contentHash: stamp.contentHash };
}

const RUNS = 24;
const CHECKPOINTS = ['publish:copy', 'publish:copied', 'publish:marked', 'publish:link-made', 'publish:link-switched', 'publish:switched', 'publish:prune'];

describe('publish killed at random points', () => {
  it('always leaves current on the previous or the new complete release (24 runs)', async () => {
    const seed = Number(process.env.SHOWCASE_TEST_SEED ?? Date.now() % 1e9);
    const random = rng(seed);
    const first = p.run('publish', ['--to', site, '--from', builds[0]!.dir, '--keep', '2']);
    expect(first.code, first.out).toBe(0);
    let live = liveRelease();
    const seen = { killed: 0, finished: 0, old: 0, new: 0 };
    for (let run = 0; run < RUNS; run++) {
      const next = builds.find((b) => b.hash !== live.contentHash && random() < 0.5) ?? builds.find((b) => b.hash !== live.contentHash)!;
      const label = `seed ${seed}, run ${run}`;
      // Runs stop at a named step (a random file of the copy, or a later step) or after a random delay.
      // The first runs visit every named step once, so each is covered whatever the seed.
      let killAt = '';
      if (run < CHECKPOINTS.length || random() < 0.5) {
        const at = CHECKPOINTS[run < CHECKPOINTS.length ? run : Math.floor(random() * CHECKPOINTS.length)]!;
        killAt = at === 'publish:copy' ? `${at}#${1 + Math.floor(random() * 121)}` : at;
      }
      const child = p.start('publish', ['--to', site, '--from', next.dir, '--keep', '2'], { SHOWCASE_KILL_AT: killAt });
      const done = exited(child);
      if (!killAt) {
        await new Promise((r) => setTimeout(r, Math.floor(random() * 600)));
        child.kill('SIGKILL');
      }
      const res = await done;
      seen[res.signal === 'SIGKILL' ? 'killed' : 'finished']++;
      const after = liveRelease();
      if (after.contentHash === next.hash) seen.new++;
      else {
        expect(after.id, `${label} (${killAt || 'delay'}): ${res.out}`).toBe(live.id);
        seen.old++;
      }
      // The next publish repairs whatever was left and completes.
      const repair = p.run('publish', ['--to', site, '--from', next.dir, '--keep', '2']);
      expect(repair.code, `${label}: ${repair.out}`).toBe(0);
      live = liveRelease();
      expect(live.contentHash, label).toBe(next.hash);
      for (const id of readdirSync(path.join(site, 'releases'))) {
        expect(existsSync(path.join(site, 'releases', id, '.release-complete.json')), `${label}: unfinished ${id} left`).toBe(true);
      }
      expect(readdirSync(site).sort(), label).toEqual(['current', 'current.txt', 'releases']);
      expect(readFileSync(path.join(site, 'current.txt'), 'utf8').trim(), label).toBe(live.id);
    }
    console.log(`发布中断测试（种子 ${seed}）：`, seen);
    expect(seen.killed + seen.finished).toBe(RUNS);
    expect(seen.killed).toBeGreaterThan(0);
  }, 180_000);
});
