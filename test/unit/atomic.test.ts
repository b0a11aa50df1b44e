/**
 * The building blocks: a file written atomically is never seen truncated, even when its writer is killed;
 * an interrupted folder swap is repaired to the previous or the new folder; leftovers of dead builds go;
 * a damaged cached card is recognised and deleted, so it is rendered again rather than published.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previousDir, recoverSwap, removeStaleStaging, stagingDir, swapIn, writeFileAtomic } from '../../src/publish/atomic.ts';
import { crc32, pngProblem, usableCachedPng } from '../../src/cards/png.ts';
import { exited, rng } from './publish-fixture.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'showcase-atomic-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function folder(dir: string, content: string): void {
  mkdirSync(path.join(dir, 'sub'), { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), content);
  writeFileSync(path.join(dir, 'sub', 'a.txt'), content);
}

describe('writeFileAtomic', () => {
  it('replaces a file and leaves no temporary file', () => {
    const f = path.join(tmp, 'w', 'x.bin');
    mkdirSync(path.dirname(f));
    writeFileAtomic(f, 'one');
    writeFileAtomic(f, 'two', { fsync: true });
    expect(readFileSync(f, 'utf8')).toBe('two');
    expect(readdirSync(path.dirname(f))).toEqual(['x.bin']);
  });

  it('a writer killed at random moments never leaves a truncated file under the real name (12 runs)', async () => {
    const seed = Number(process.env.SHOWCASE_TEST_SEED ?? Date.now() % 1e9);
    const random = rng(seed);
    const dir = path.join(tmp, 'kill');
    mkdirSync(dir);
    const target = path.join(dir, 'card.png');
    const script = path.join(tmp, 'writer.ts');
    writeFileSync(
      script,
      `import { writeFileAtomic } from ${JSON.stringify(path.resolve('src/publish/atomic.ts'))};
const size = 4 * 1024 * 1024;
for (let i = 1; ; i++) writeFileAtomic(${JSON.stringify(target)}, Buffer.alloc(size, i % 250));
`,
    );
    for (let run = 0; run < 12; run++) {
      const child = spawn(process.execPath, [script], { stdio: 'ignore' });
      const done = exited(child);
      await new Promise((r) => setTimeout(r, 100 + Math.floor(random() * 300)));
      child.kill('SIGKILL');
      await done;
      if (!existsSync(target)) continue;
      const data = readFileSync(target);
      expect(data.length, `seed ${seed}, run ${run}`).toBe(4 * 1024 * 1024);
      expect(data.every((b) => b === data[0]), `seed ${seed}, run ${run}`).toBe(true);
    }
  }, 60_000);
});

describe('folder swap', () => {
  it('puts the new folder in place and removes the previous one', () => {
    const target = path.join(tmp, 's1', 'dist');
    folder(target, 'old');
    const staging = stagingDir(target);
    folder(staging, 'new');
    swapIn(staging, target);
    expect(readFileSync(path.join(target, 'index.html'), 'utf8')).toBe('new');
    expect(readdirSync(path.dirname(target))).toEqual(['dist']);
  });

  it('repairs a swap cut between its two renames by putting the previous folder back', () => {
    const target = path.join(tmp, 's2', 'dist');
    folder(previousDir(target), 'old');
    expect(existsSync(target)).toBe(false);
    expect(recoverSwap(target)).toBe('restored');
    expect(readFileSync(path.join(target, 'sub', 'a.txt'), 'utf8')).toBe('old');
    expect(recoverSwap(target)).toBeUndefined();
  });

  it('finishes a swap cut before the previous folder was removed', () => {
    const target = path.join(tmp, 's3', 'dist');
    folder(target, 'new');
    folder(previousDir(target), 'old');
    expect(recoverSwap(target)).toBe('cleaned');
    expect(readFileSync(path.join(target, 'index.html'), 'utf8')).toBe('new');
    expect(readdirSync(path.dirname(target))).toEqual(['dist']);
  });

  it('removes staging folders of builds that have ended, and keeps one whose build still runs', async () => {
    const target = path.join(tmp, 's4', 'dist');
    folder(target, 'x');
    const dead = stagingDir(target, 999_999_9);
    folder(dead, 'dead');
    const own = stagingDir(target);
    folder(own, 'own');
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 50));
      const running = stagingDir(target, child.pid!);
      folder(running, 'running');
      // A folder named after a number that a newer process now has: its builder is gone.
      const recycled = stagingDir(target, process.ppid);
      folder(recycled, 'recycled');
      const long = new Date('2001-01-01');
      utimesSync(recycled, long, long);
      const removed = removeStaleStaging(target);
      expect(removed.sort()).toEqual([dead, own, recycled].sort());
      expect(existsSync(running)).toBe(true);
      expect(statSync(target).isDirectory()).toBe(true);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('card cache check', () => {
  const dir = path.join(tmp, 'cards');
  let good = '';
  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    good = path.join(dir, 'good.png');
    writeFileSync(good, await sharp({ create: { width: 1200, height: 630, channels: 3, background: '#b22222' } }).png().toBuffer());
  });

  it('computes the PNG CRC-32 (of “IEND”: AE426082)', () => {
    expect(crc32(Buffer.from('IEND', 'latin1'))).toBe(0xae426082);
  });

  it('accepts a whole PNG of the expected size', () => {
    expect(pngProblem(good, { width: 1200, height: 630 })).toBeUndefined();
    expect(usableCachedPng(good, { width: 1200, height: 630 })).toBe(true);
    expect(existsSync(good)).toBe(true);
  });

  it('a truncated cached card is not reused: the lookup deletes it so it is rendered again', () => {
    const cached = path.join(dir, 'ab', 'abcd.png');
    mkdirSync(path.dirname(cached), { recursive: true });
    writeFileSync(cached, readFileSync(good));
    truncateSync(cached, statSync(cached).size - 5);
    expect(pngProblem(cached)).toContain('IEND');
    expect(usableCachedPng(cached, { width: 1200, height: 630 })).toBe(false);
    expect(existsSync(cached)).toBe(false);
  });

  it('rejects a wrong size, a damaged header, a non-PNG and an empty file', () => {
    const cases: [string, (b: Buffer) => Buffer][] = [
      ['size', (b) => b],
      ['ihdr', (b) => Buffer.concat([b.subarray(0, 20), Buffer.from([b[20]! ^ 1]), b.subarray(21)])],
      ['text', () => Buffer.from('<svg/>'.repeat(20))],
      ['empty', () => Buffer.alloc(0)],
    ];
    for (const [name, damage] of cases) {
      const f = path.join(dir, `${name}.png`);
      writeFileSync(f, damage(readFileSync(good)));
      expect(usableCachedPng(f, name === 'size' ? { width: 1080, height: 1440 } : { width: 1200, height: 630 }), name).toBe(false);
      expect(existsSync(f), name).toBe(false);
    }
  });
});
