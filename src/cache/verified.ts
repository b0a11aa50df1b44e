/**
 * The build's caches (cards, search shards, Astro's pages and content) feed files into the site, so an entry
 * is trusted only as far as its content hash: each entry's hash is recorded when the entry is written, and the
 * entry is read and hashed again every time it is used. One that does not match (truncated by a full disk, cut
 * short by a crash, changed by hand) is deleted, so it is made again, and the build log says so.
 *
 * What goes from a cache into the site is copied, never hard-linked: a site that shares a file with a cache
 * changes when the cache does. The copy is a copy-on-write clone where the file system offers one (btrfs, XFS,
 * APFS: no data is copied until one side changes), a plain copy elsewhere.
 */
import { constants, copyFileSync, readdirSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../publish/atomic.ts';
import { sha256 } from '../publish/build-output.ts';

/** Beside a cache file: its SHA-256 in hex, written after the file. */
export const HASH_SUFFIX = '.sha256';
/** Beside a cache folder: every file in it with its SHA-256 (a JSON object), written after the folder. */
export const TREE_SUFFIX = '.sha256.json';

export type Verdict =
  | { ok: true; hash: string }
  /** Not in the cache: the usual case for a new entry. */
  | { ok: false; why: 'missing' }
  /** There, but without a hash to check it against (an entry from before hashes were kept, or half written). */
  | { ok: false; why: 'unrecorded' }
  /** There, and not what was written: damaged or changed. */
  | { ok: false; why: 'mismatch' };

/** Writes a cache file, then its hash: a file whose hash is missing is never trusted. Returns the hash. */
export function writeCacheFile(file: string, data: Uint8Array): string {
  const hash = sha256(data);
  writeFileAtomic(file, data);
  writeFileAtomic(`${file}${HASH_SUFFIX}`, hash);
  return hash;
}

/** Reads a cache file and checks it against the hash recorded beside it; a bad entry is deleted. */
export function verifyCacheFile(file: string): Verdict {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    rmSync(`${file}${HASH_SUFFIX}`, { force: true });
    return { ok: false, why: 'missing' };
  }
  let recorded: string | undefined;
  try {
    recorded = readFileSync(`${file}${HASH_SUFFIX}`, 'utf8').trim();
  } catch {
    recorded = undefined;
  }
  const hash = sha256(data);
  if (recorded === hash) return { ok: true, hash };
  rmSync(file, { force: true });
  rmSync(`${file}${HASH_SUFFIX}`, { force: true });
  return { ok: false, why: recorded === undefined ? 'unrecorded' : 'mismatch' };
}

/** Regular files under `dir` (relative, “/”-separated, sorted). */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else out.push(r);
    }
  };
  walk('');
  return out.sort();
}

/** Records every file of a finished cache folder with its hash, beside the folder. */
export function recordCacheTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const f of filesUnder(dir)) files[f] = sha256(readFileSync(path.join(dir, f)));
  writeFileAtomic(`${dir}${TREE_SUFFIX}`, JSON.stringify(files));
  return files;
}

export type TreeVerdict = { ok: true; files: Record<string, string> } | { ok: false; why: Exclude<Verdict, { ok: true }>['why'] };

/**
 * Checks a cache folder against its record: the same files, each with its recorded hash, nothing more. A bad
 * folder is deleted with its record.
 */
export function verifyCacheTree(dir: string): TreeVerdict {
  let present: string[];
  try {
    present = filesUnder(dir);
  } catch {
    rmSync(`${dir}${TREE_SUFFIX}`, { force: true });
    return { ok: false, why: 'missing' };
  }
  let recorded: Record<string, unknown> | undefined;
  try {
    const r = JSON.parse(readFileSync(`${dir}${TREE_SUFFIX}`, 'utf8')) as unknown;
    recorded = r && typeof r === 'object' && !Array.isArray(r) ? (r as Record<string, unknown>) : undefined;
  } catch {
    recorded = undefined;
  }
  const good =
    recorded !== undefined &&
    present.length === Object.keys(recorded).length &&
    present.every((f) => recorded[f] === sha256(readFileSync(path.join(dir, f))));
  if (good) return { ok: true, files: recorded as Record<string, string> };
  rmSync(dir, { recursive: true, force: true });
  rmSync(`${dir}${TREE_SUFFIX}`, { force: true });
  return { ok: false, why: recorded === undefined ? 'unrecorded' : 'mismatch' };
}

/**
 * A cache file into the site: a clone or a copy, never a link. An existing file at `to` is replaced, not
 * written through (it could be a link into a cache left by an older build).
 */
export function copyIntoSite(from: string, to: string): void {
  try {
    copyFileSync(from, to, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    unlinkSync(to);
    copyFileSync(from, to, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE);
  }
}

/** “3 张卡片与记录的内容指纹不符（…）、2 张卡片没有内容指纹记录” for the build log; empty when all were fine. */
export function verdictSummary(verdicts: readonly (Verdict | TreeVerdict)[], unit: string): string {
  const mismatch = verdicts.filter((v) => !v.ok && v.why === 'mismatch').length;
  const unrecorded = verdicts.filter((v) => !v.ok && v.why === 'unrecorded').length;
  return [mismatch > 0 ? `${mismatch} ${unit}与记录的内容指纹不符（损坏或被改动过）` : '', unrecorded > 0 ? `${unrecorded} ${unit}没有内容指纹记录` : '']
    .filter(Boolean)
    .join('、');
}
