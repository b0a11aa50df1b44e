/**
 * npm run import -- [--json] <file>… | -
 * Imports Word files (.docx), text files (UTF-8, GBK/GB18030, UTF-16) and Markdown into draft reports under
 * content/reports/ (SHOWCASE_CONTENT to import elsewhere), one per article found, and prints a summary per
 * file. With --json nothing is written: the articles found are printed as JSON, and nothing else, on stdout.
 * Exit codes: 0 done · 1 a file had no article · 2 bad usage, an unreadable file or broken data files.
 */
import { contentDirFromEnv, projectContentDir } from '../src/node/config.ts';
import { orExplainConfigProblems, readContentConfig } from '../src/node/content-config.ts';
import { contractOf, importFile, writeDrafts, type ImportedFile } from '../src/import/run.ts';
import { SourceError } from '../src/import/read.ts';
import { fileSummary } from '../src/lib/import/report.ts';
import { runCommand } from '../src/errors/operator.ts';
import { readArgs, usageError } from './lib/args.ts';
import type { ContractArticle } from '../src/lib/import/report.ts';

/** The review screen of `npm run dev` (it serves on 127.0.0.1:4321 under the site's base). */
const reviewAddress = (base: string) => `http://127.0.0.1:4321${base}_review/`;

const USAGE = `用法：npm run import -- [--json] 文件…
  文件可以是 Word（.docx）、文本（.txt，UTF-8、GBK 或 UTF-16 均可）或 Markdown（.md）；写 - 从标准输入读取。
  每篇文章写成 content/reports/ 下的一份草稿（draft: true），已有的文件不会被覆盖。
  --json  不写文件，只在标准输出打印找到的文章（JSON）。`;

async function main(argv: string[]): Promise<number> {
  const args = readArgs(argv, { usage: USAGE, options: { json: { type: 'boolean' } } });
  if (!args) return 0;
  const json = args.values.json ?? false;
  const files = args.positionals;
  if (files.length === 0) throw usageError('没有写要导入的文件。', USAGE);
  const config = orExplainConfigProblems(
    () => readContentConfig({ contentDir: contentDirFromEnv(), projectContentDir: projectContentDir() }),
    '设置、指标目录或机构名录有误，无法导入。',
  );
  if (!config) return 2;
  const all: ContractArticle[] = [];
  const taken = new Set<string>();
  let code = 0;
  const written: string[] = [];
  for (const file of files) {
    let imported: ImportedFile;
    try {
      imported = await importFile(file, config);
    } catch (e) {
      if (e instanceof SourceError) {
        console.error(`✖ ${e.message}`);
        code = 2;
        continue;
      }
      throw e;
    }
    if (imported.articles.length === 0) code = Math.max(code, 1);
    if (json) {
      all.push(...contractOf(imported));
      continue;
    }
    const drafts = writeDrafts(imported, config, taken);
    const files = drafts.flatMap((d) => (d.file === null ? [] : [d.file]));
    written.push(...files);
    const check = files.length > 0 ? `npm run check -- ${files.join(' ')}` : 'npm run check';
    console.log(fileSummary(imported.source.name, imported.source.encoding, drafts, { review: reviewAddress(config.site.base), check }) + '\n');
  }
  if (json) process.stdout.write(JSON.stringify({ articles: all }, null, 2) + '\n');
  else if (written.length > 0) console.log(`共写出 ${written.length} 份草稿。审阅：npm run dev 后打开 ${reviewAddress(config.site.base)}；预览一篇：http://127.0.0.1:4321${config.site.base}reports/<文件名>/`);
  return code;
}

await runCommand('导入', () => main(process.argv.slice(2)));
