/**
 * npm run import-quality [-- --min 0.95] [-- --verbose]
 * Imports every file of test/fixtures/import/ and compares the result with its hand-labelled expectations
 * (expected/<file>.json): precision and recall of the figures (money, percent, counts), article splits and
 * fields. Uses the frozen registry and catalog of test/fixtures/content. With --min, exits 1 when a
 * precision, recall or the split accuracy is below it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readContentConfig } from '../src/node/content-config.ts';
import { projectContentDir } from '../src/node/config.ts';
import { contractOf, importFile } from '../src/import/run.ts';
import { readArgsOrExit } from './lib/args.ts';
import { emptyReport, precision, qualityTable, recall, scoreFile, splitAccuracy, type ExpectedArticle } from '../tools/import-quality.ts';

const root = path.resolve(import.meta.dirname, '..');
const corpus = path.join(root, 'test/fixtures/import');
const USAGE = `用法：npm run import-quality -- [--min 0.95] [--verbose]
  --min 数值  有一项准确率、召回率或拆分准确率低于它时以 1 退出
  --verbose   列出与标注不一致的地方`;
const { values } = readArgsOrExit(process.argv.slice(2), {
  usage: USAGE,
  options: { min: { type: 'string', value: '数值' }, verbose: { type: 'boolean' } },
  positionals: false,
});
const min = values.min === undefined ? undefined : Number(values.min);
if (min !== undefined && !(min >= 0 && min <= 1)) {
  console.error(`✖ --min 要写 0 到 1 之间的数，写的是“${values.min}”\n${USAGE}`);
  process.exit(2);
}

const config = readContentConfig({ contentDir: path.join(root, 'test/fixtures/content'), projectContentDir: projectContentDir(root) });
// Each batch separately: a batch is labelled before its first run, so its first-run result (see the commit
// adding it) estimates how the import does on articles it has not seen.
const sets = [
  { name: '语料（两份样稿与仿写）', dir: corpus },
  { name: '第二批（首次运行后据此改进过规则）', dir: path.join(corpus, 'heldout') },
  { name: '第三批（首次运行后据此改进过规则）', dir: path.join(corpus, 'heldout2') },
  { name: '第四批', dir: path.join(corpus, 'heldout3') },
];
const report = emptyReport();
for (const set of sets) {
  const own = emptyReport();
  for (const name of readdirSync(set.dir).sort()) {
    const expectedFile = path.join(set.dir, 'expected', `${name}.json`);
    if (!existsSync(expectedFile)) continue;
    const expected = (JSON.parse(readFileSync(expectedFile, 'utf8')) as { articles: ExpectedArticle[] }).articles;
    const found = contractOf(await importFile(path.join(set.dir, name), config));
    scoreFile(own, name, expected, found);
    scoreFile(report, name, expected, found);
  }
  console.log(`${set.name}：${own.files} 个文件，标注 ${own.expectedArticles} 篇文章、${own.figures.all.tp + own.figures.all.fn} 个数字\n`);
  console.log(qualityTable(own) + '\n');
}
report.mistakes = [...new Set(report.mistakes)];
console.log(`合计：${report.files} 个文件\n`);
console.log(qualityTable(report));
if (values.verbose && report.mistakes.length > 0) console.log(`\n不一致的地方：\n${report.mistakes.map((m) => `  ${m}`).join('\n')}`);
if (min !== undefined) {
  const scores = [precision(report.figures.money), recall(report.figures.money), precision(report.figures.percent), recall(report.figures.percent),
    precision(report.figures.count), recall(report.figures.count), splitAccuracy(report)];
  if (scores.some((s) => s < min)) {
    console.log(`\n有一项低于 ${min}。`);
    process.exitCode = 1;
  }
}
