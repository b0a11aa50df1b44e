/**
 * Import quality on the labelled corpus (test/fixtures/import and its later batches): precision and recall of
 * figures (money, percent, counts) and article splits stay at or above 0.95, over all and in each batch, so a
 * regression on one kind of article is not hidden by the others. Prints the table it measured.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contractOf, importFile } from '../../src/import/run.ts';
import { emptyReport, precision, qualityTable, recall, scoreFile, splitAccuracy, type Counts, type ExpectedArticle, type QualityReport } from '../../tools/import-quality.ts';
import { config } from './import-support.ts';

const batches = ['test/fixtures/import', 'test/fixtures/import/heldout', 'test/fixtures/import/heldout2', 'test/fixtures/import/heldout3'];

function holds(report: QualityReport, where: string): void {
  const detail = `${where}\n${report.mistakes.join('\n')}`;
  for (const c of [report.figures.money, report.figures.percent, report.figures.count] as Counts[]) {
    if (c.tp + c.fn + c.fp < 5) continue;
    expect(precision(c), detail).toBeGreaterThanOrEqual(0.95);
    expect(recall(c), detail).toBeGreaterThanOrEqual(0.95);
  }
  expect(splitAccuracy(report), detail).toBeGreaterThanOrEqual(0.95);
  expect(report.othersLeaked, detail).toBe(0);
}

describe('import quality on the labelled corpus', { timeout: 120_000 }, () => {
  it('finds the figures and splits the articles as labelled', async () => {
    const all = emptyReport();
    for (const dir of batches) {
      const own = emptyReport();
      for (const name of readdirSync(dir).sort()) {
        const expectedFile = path.join(dir, 'expected', `${name}.json`);
        if (!existsSync(expectedFile)) continue;
        const expected = (JSON.parse(readFileSync(expectedFile, 'utf8')) as { articles: ExpectedArticle[] }).articles;
        const found = contractOf(await importFile(path.join(dir, name), config));
        scoreFile(own, name, expected, found);
        scoreFile(all, name, expected, found);
      }
      expect(own.files).toBeGreaterThan(0);
      holds(own, dir);
    }
    console.log(qualityTable(all));
    expect(all.files).toBe(17);
    holds(all, '全部');
  });
});
