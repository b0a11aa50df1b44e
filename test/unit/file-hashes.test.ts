/**
 * The build stamp's file hashes: a file the integration copied into the site from a verified cache entry comes
 * with its hash, which the stamp takes without reading the file; anything else, a recorded file that changed,
 * and every file when the memo is for another build or does not match its own check, is read, so the stamp
 * stays the truth.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildManifest, FileHashes, sha256 } from '../../src/publish/build-output.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'showcase-hashes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A site with a copied card (recorded with `hash`) and a page; the memo the integration saved for it. */
function site(name: string, hash = sha256('card bytes')): { dir: string; card: string; page: string; memo: string } {
  const dir = path.join(tmp, name, 'site');
  mkdirSync(path.join(dir, 'cards'), { recursive: true });
  const card = path.join(dir, 'cards', 'a.png');
  writeFileSync(card, 'card bytes');
  const page = path.join(dir, 'index.html');
  writeFileSync(page, '<p>page</p>');
  const memo = path.join(tmp, name, 'hashes.json');
  const known = new FileHashes();
  known.record(card, hash);
  known.save(memo, dir);
  return { dir, card, page, memo };
}

describe('FileHashes', () => {
  it('gives the same manifest as reading every file', () => {
    const { dir, memo } = site('same');
    expect(buildManifest(dir, FileHashes.load(memo, dir))).toEqual(buildManifest(dir));
  });

  it('takes a recorded file’s hash without reading the file', () => {
    // A recorded hash that is not the file's: if it is used, the file was not read.
    const { dir, memo } = site('reuse', 'f'.repeat(64));
    const m = buildManifest(dir, FileHashes.load(memo, dir));
    expect(m['cards/a.png']).toBe('f'.repeat(64));
    expect(m['index.html']).toBe(sha256('<p>page</p>'));
  });

  it('reads a recorded file again when it changed', () => {
    const { dir, card, memo } = site('changed', 'f'.repeat(64));
    writeFileSync(card, 'other card bytes');
    expect(buildManifest(dir, FileHashes.load(memo, dir))['cards/a.png']).toBe(sha256('other card bytes'));
  });

  it('does not use a memo made for another build folder', () => {
    const { memo } = site('other', 'f'.repeat(64));
    const { dir } = site('this');
    const known = FileHashes.load(memo, dir);
    expect(known.dropped).toBeUndefined();
    expect(buildManifest(dir, known)).toEqual(buildManifest(dir));
  });

  it('drops a damaged memo, and one whose record was changed, and says why', () => {
    const truncated = site('truncated', 'f'.repeat(64));
    writeFileSync(truncated.memo, readFileSync(truncated.memo, 'utf8').slice(0, 40));
    const edited = site('edited');
    writeFileSync(edited.memo, readFileSync(edited.memo, 'utf8').replace(sha256('card bytes'), 'e'.repeat(64)));
    for (const { dir, memo } of [truncated, edited]) {
      const known = FileHashes.load(memo, dir);
      expect(known.dropped).toMatch(/文件指纹记录.*(损坏|改动)/);
      expect(buildManifest(dir, known)).toEqual(buildManifest(dir));
    }
  });
});
