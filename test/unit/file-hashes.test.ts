/**
 * The build stamp's file hashes: a file linked in from a build cache is read once and its hash remembered for
 * the next build; anything else, and a linked file that changed, is read again, so the stamp stays the truth.
 */
import { linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildManifest, FileHashes, sha256 } from '../../src/node/build-output.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'showcase-hashes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function site(name: string): { dir: string; cached: string; written: string } {
  const dir = path.join(tmp, name);
  mkdirSync(path.join(dir, 'site', 'cards'), { recursive: true });
  mkdirSync(path.join(dir, 'cache'));
  const cached = path.join(dir, 'cache', 'card.png');
  writeFileSync(cached, 'card bytes');
  linkSync(cached, path.join(dir, 'site', 'cards', 'a.png'));
  const written = path.join(dir, 'site', 'index.html');
  writeFileSync(written, '<p>page</p>');
  return { dir, cached, written };
}

/** A first build's stamp with an empty memo; the memo file it saved. */
function firstBuild(dir: string): string {
  const memo = path.join(dir, 'hashes.json');
  const known = FileHashes.load(memo);
  buildManifest(path.join(dir, 'site'), known);
  known.save(memo);
  return memo;
}

describe('FileHashes', () => {
  it('gives the same manifest as reading every file', () => {
    const { dir } = site('same');
    const memo = path.join(dir, 'hashes.json');
    const first = FileHashes.load(memo);
    expect(buildManifest(path.join(dir, 'site'), first)).toEqual(buildManifest(path.join(dir, 'site')));
    first.save(memo);
    expect(buildManifest(path.join(dir, 'site'), FileHashes.load(memo))).toEqual(buildManifest(path.join(dir, 'site')));
  });

  it('remembers linked files only, and only those met by the last build', () => {
    const { dir } = site('remember');
    const memo = firstBuild(dir);
    const saved = Object.values(JSON.parse(readFileSync(memo, 'utf8')) as Record<string, string>);
    expect(saved).toEqual([sha256('card bytes')]);

    rmSync(path.join(dir, 'site', 'cards', 'a.png'));
    const next = FileHashes.load(memo);
    buildManifest(path.join(dir, 'site'), next);
    next.save(memo);
    expect(JSON.parse(readFileSync(memo, 'utf8'))).toEqual({});
  });

  it('takes a linked file’s hash from the memo without reading the file', () => {
    const { dir } = site('reuse');
    const memo = firstBuild(dir);
    // A memo whose hash is not the file's: if it is used, the file was not read.
    const entries = Object.keys(JSON.parse(readFileSync(memo, 'utf8')) as Record<string, string>).map((k) => [k, 'f'.repeat(64)] as [string, string]);
    expect(buildManifest(path.join(dir, 'site'), new FileHashes(entries))['cards/a.png']).toBe('f'.repeat(64));
  });

  it('reads a linked file again when it changed, and a written file always', () => {
    const { dir, cached, written } = site('changed');
    const memo = firstBuild(dir);
    writeFileSync(cached, 'other card bytes');
    writeFileSync(written, '<p>other page</p>');
    const m = buildManifest(path.join(dir, 'site'), FileHashes.load(memo));
    expect(m['cards/a.png']).toBe(sha256('other card bytes'));
    expect(m['index.html']).toBe(sha256('<p>other page</p>'));
  });

  it('starts empty from a damaged memo', () => {
    const { dir } = site('damaged');
    const memo = path.join(dir, 'hashes.json');
    writeFileSync(memo, '{"x": 1');
    expect(buildManifest(path.join(dir, 'site'), FileHashes.load(memo))).toEqual(buildManifest(path.join(dir, 'site')));
  });
});
