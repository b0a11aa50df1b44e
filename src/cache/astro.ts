/**
 * Astro's own caches that a build puts into the site: the pages of the incremental build (<cacheDir>/dist/ and
 * their manifest incremental-build.json), optimised images (<cacheDir>/assets/) and the content store
 * (<cacheDir>/data-store.json, which holds every report's rendered body). Astro checks none of them against
 * what it wrote. So the build records the hash of every file there once Astro is done with them (RECORD, beside
 * them), and before Astro reads any of them checks each against the record: a file that does not match, or that
 * the record does not know (written by a build that did not finish), is deleted, and Astro renders that page,
 * image or content again. Without a usable record the whole cache is dropped.
 */
import { lstatSync, readdirSync, readFileSync, rmSync, statSync, type BigIntStats } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../publish/atomic.ts';
import { sha256 } from '../publish/build-output.ts';

const RECORD = 'showcase-cache.json';
/** What Astro restores into a build from its cache folder; anything else there (the dev server's) is not ours. */
const ENTRIES = ['data-store.json', 'incremental-build.json', 'dist', 'assets'] as const;

export interface AstroCacheCheck {
  /** Files deleted because they did not match the record, or the record did not know them. */
  removed: string[];
  /** There was no usable record (none, damaged or changed), so everything above was deleted. */
  dropped: boolean;
  /** Why the record was not usable; undefined when it was, or the cache was empty anyway. */
  reason?: string;
  /** Identity → hash of the files that passed, so recording after the build reads only what changed. */
  seen: Map<string, string>;
}

/** Every file of the cache Astro restores from, relative to the cache folder with “/”. */
function cacheFiles(cacheDir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    let st;
    try {
      st = lstatSync(path.join(cacheDir, rel));
    } catch {
      return;
    }
    if (st.isDirectory()) for (const name of readdirSync(path.join(cacheDir, rel))) walk(`${rel}/${name}`);
    else out.push(rel);
  };
  for (const e of ENTRIES) walk(e);
  return out.sort();
}

function identity(st: BigIntStats): string {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}`;
}

function recordCheck(files: Record<string, string>): string {
  return sha256(Object.keys(files).sort().map((f) => `${f}\0${files[f]}\n`).join(''));
}

function readRecord(cacheDir: string): { files?: Record<string, string>; reason?: string } {
  let text: string;
  try {
    text = readFileSync(path.join(cacheDir, RECORD), 'utf8');
  } catch {
    return { reason: '没有内容指纹记录' };
  }
  try {
    const r = JSON.parse(text) as { format?: unknown; files?: unknown; check?: unknown };
    const files = r.files as Record<string, string>;
    if (r.format === 1 && files && typeof files === 'object' && r.check === recordCheck(files)) return { files };
  } catch {
    // Reported below.
  }
  return { reason: '内容指纹记录损坏或被改动过' };
}

/** Checks the cache against its record before Astro uses it; deletes what does not match. */
export function verifyAstroCache(cacheDir: string): AstroCacheCheck {
  const files = cacheFiles(cacheDir);
  const seen = new Map<string, string>();
  const { files: recorded, reason } = readRecord(cacheDir);
  if (!recorded) {
    for (const e of ENTRIES) rmSync(path.join(cacheDir, e), { recursive: true, force: true });
    return { removed: files, dropped: files.length > 0, reason: files.length > 0 ? reason : undefined, seen };
  }
  const removed: string[] = [];
  const alongside = new Set<string>();
  for (const f of files) {
    if (alongside.has(f)) continue;
    const abs = path.join(cacheDir, f);
    const want = recorded[f];
    let got: string | undefined;
    let st: BigIntStats | undefined;
    if (want !== undefined) {
      try {
        st = statSync(abs, { bigint: true });
        got = sha256(readFileSync(abs));
      } catch {
        got = undefined;
      }
    }
    if (got !== undefined && got === want) {
      seen.set(identity(st!), got);
      continue;
    }
    rmSync(abs, { force: true });
    // An image's metadata goes with it, so Astro makes both again.
    if (f.startsWith('assets/') && !f.endsWith('.json')) {
      rmSync(`${abs}.json`, { force: true });
      alongside.add(`${f}.json`);
    }
    removed.push(f);
  }
  return { removed, dropped: false, seen };
}

/** Records every file of the cache once Astro is done with it (files unchanged since `seen` are not read again). */
export function recordAstroCache(cacheDir: string, seen: ReadonlyMap<string, string> = new Map()): number {
  const files: Record<string, string> = {};
  for (const f of cacheFiles(cacheDir)) {
    const abs = path.join(cacheDir, f);
    let st: BigIntStats;
    try {
      st = statSync(abs, { bigint: true });
    } catch {
      continue;
    }
    files[f] = seen.get(identity(st)) ?? sha256(readFileSync(abs));
  }
  writeFileAtomic(path.join(cacheDir, RECORD), JSON.stringify({ format: 1, files, check: recordCheck(files) }));
  return Object.keys(files).length;
}

/** The build log's line about a check that found something; undefined when all was well. */
export function astroCacheMessage(c: AstroCacheCheck): string | undefined {
  if (c.dropped) return `Astro 的缓存（页面、图片和内容）${c.reason}，无法核对，已整个丢弃：这次所有页面重新生成。`;
  if (c.removed.length === 0) return undefined;
  const shown = c.removed.slice(0, 5).join('、');
  return `Astro 的缓存里有 ${c.removed.length} 个文件与记录的内容指纹不符（损坏、被改动过，或上次构建没有完成），已删除，由 Astro 重新生成：${shown}${c.removed.length > 5 ? ' 等' : ''}。`;
}
