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
import { contractOf, importFile } from '../src/node/import/run.ts';
import { emptyReport, precision, qualityTable, recall, scoreFile, splitAccuracy, type ExpectedArticle } from '../src/lib/import/quality.ts';

const root = path.resolve(import.meta.dirname, '..');
const corpus = path.join(root, 'test/fixtures/import');
const argv = process.argv.slice(2);
const minAt = argv.indexOf('--min');
const min = minAt >= 0 ? Number(argv[minAt + 1]) : undefined;

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
if (argv.includes('--verbose') && report.mistakes.length > 0) console.log(`\n不一致的地方：\n${report.mistakes.map((m) => `  ${m}`).join('\n')}`);
if (min !== undefined) {
  const scores = [precision(report.figures.money), recall(report.figures.money), precision(report.figures.percent), recall(report.figures.percent),
    precision(report.figures.count), recall(report.figures.count), splitAccuracy(report)];
  if (scores.some((s) => s < min)) {
    console.log(`\n有一项低于 ${min}。`);
    process.exitCode = 1;
  }
}
