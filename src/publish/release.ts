/**
 * Releases in a publish folder (a local folder or a mounted share served by nginx):
 *
 *   <to>/releases/<YYYYMMDD-HHmmss>-<shortid>/   one complete copy of a build per release
 *   <to>/releases/<id>/.release-complete.json     written last: a release without it is unfinished
 *   <to>/current → releases/<id>                  the live release, switched by renaming a new symlink over it
 *   <to>/current.txt                              the live release's id, for servers that cannot follow symlinks
 *
 * A process killed at any point leaves `current` on a complete release — the new one or the one before — and
 * the next publish removes whatever the killed one left unfinished. Release ids start with Beijing time, so
 * sorting them by name sorts them by age.
 *
 * Everything is written inside <to>: releases/ and every release folder are resolved through symlinks before
 * anything is written, removed or pruned, and a symlink that leads out of <to> is refused (confineTarget).
 */
import { mkdir, open, readFile } from 'node:fs/promises';
import { lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, realpathSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { checkpoint } from './checkpoint.ts';
import { exists, fsyncDir, writeFileAtomic } from './atomic.ts';
import { STAMP_FILE, diffManifests, mismatches, readStamp, sha256, type ManifestDiff, type Stamp } from './build-output.ts';
import { OperatorError, errorCode, shown } from '../errors/operator.ts';
import { isInside } from '../node/paths.ts';

export const RELEASES = 'releases';
export const CURRENT = 'current';
export const POINTER = 'current.txt';
export const MARKER = '.release-complete.json';
/** Guards the publish folder itself: two projects (or machines) may publish to one share. */
export const TARGET_LOCK = '.publish.lock';

const ID = /^\d{8}-\d{6}-[0-9a-f]{8}$/;

export interface Marker {
  format: 1;
  id: string;
  publishedAt: string;
  contentHash: string;
  files: number;
}

export interface Release {
  id: string;
  dir: string;
  marker?: Marker;
}

/** '20250418-093005-1a2b3c4d': Beijing time of the publish and the start of the build's content hash. */
export function releaseId(now: Date, contentHash: string): string {
  const s = new Date(now.getTime() + 8 * 3600_000).toISOString();
  return `${s.slice(0, 4)}${s.slice(5, 7)}${s.slice(8, 10)}-${s.slice(11, 13)}${s.slice(14, 16)}${s.slice(17, 19)}-${contentHash.slice(0, 8)}`;
}

export function releaseDir(to: string, id: string): string {
  return path.join(to, RELEASES, id);
}

export function readMarker(dir: string): Marker | undefined {
  try {
    const m = JSON.parse(readFileSync(path.join(dir, MARKER), 'utf8')) as Marker;
    return m.format === 1 && typeof m.contentHash === 'string' ? m : undefined;
  } catch {
    return undefined;
  }
}

/** Releases by age, oldest first; anything in releases/ that is not named like a release is not ours and is left alone. */
export function listReleases(to: string): Release[] {
  let names: string[];
  try {
    names = readdirSync(path.join(to, RELEASES));
  } catch {
    return [];
  }
  return names
    .filter((n) => ID.test(n))
    .sort()
    .map((id) => {
      const dir = releaseDir(to, id);
      return { id, dir, marker: readMarker(dir) };
    });
}

/** The live release's id: from the `current` symlink, or from current.txt where there is none. */
export function currentId(to: string): string | undefined {
  const link = path.join(to, CURRENT);
  try {
    if (lstatSync(link).isSymbolicLink()) {
      const id = path.basename(readlinkSync(link));
      return ID.test(id) ? id : undefined;
    }
  } catch {
    // No symlink: fall back to the pointer file.
  }
  try {
    const id = readFileSync(path.join(to, POINTER), 'utf8').trim();
    return ID.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why a release cannot be served (empty: it can). Complete means: the marker is there and names this release,
 * the build's stamp is there and matches the marker, and every file matches the stamp's manifest.
 */
export function releaseProblems(to: string, id: string): string[] {
  const dir = releaseDir(to, id);
  const marker = readMarker(dir);
  if (!marker) return ['没有完成标记（发布没有做完）'];
  if (marker.id !== id) return [`完成标记属于另一个版本 ${marker.id}`];
  const stamp = readStamp(dir);
  if (!stamp) return [`缺少或损坏了构建记录 ${STAMP_FILE}`];
  if (stamp.contentHash !== marker.contentHash) return ['构建记录与完成标记不符'];
  return mismatches(dir, stamp.files).map((f) => `文件 ${f} 缺失或被改动`);
}

/**
 * Clears what an interrupted publish left: unfinished releases (never the live one), temporary links and
 * pointer files. Also brings current.txt in line with the symlink, which a kill between the two can leave behind.
 */
export function tidyTarget(to: string): string[] {
  const removed: string[] = [];
  const live = currentId(to);
  for (const r of listReleases(to)) {
    if (r.marker || r.id === live) continue;
    rmSync(r.dir, { recursive: true, force: true });
    removed.push(r.dir);
  }
  for (const name of safeReaddir(to)) {
    if (/^\.current\.tmp-\d+$/.test(name) || /^\.current\.txt\..+\.tmp$/.test(name)) {
      rmSync(path.join(to, name), { force: true });
      removed.push(path.join(to, name));
    }
  }
  if (live && isSymlink(path.join(to, CURRENT))) {
    let pointed: string | undefined;
    try {
      pointed = readFileSync(path.join(to, POINTER), 'utf8').trim();
    } catch {
      pointed = undefined;
    }
    if (pointed !== live) writeFileAtomic(path.join(to, POINTER), `${live}\n`, { fsync: true });
  }
  return removed;
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function isSymlink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Refuses a publish folder whose releases/ or a release folder in it is a symlink leading out of the folder:
 * publishing, tidying and pruning would write and delete there. A symlink that stays inside is followed.
 * Checked before anything is written, and again for a new release folder once it exists.
 */
export function confineTarget(to: string, dirs: readonly string[] = []): void {
  const real = realpathSync(to);
  const releases = path.join(to, RELEASES);
  const named = safeReaddir(releases).filter((n) => ID.test(n)).map((n) => path.join(releases, n));
  for (const dir of [releases, ...named, ...dirs]) {
    let stat;
    try {
      stat = lstatSync(dir);
    } catch {
      continue; // Not there yet: publish creates it as a plain folder.
    }
    let target: string | undefined;
    try {
      target = realpathSync(dir);
    } catch {
      target = undefined;
    }
    if (target !== undefined && isInside(real, target)) continue;
    const where = stat.isSymbolicLink()
      ? `是指向“${target ?? readlinkSync(dir)}”的符号链接`
      : `经由符号链接实际位于“${target ?? '无法解析的位置'}”`;
    throw new OperatorError(
      `发布文件夹里的“${shown(dir)}”${where}，不在发布文件夹“${shown(to)}”里面。发布会把文件写到那里，所以没有发布，线上版本没有改动。请删除这个链接，或换成发布文件夹里真正的文件夹，然后重新运行。`,
    );
  }
}

/** Errors that mean “this file system has no symlinks” (SMB/CIFS shares, some NAS exports). */
const NO_SYMLINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EINVAL']);

/**
 * Makes `id` the live release. The new symlink is made under a temporary name and renamed over `current`:
 * rename replaces it in one step, so a reader never finds `current` missing. current.txt follows. Where the
 * share cannot hold symlinks at all, current.txt alone is the pointer (see the publishing notes).
 */
export function switchCurrent(to: string, id: string): 'symlink' | 'pointer' {
  const link = path.join(to, CURRENT);
  if (exists(link) && !isSymlink(link)) {
    throw new OperatorError(`发布文件夹里的“${shown(link)}”不是符号链接（可能是手工建的文件夹或文件），无法切换线上版本。请把它移走或改名后重新运行；线上版本没有改动。`);
  }
  const tmp = path.join(to, `.current.tmp-${process.pid}`);
  rmSync(tmp, { force: true });
  let mode: 'symlink' | 'pointer' = 'symlink';
  try {
    symlinkSync(path.join(RELEASES, id), tmp);
  } catch (e) {
    // Falling back while a symlink is live would leave two pointers that disagree.
    if (!NO_SYMLINKS.has(errorCode(e) ?? '') || exists(link)) throw e;
    mode = 'pointer';
  }
  if (mode === 'symlink') {
    checkpoint('publish:link-made');
    renameSync(tmp, link);
    fsyncDir(to);
  }
  checkpoint('publish:link-switched');
  writeFileAtomic(path.join(to, POINTER), `${id}\n`, { fsync: true });
  return mode;
}

export interface PublishOptions {
  /** A complete build (with its stamp), normally dist/. */
  from: string;
  to: string;
  /** How many complete releases to keep (the live one is always kept on top of these if older). */
  keep: number;
  now?: () => Date;
}

export interface PublishResult {
  id: string;
  /** The live release already had this content: nothing was copied or switched. */
  unchanged: boolean;
  previous?: string;
  files: number;
  bytes: number;
  copyMs: number;
  switchMs: number;
  mode: 'symlink' | 'pointer';
  pruned: string[];
}

/** Copies a build into a new release, marks it complete, switches `current` to it and prunes old releases. */
export async function publish(opts: PublishOptions): Promise<PublishResult> {
  const { from, to, keep } = opts;
  const now = opts.now ?? (() => new Date());
  const stamp = readStamp(from);
  if (!stamp) throw new OperatorError(`“${shown(from)}”里没有构建记录 ${STAMP_FILE}：它不是用 npm run build 构建的完整网站。请先运行 npm run build，再发布。`);
  confineTarget(to);
  mkdirSync(path.join(to, RELEASES), { recursive: true });
  tidyTarget(to);
  const previous = currentId(to);
  if (previous && readMarker(releaseDir(to, previous))?.contentHash === stamp.contentHash && releaseProblems(to, previous).length === 0) {
    return { id: previous, unchanged: true, previous, files: 0, bytes: 0, copyMs: 0, switchMs: 0, mode: isSymlink(path.join(to, CURRENT)) ? 'symlink' : 'pointer', pruned: prune(to, keep) };
  }
  const id = freshId(to, stamp.contentHash, now);
  const dir = releaseDir(to, id);
  const started = performance.now();
  let bytes = 0;
  try {
    mkdirSync(dir);
    confineTarget(to, [dir]);
    bytes = await copyBuild(from, dir, stamp);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  checkpoint('publish:copied');
  const marker: Marker = { format: 1, id, publishedAt: now().toISOString(), contentHash: stamp.contentHash, files: Object.keys(stamp.files).length };
  writeFileAtomic(path.join(dir, MARKER), `${JSON.stringify(marker, null, 1)}\n`, { fsync: true });
  fsyncDir(dir);
  checkpoint('publish:marked');
  const copyMs = performance.now() - started;
  const switching = performance.now();
  const mode = switchCurrent(to, id);
  const switchMs = performance.now() - switching;
  checkpoint('publish:switched');
  const pruned = prune(to, keep);
  return { id, unchanged: false, previous, files: marker.files, bytes, copyMs, switchMs, mode, pruned };
}

/**
 * A new id that sorts after every existing release. Two publishes within one second would otherwise be
 * ordered by their hashes and “the previous release” would be wrong, so the time in the id is moved on to
 * the second after the newest release when needed (it is a label and an order, not a measurement).
 */
function freshId(to: string, contentHash: string, now: () => Date): string {
  const newest = listReleases(to).at(-1)?.id;
  let at = now();
  if (newest) {
    const m = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})/.exec(newest)!;
    const after = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`).getTime() + 1000;
    if (at.getTime() < after) at = new Date(after);
  }
  return releaseId(at, contentHash);
}

/** Copies every file of the build's manifest, checking each against its hash on the way, durably. */
async function copyBuild(from: string, dir: string, stamp: Stamp): Promise<number> {
  const files = Object.entries(stamp.files);
  let bytes = 0;
  let next = 0;
  let failed = false;
  const made = new Set<string>();
  // A few files in flight at once: on a network share most of the time is spent waiting for fsync.
  const worker = async () => {
    while (next < files.length && !failed) {
      const [rel, hash] = files[next++]!;
      const data = await readFile(path.join(from, rel));
      if (sha256(data) !== hash) {
        throw new OperatorError(`“${shown(path.join(from, rel))}”与构建记录不符（构建之后被改动过）。没有发布，线上版本没有改动。请重新运行 npm run build 后再发布。`);
      }
      const out = path.join(dir, rel);
      const parent = path.dirname(out);
      if (!made.has(parent)) {
        await mkdir(parent, { recursive: true });
        made.add(parent);
      }
      const fh = await open(out, 'w');
      try {
        await fh.writeFile(data);
        await fh.sync();
      } finally {
        await fh.close();
      }
      bytes += data.length;
      checkpoint('publish:copy');
    }
  };
  // All copiers stop before the caller removes the unfinished release, so none writes into it afterwards.
  const settled = await Promise.allSettled(Array.from({ length: 8 }, () => worker().catch((e) => ((failed = true), Promise.reject(e)))));
  const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  const stampBytes = readFileSync(path.join(from, STAMP_FILE));
  writeFileAtomic(path.join(dir, STAMP_FILE), stampBytes, { fsync: true });
  return bytes + stampBytes.length;
}

/**
 * Keeps the newest `keep` complete releases and the live one. The marker goes first, so a removal cut short
 * leaves a folder that is plainly unfinished (and is cleared next time), never one that looks complete.
 */
export function prune(to: string, keep: number): string[] {
  const live = currentId(to);
  const complete = listReleases(to).filter((r) => r.marker);
  const kept = new Set(complete.slice(-keep).map((r) => r.id));
  if (live) kept.add(live);
  const removed: string[] = [];
  for (const r of complete) {
    if (kept.has(r.id)) continue;
    rmSync(path.join(r.dir, MARKER), { force: true });
    checkpoint('publish:prune');
    rmSync(r.dir, { recursive: true, force: true });
    removed.push(r.id);
  }
  return removed;
}

export interface RollbackResult {
  from: string;
  to: string;
  /** Older releases passed over because they were damaged, with why. */
  skipped: { id: string; problems: string[] }[];
  mode: 'symlink' | 'pointer';
}

/** Switches `current` to the newest complete, intact release older than the live one. */
export function rollback(to: string, opts: { dryRun?: boolean } = {}): RollbackResult {
  confineTarget(to);
  const live = currentId(to);
  if (!live) throw new OperatorError(`“${shown(to)}”里还没有发布过任何版本，无法回滚。`);
  const skipped: RollbackResult['skipped'] = [];
  for (const r of listReleases(to).filter((x) => x.id < live).reverse()) {
    const problems = releaseProblems(to, r.id);
    if (problems.length > 0) {
      skipped.push({ id: r.id, problems });
      continue;
    }
    const mode = opts.dryRun ? (isSymlink(path.join(to, CURRENT)) ? 'symlink' : 'pointer') : switchCurrent(to, r.id);
    return { from: live, to: r.id, skipped, mode };
  }
  throw new OperatorError(`当前版本 ${live} 之前没有可以回滚到的完整版本${skipped.length ? `（${skipped.map((s) => `${s.id}：${s.problems[0]}`).join('；')}）` : ''}。线上版本没有改动。`);
}

export interface Plan {
  current?: string;
  contentHash: string;
  files: number;
  diff: ManifestDiff;
}

/** What a publish would change, relative to the live release, by content hash. Reads only. */
export function plan(from: string, to: string): Plan {
  const stamp = readStamp(from);
  if (!stamp) throw new OperatorError(`“${shown(from)}”里没有构建记录 ${STAMP_FILE}：它不是用 npm run build 构建的完整网站。请先运行 npm run build。`);
  confineTarget(to);
  const live = currentId(to);
  const before = live ? readStamp(releaseDir(to, live))?.files ?? {} : {};
  return { current: live, contentHash: stamp.contentHash, files: Object.keys(stamp.files).length, diff: diffManifests(before, stamp.files) };
}
