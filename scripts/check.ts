/**
 * npm run check [-- [--strict] [--fix-encoding] [<folder-or-file>…]]
 * Validates every report (frontmatter, figures, relations, presence in the text) without building the site.
 * Exit codes: 0 no errors · 1 content errors (or warnings with --strict) · 2 settings/catalog unreadable or bad usage.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkContent, type CheckResult } from '../src/node/check-content.ts';
import { contentDirFromEnv, nowFromEnv, NowError, projectContentDir } from '../src/node/config.ts';
import { ContentConfigError } from '../src/node/content-config.ts';
import { toUtf8 } from '../src/node/decode.ts';
import { escalate, formatProblem, sortProblems, summarize } from '../src/lib/problems.ts';
import { runCommand } from '../src/errors/operator.ts';
import { readArgs } from './lib/args.ts';

const USAGE = `用法：npm run check -- [--strict] [--fix-encoding] [报告文件或文件夹…]
  --strict        把提醒也当作错误（发布前用）
  --fix-encoding  把 GBK/GB18030、UTF-16 或带 BOM 的报告转存为 UTF-8
  不写路径时检查内容文件夹（环境变量 SHOWCASE_CONTENT，默认 content/）下的全部报告。`;

async function main(argv: string[]): Promise<number> {
  const args = readArgs(argv, { usage: USAGE, options: { strict: { type: 'boolean' }, 'fix-encoding': { type: 'boolean' } } });
  if (!args) return 0;
  const paths = args.positionals;
  const started = performance.now();
  let result: CheckResult;
  try {
    result = await checkContent({ contentDir: contentDirFromEnv(), projectContentDir: projectContentDir(), paths, now: nowFromEnv() });
  } catch (e) {
    if (e instanceof ContentConfigError) {
      for (const p of e.problems) console.error(formatProblem(p) + '\n');
      console.error('设置、指标目录或机构名录有误，无法检查报告。');
      return 2;
    }
    if (e instanceof NowError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
  if (args.values['fix-encoding']) {
    let fixed = 0;
    for (const p of result.problems.filter((x) => x.code.startsWith('encoding-'))) {
      const abs = path.isAbsolute(p.file) ? p.file : [path.join(result.config.contentDir, p.file), path.resolve(p.file)].find((f) => { try { readFileSync(f); return true; } catch { return false; } });
      if (!abs) continue;
      const text = toUtf8(readFileSync(abs));
      if (text === undefined) continue;
      writeFileSync(abs, text, 'utf8');
      console.log(`已转为 UTF-8：${p.file}`);
      fixed++;
    }
    if (fixed > 0) return main(argv.filter((a) => a !== '--fix-encoding'));
  }
  const problems = sortProblems(args.values.strict ? escalate(result.problems) : result.problems);
  for (const p of problems) console.error(formatProblem(p) + '\n');
  const ms = Math.round(performance.now() - started);
  const published = result.model.reports.filter((r) => r.published).length;
  const line = `${summarize(problems, result.files.length)}（可发布 ${published} 份，用时 ${ms} 毫秒）`;
  const failed = problems.some((p) => p.severity === 'error');
  (failed ? console.error : console.log)(line);
  return failed ? 1 : 0;
}

await runCommand('检查', () => main(process.argv.slice(2)));
