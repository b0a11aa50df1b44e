/**
 * Replacing files and folders so that a reader — or the next run after a crash — sees either the old version
 * or the new one, never half of each. Everything here relies on rename() within one folder being atomic,
 * which is why temporary files and folders are always created next to what they replace.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, lstatSync, openSync, readdirSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { checkpoint } from './checkpoint.ts';
import { isAlive, processStart } from './lock.ts';

export function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes a file under a temporary name in the same folder, then renames it into place: a process killed
 * mid-write leaves at most a stray temporary file, never a truncated file under the real name.
 * `fsync` also makes the content durable before the rename (for files that must survive a power cut).
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, opts: { fsync?: boolean } = {}): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(tmp, 'wx');
    try {
      writeFileSync(fd, data);
      if (opts.fsync) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // Never created, or already renamed.
    }
    throw e;
  }
}

/**
 * Creates and removes a small file in `dir`: the cheapest way to learn, before any work, that a folder is
 * read-only, not ours or on a full disk. Throws the system error for the caller to explain.
 */
export function probeWritable(dir: string): void {
  const probe = path.join(dir, `.showcase-probe-${process.pid}-${threadId}`);
  writeFileSync(probe, '', { flag: 'wx' });
  unlinkSync(probe);
}

/** Flushes a folder's entries (new names, renames) to disk; a no-op where folders cannot be opened (Windows shares). */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort: durability against power loss, not correctness against a killed process.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The folder a new build is written to, next to the target so the final rename stays on one disk. */
export function stagingDir(target: string, pid = process.pid): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.tmp-${pid}`);
}

/** Where the previous build waits during a swap; its presence after a crash tells the next run what happened. */
export function previousDir(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.old`);
}

/**
 * Puts a finished staging folder in the target's place: target → previous, staging → target, remove previous.
 * The one moment without a target (between the two renames; returned as gapMs) is repaired by recoverSwap()
 * on the next run.
 * Callers hold the project lock, so no two swaps of one target overlap.
 */
export function swapIn(staging: string, target: string): { gapMs: number } {
  const previous = previousDir(target);
  recoverSwap(target);
  const hadTarget = exists(target);
  const started = performance.now();
  if (hadTarget) renameSync(target, previous);
  checkpoint('swap:moved-old');
  renameSync(staging, target);
  const gapMs = performance.now() - started;
  checkpoint('swap:moved-new');
  if (hadTarget) rmSync(previous, { recursive: true, force: true });
  return { gapMs };
}

/**
 * Repairs an interrupted swap: with no target but a previous folder, the previous build is put back (the new
 * one is discarded with the other leftovers); with both, the swap had finished and only the clean-up remains.
 */
export function recoverSwap(target: string): 'restored' | 'cleaned' | undefined {
  const previous = previousDir(target);
  if (!exists(previous)) return undefined;
  if (!exists(target)) {
    renameSync(previous, target);
    return 'restored';
  }
  rmSync(previous, { recursive: true, force: true });
  return 'cleaned';
}

/**
 * Staging folders left by builds that were killed or failed without cleaning up. A folder is left alone only
 * while the build that named it (by its process number) is still running.
 */
export function removeStaleStaging(target: string): string[] {
  const dir = path.dirname(target);
  const pattern = new RegExp(`^\\.${escapeRegExp(path.basename(target))}\\.tmp-(\\d+)$`);
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = pattern.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    const full = path.join(dir, name);
    if (pid !== process.pid && ownerRunning(pid, full)) continue;
    rmSync(full, { recursive: true, force: true });
    removed.push(full);
  }
  return removed;
}

/** Whether the process that created `file` still runs (its number may since have been given to another process). */
function ownerRunning(pid: number, file: string): boolean {
  if (!isAlive(pid)) return false;
  const started = processStart(pid);
  if (started === undefined) return true;
  try {
    // The owner started before it created the folder, hence before the folder last changed; a process that
    // started after that is a newcomer with a recycled number.
    return started <= statSync(file).mtimeMs + 2_000;
  } catch {
    return false;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
