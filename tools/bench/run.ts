/**
 * Runs a command for a benchmark and measures it as a whole process tree: wall time, CPU time (user + system of
 * the process and everything it waited for, from /usr/bin/time) and peak resident memory of the tree, summed
 * over every process in it (sampled from /proc; a worker thread counts in its process, Pagefind's own binary
 * and Chromium as processes of their own).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';

export interface Measured {
  code: number;
  wallSeconds: number;
  /** User + system CPU seconds of the tree (0 where /usr/bin/time is missing). */
  cpuSeconds: number;
  /** Peak of the summed RSS of the process tree, MiB. */
  peakRssMiB: number;
  /** Peak RSS per program in the tree (node, pagefind …), MiB: who holds the memory. */
  peakByProgramMiB: Record<string, number>;
  stdout: string;
  stderr: string;
}

const PAGE = 4096;
const TIME = '/usr/bin/time';

/** pid → parent pid for every process, from /proc/<pid>/stat. */
function parents(): Map<number, number> {
  const m = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      // The command name (field 2) may hold spaces and parentheses: the fields after it follow the last ')'.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      m.set(Number(name), Number(rest[1]));
    } catch {
      // Gone between listing and reading.
    }
  }
  return m;
}

function treeRss(root: number): { total: number; byProgram: Map<string, number> } {
  const pp = parents();
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of pp) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  let total = 0;
  const byProgram = new Map<string, number>();
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const rss = Number(readFileSync(`/proc/${pid}/statm`, 'latin1').split(' ')[1]) * PAGE;
      const name = readFileSync(`/proc/${pid}/comm`, 'latin1').trim();
      total += rss;
      byProgram.set(name, Math.max(byProgram.get(name) ?? 0, rss));
    } catch {
      // Exited.
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return { total, byProgram };
}

export function measure(cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; echo?: boolean }): Promise<Measured> {
  const timed = existsSync(TIME);
  const [bin, argv] = timed ? [TIME, ['-f', '\n__BENCH_TIME__ %e %U %S %M', '--', cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(bin, argv, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (opts.echo) process.stderr.write(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (opts.echo) process.stderr.write(d);
    });
    let peak = 0;
    const byProgram = new Map<string, number>();
    const sample = () => {
      if (!child.pid) return;
      const r = treeRss(child.pid);
      peak = Math.max(peak, r.total);
      for (const [k, v] of r.byProgram) byProgram.set(k, Math.max(byProgram.get(k) ?? 0, v));
    };
    const timer = setInterval(sample, 200);
    child.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      const wallSeconds = (performance.now() - started) / 1000;
      let cpuSeconds = 0;
      const t = /__BENCH_TIME__ ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(stderr);
      if (t) {
        cpuSeconds = Number(t[2]) + Number(t[3]);
        // The largest single process as /usr/bin/time saw it: a floor for the tree's peak between samples.
        peak = Math.max(peak, Number(t[4]) * 1024);
      }
      const peakByProgramMiB = Object.fromEntries([...byProgram].filter(([k]) => k !== 'time').map(([k, v]) => [k, Math.round(v / 1024 / 1024)]));
      resolve({ code: code ?? 1, wallSeconds, cpuSeconds, peakRssMiB: peak / 1024 / 1024, peakByProgramMiB, stdout, stderr: stderr.replace(/\n__BENCH_TIME__.*\n?$/, '') });
    });
  });
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : 0;
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
