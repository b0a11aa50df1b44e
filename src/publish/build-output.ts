/**
 * What a finished build is: the one definition of a complete site folder, its manifest (every file's path and
 * SHA-256) and the stamp file that records it. Builds of the same content are meant to be byte-identical; the
 * stamp is the one file allowed to differ (it carries the build time), and it is left out of the manifest.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, realpathSync, statSync, type BigIntStats } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../node/config.ts';
import { writeFileAtomic } from './atomic.ts';
import { STAMP_FILE } from '../lib/served.ts';

/** The stamp file at the root of every build made by scripts/build.ts (never served: src/lib/served.ts). */
export { STAMP_FILE };

/** Path (relative, with “/”) → SHA-256 hex, sorted by path. */
export type Manifest = Record<string, string>;

export interface Stamp {
  format: 1;
  /** ISO instant of the build: the reason the stamp differs between otherwise identical builds. */
  builtAt: string;
  /** Hash of the manifest: the identity of the site's content. */
  contentHash: string;
  /** Hash of the content folder the site was built from, so a publish can tell a stale build. */
  sourceHash: string;
  files: Manifest;
}

/**
 * What a usable site needs: the home page, the search index's loader and the share cards. Everything that
 * decides whether to replace dist/ or to publish asks this, and only this. Returns what is missing (empty:
 * complete), in the operator's words.
 */
export function missingOutputs(dir: string): string[] {
  const missing: string[] = [];
  if (!isFile(path.join(dir, 'index.html'))) missing.push('首页 index.html');
  if (!isFile(path.join(dir, 'pagefind', 'shards.json'))) missing.push('检索索引 pagefind/shards.json');
  if (!isDir(path.join(dir, 'cards'))) missing.push('分享卡片文件夹 cards/');
  return missing;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Regular files under `dir`, as “/”-separated relative paths, sorted the same on every system. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.isFile()) out.push(r);
    }
  };
  walk('');
  return out.sort(byCodePoint);
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function buildManifest(dir: string, known?: FileHashes): Manifest {
  const m: Manifest = {};
  for (const f of listFiles(dir)) if (f !== STAMP_FILE) m[f] = known ? known.hash(path.join(dir, f)) : sha256(readFileSync(path.join(dir, f)));
  return m;
}

/** The memo of FileHashes in a build's cache folder (SHOWCASE_CACHE). */
export function fileHashesFile(cacheDir: string): string {
  return path.join(cacheDir, 'showcase', 'file-hashes.json');
}

/**
 * Hashes of site files the build already knows, handed from the build's integration to the stamp written after
 * Astro exits. The integration copies the cards and search shards into the site from cache entries it has just
 * verified by content hash, so it knows each copy's hash, and the stamp need not read those files again.
 * Records are keyed by the copy's identity (device, inode, size and modification time to the nanosecond): a file
 * changed since, and every other file, is read. The memo names the folder it was made for and carries a hash of
 * its records; one made for another folder is not used, and one whose hash does not match (damaged, edited) is
 * dropped with a reason for the build log — every file is then read.
 */
export class FileHashes {
  readonly #known = new Map<string, string>();
  /** Why the memo on disk was not used (for the build log); undefined when it was, or there was none. */
  dropped?: string;

  static load(file: string, dir: string): FileHashes {
    const out = new FileHashes();
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return out;
    }
    let data: { format?: unknown; dir?: unknown; files?: unknown; check?: unknown };
    try {
      data = JSON.parse(text) as typeof data;
    } catch {
      out.dropped = `文件指纹记录“${file}”读不出来（损坏了）`;
      return out;
    }
    const files = data.files && typeof data.files === 'object' && !Array.isArray(data.files) ? (data.files as Record<string, unknown>) : undefined;
    const valid = data.format === 2 && typeof data.dir === 'string' && files !== undefined && Object.values(files).every((h) => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h));
    if (!valid || data.check !== memoCheck(data.dir as string, files as Record<string, string>)) {
      out.dropped = `文件指纹记录“${file}”与它自己的校验值不符（损坏或被改动过）`;
      return out;
    }
    if (!sameDir(data.dir as string, dir)) return out;
    for (const [k, h] of Object.entries(files as Record<string, string>)) out.#known.set(k, h);
    return out;
  }

  /** A file just put into the site, whose content hash is known. */
  record(file: string, hash: string): void {
    this.#known.set(identity(statSync(file, { bigint: true })), hash);
  }

  hash(file: string): string {
    return this.#known.get(identity(statSync(file, { bigint: true }))) ?? sha256(readFileSync(file));
  }

  /** The records, for the stamp of the build in `dir`. */
  save(file: string, dir: string): void {
    const files = Object.fromEntries([...this.#known].sort(([a], [b]) => byCodePoint(a, b)));
    const real = realDir(dir);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomic(file, JSON.stringify({ format: 2, dir: real, files, check: memoCheck(real, files) }));
  }
}

function memoCheck(dir: string, files: Record<string, string>): string {
  return sha256(`${dir}\n${Object.keys(files).sort(byCodePoint).map((k) => `${k}\0${files[k]}\n`).join('')}`);
}

function realDir(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

function sameDir(a: string, b: string): boolean {
  return realDir(a) === realDir(b);
}

function identity(st: BigIntStats): string {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}`;
}

export function manifestHash(m: Manifest): string {
  return sha256(Object.keys(m).sort(byCodePoint).map((f) => `${f}\0${m[f]}\n`).join(''));
}

export function writeStamp(dir: string, sourceHash: string, now = new Date(), known?: FileHashes): Stamp {
  const files = buildManifest(dir, known);
  const stamp: Stamp = { format: 1, builtAt: now.toISOString(), contentHash: manifestHash(files), sourceHash, files };
  writeFileAtomic(path.join(dir, STAMP_FILE), `${JSON.stringify(stamp, null, 1)}\n`);
  return stamp;
}

export function readStamp(dir: string): Stamp | undefined {
  try {
    const s = JSON.parse(readFileSync(path.join(dir, STAMP_FILE), 'utf8')) as Stamp;
    if (s.format !== 1 || typeof s.files !== 'object' || s.files === null) return undefined;
    return manifestHash(s.files) === s.contentHash ? s : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Files in `dir` that do not match the manifest (changed or missing). Stops early after `limit` findings:
 * one is enough to refuse.
 */
export function mismatches(dir: string, files: Manifest, limit = 20): string[] {
  const bad: string[] = [];
  for (const [f, hash] of Object.entries(files)) {
    let actual: string | undefined;
    try {
      actual = sha256(readFileSync(path.join(dir, f)));
    } catch {
      actual = undefined;
    }
    if (actual !== hash) bad.push(f);
    if (bad.length >= limit) break;
  }
  return bad;
}

export interface ManifestDiff {
  added: string[];
  changed: string[];
  removed: string[];
}

export function diffManifests(before: Manifest, after: Manifest): ManifestDiff {
  const added: string[] = [];
  const changed: string[] = [];
  const removed: string[] = [];
  for (const [f, h] of Object.entries(after)) {
    if (!(f in before)) added.push(f);
    else if (before[f] !== h) changed.push(f);
  }
  for (const f of Object.keys(before)) if (!(f in after)) removed.push(f);
  return { added: added.sort(byCodePoint), changed: changed.sort(byCodePoint), removed: removed.sort(byCodePoint) };
}

/**
 * A hash of everything in the content folder (reports, images, and the settings, catalog and registry it
 * uses — its own or the project's). A build records it; a publish recomputes it and refuses a site that was
 * built from different content than the content it has just validated.
 */
export function sourceFingerprint(contentDir: string): string {
  const h = createHash('sha256');
  let files: string[] = [];
  try {
    files = listFiles(contentDir).filter((f) => !f.split('/').some((part) => part.startsWith('.')));
  } catch {
    // A missing content folder is reported by the checks; the fingerprint just reflects “nothing”.
  }
  for (const f of files) h.update(`${f}\0`).update(sha256(readFileSync(path.join(contentDir, f)))).update('\n');
  // A content folder without its own settings, catalog or registry uses the project's.
  for (const name of ['site.yaml', 'metrics.yaml', 'orgs.yaml']) {
    if (files.includes(name)) continue;
    const file = path.join(PROJECT_ROOT, 'content', name);
    try {
      h.update(`project:${name}\0`).update(sha256(readFileSync(file))).update('\n');
    } catch {
      h.update(`project:${name}\0-\n`);
    }
  }
  return h.digest('hex');
}
