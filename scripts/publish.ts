/**
 * npm run publish -- --to <folder> [--keep N] [--dry-run] [--rollback] [--from <built site>] [--strict]
 *   Validates the reports (scripts/check.ts), then copies the built site into <folder>/releases/<id>/ and
 *   switches <folder>/current to it in one step. --rollback switches back to the previous complete release;
 *   --dry-run shows what would change and changes nothing. Layout and guarantees: src/publish/release.ts.
 *
 * Exit codes: 0 done · 1 the reports have errors · 2 the environment or the command line (folders,
 * permissions, disk, no complete build, another build or publish running, nothing to roll back to).
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { probeWritable, recoverSwap } from '../src/publish/atomic.ts';
import { missingOutputs, readStamp, sourceFingerprint, STAMP_FILE } from '../src/publish/build-output.ts';
import { contentDirFromEnv, nowFromEnv, NowError, PROJECT_ROOT } from '../src/node/config.ts';
import { acquireLock, formatShanghai, projectLockFile, type Lock } from '../src/publish/lock.ts';
import { fsProblem, missingFolder, OperatorError, runCommand, shown } from '../src/errors/operator.ts';
import { readArgs, usageError } from './lib/args.ts';
import { CURRENT, plan, POINTER, publish, releaseDir, rollback, TARGET_LOCK } from '../src/publish/release.ts';

const USAGE = `用法：npm run publish -- --to 发布文件夹 [--keep 个数] [--dry-run] [--rollback]
  --to 文件夹     发布到这个文件夹（须已存在，如挂载好的网络共享）；网站放在其中的 releases/，线上版本是 current
  --keep 个数     保留最近几个版本（默认 5；线上版本总会保留）
  --dry-run       只列出与线上版本相比新增、修改、删除的文件，不做任何改动
  --rollback      把线上版本切回上一个完整版本
  --from 文件夹   发布别的构建结果（默认 dist/）
  --strict        校验时把提醒也当作错误`;

const SAFE = '线上版本没有改动。';

interface Args {
  to?: string;
  from: string;
  keep: number;
  dryRun: boolean;
  rollback: boolean;
  strict: boolean;
}

/** The command line; undefined after --help. */
function publishArgs(argv: string[]): Args | undefined {
  const folder = { type: 'string', value: '文件夹' } as const;
  const cli = readArgs(argv, {
    usage: USAGE,
    options: { to: folder, from: folder, keep: { type: 'string', value: '个数' }, 'dry-run': { type: 'boolean' }, rollback: { type: 'boolean' }, strict: { type: 'boolean' } },
    positionals: false,
  });
  if (!cli) return undefined;
  const v = cli.values;
  for (const [name, value] of [['--to', v.to], ['--from', v.from]] as const) {
    if (value === '') throw usageError(`选项 ${name} 后面要写文件夹。`, USAGE);
  }
  if (v.keep !== undefined && (!/^\d+$/.test(v.keep) || Number(v.keep) < 1)) throw usageError(`--keep 要写 1 或更大的整数，现在是“${v.keep}”。`, USAGE);
  return { to: v.to, from: v.from ?? 'dist', keep: v.keep === undefined ? 5 : Number(v.keep), dryRun: v['dry-run'] ?? false, rollback: v.rollback ?? false, strict: v.strict ?? false };
}

async function main(argv: string[]): Promise<number> {
  const args = publishArgs(argv);
  if (!args) return 0;
  if (!args.to) throw new OperatorError(`请用 --to 指定发布文件夹。\n${USAGE}`);
  const to = path.resolve(args.to);
  // Never created here: a mistyped path or an unmounted share would otherwise become a local folder nobody serves.
  if (!isDir(to)) throw missingFolder(to, '发布文件夹');
  if (!args.dryRun) {
    try {
      probeWritable(to);
    } catch (e) {
      throw fsProblem(e, { doing: '写入发布文件夹', where: to, safe: SAFE });
    }
  }

  if (args.rollback) return doRollback(to, args.dryRun);
  const now = buildClock();

  const from = path.resolve(PROJECT_ROOT, args.from);
  if (inside(from, to) || inside(to, from)) {
    throw new OperatorError(`发布文件夹“${shown(to)}”和构建结果“${shown(from)}”不能互相包含（下次构建会整个替换构建结果）。请发布到构建结果以外的文件夹。`);
  }
  const project = acquireLock(projectLockFile(PROJECT_ROOT), args.dryRun ? '发布试运行' : '发布');
  try {
    // A build killed while it replaced dist/ is repaired first, as the next build would.
    try {
      recoverSwap(from);
    } catch (e) {
      throw fsProblem(e, { doing: '恢复上次被中断的构建结果', where: from, safe: SAFE });
    }
    const checked = runCheck(args.strict);
    if (checked !== 0) return checked;
    requireCompleteBuild(from);
    if (args.dryRun) return dryRun(from, to);
    const target = acquireLock(path.join(to, TARGET_LOCK), '发布');
    try {
      return await doPublish(from, to, args.keep, now);
    } finally {
      target.release();
    }
  } finally {
    project.release();
  }
}

/** The same checks as `npm run check`, as its own process; its output is shown as it is. */
function runCheck(strict: boolean): number {
  const res = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'check.ts'), ...(strict ? ['--strict'] : [])], {
    cwd: PROJECT_ROOT,
    env: process.env,
    stdio: 'inherit',
  });
  if (res.status === 0) return 0;
  if (res.status === 1) {
    console.error(`✖ 报告有错误（见上面），没有发布。${SAFE}请改正后重新运行 npm run build，再发布。`);
    return 1;
  }
  if (res.status === 2) {
    console.error(`✖ 设置、指标目录或机构名录有误（见上面），没有发布。${SAFE}请改正后重新运行 npm run build，再发布。`);
    return 2;
  }
  console.error(`✖ 报告校验没有正常结束，没有发布。${SAFE}请单独运行 npm run check 查看原因。`);
  return 2;
}

function requireCompleteBuild(from: string): void {
  const missing = isDir(from) ? missingOutputs(from) : ['整个文件夹'];
  const stamp = missing.length === 0 ? readStamp(from) : undefined;
  if (missing.length > 0 || !stamp) {
    const what = missing.length > 0 ? `缺少${missing.join('、')}` : `缺少构建记录 ${STAMP_FILE}（不是用 npm run build 构建的）`;
    throw new OperatorError(`“${shown(from)}”不是完整的构建结果：${what}。没有发布，${SAFE}请先运行 npm run build，成功后再发布。`);
  }
  if (stamp.sourceHash !== sourceFingerprint(contentDirFromEnv())) {
    throw new OperatorError(
      `“${shown(from)}”不是用现在的报告构建的（构建之后报告或设置改过，或构建时用的是另一个内容文件夹 SHOWCASE_CONTENT）。没有发布，${SAFE}请重新运行 npm run build，再发布。`,
    );
  }
}

/**
 * The clock releases are named by: the build's (SHOWCASE_NOW when set), so a release of a site built "as of"
 * a day carries that day, and the machine's clock otherwise.
 */
function buildClock(): () => Date {
  try {
    nowFromEnv();
  } catch (e) {
    if (e instanceof NowError) throw new OperatorError(`${e.message}没有发布，${SAFE}`);
    throw e;
  }
  return () => nowFromEnv();
}

async function doPublish(from: string, to: string, keep: number, now: () => Date): Promise<number> {
  let result;
  try {
    result = await publish({ from, to, keep, now });
  } catch (e) {
    if (e instanceof OperatorError) throw e;
    throw fsProblem(e, { doing: '发布网站', where: to, safe: SAFE });
  }
  const target = `“${shown(to)}”`;
  if (result.unchanged) {
    console.log(`网站与线上版本 ${result.id} 完全相同，不需要发布。`);
  } else {
    const mb = (result.bytes / 1024 / 1024).toFixed(1);
    console.log(`已发布到 ${target}：版本 ${result.id}（${result.files} 个文件，${mb} MB，复制用时 ${(result.copyMs / 1000).toFixed(1)} 秒，切换用时 ${result.switchMs.toFixed(1)} 毫秒）。`);
    console.log(result.previous ? `上一个版本是 ${result.previous}，如需撤回：npm run publish -- --to ${args(to)} --rollback` : '这是第一个发布的版本。');
    if (result.mode === 'pointer') {
      console.log(`注意：这个发布文件夹不支持符号链接，线上版本只记在 ${POINTER} 里，服务器要按它找到 releases/${result.id}/（见 README“发布”一节）。`);
    }
  }
  if (result.pruned.length > 0) console.log(`已删除较早的版本：${result.pruned.join('、')}（保留最近 ${keep} 个）。`);
  return 0;
}

function doRollback(to: string, dryRun: boolean): number {
  let lock: Lock | undefined;
  try {
    // Only the publish folder is locked: a rollback must not have to wait for a build of this project.
    if (!dryRun) lock = acquireLock(path.join(to, TARGET_LOCK), '回滚');
    let r;
    try {
      r = rollback(to, { dryRun });
    } catch (e) {
      if (e instanceof OperatorError) throw e;
      throw fsProblem(e, { doing: '切换线上版本', where: path.join(to, CURRENT), safe: SAFE });
    }
    for (const s of r.skipped) console.log(`跳过版本 ${s.id}：${s.problems[0]}。`);
    console.log(dryRun ? `试运行：回滚会把线上版本从 ${r.from} 切回 ${r.to}，这次没有做任何改动。` : `已回滚：线上版本从 ${r.from} 切回 ${r.to}。`);
    return 0;
  } finally {
    lock?.release();
  }
}

function dryRun(from: string, to: string): number {
  const p = plan(from, to);
  const { added, changed, removed } = p.diff;
  console.log(`试运行：不会改动“${shown(to)}”。`);
  if (p.current) {
    const published = readStamp(releaseDir(to, p.current))?.builtAt;
    console.log(`线上版本：${p.current}${published ? `（构建于 ${formatShanghai(new Date(published))}）` : ''}`);
  } else {
    console.log('线上版本：还没有发布过。');
  }
  if (added.length + changed.length + removed.length === 0) {
    console.log('要发布的网站与线上版本完全相同，发布不会有任何改动。');
    return 0;
  }
  console.log(`要发布的网站共 ${p.files} 个文件，与线上版本相比：新增 ${added.length} 个，修改 ${changed.length} 个，删除 ${removed.length} 个。`);
  for (const f of added) console.log(`  + ${f}`);
  for (const f of changed) console.log(`  ~ ${f}`);
  for (const f of removed) console.log(`  - ${f}`);
  return 0;
}

function inside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}


/** A path as the operator would type it again on the command line. */
function args(p: string): string {
  return /[\s"'$`\\]/.test(p) ? JSON.stringify(p) : p;
}

await runCommand('发布', () => main(process.argv.slice(2)));
