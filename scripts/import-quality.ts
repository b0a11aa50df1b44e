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
const report = emptyReport();
for (const name of readdirSync(corpus).sort()) {
  const expectedFile = path.join(corpus, 'expected', `${name}.json`);
  if (!existsSync(expectedFile)) continue;
  const expected = (JSON.parse(readFileSync(expectedFile, 'utf8')) as { articles: ExpectedArticle[] }).articles;
  const imported = await importFile(path.join(corpus, name), config);
  scoreFile(report, name, expected, contractOf(imported));
}
console.log(`导入质量（${report.files} 个文件，标注 ${report.expectedArticles} 篇文章、${report.figures.all.tp + report.figures.all.fn} 个数字）\n`);
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
