/**
 * Import quality on the labelled corpus (test/fixtures/import, both batches): precision and recall of figures
 * (money, percent, counts) and article splits stay at or above 0.95. Prints the table it measured.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contractOf, importFile } from '../../src/node/import/run.ts';
import { emptyReport, precision, qualityTable, recall, scoreFile, splitAccuracy, type ExpectedArticle } from '../../src/lib/import/quality.ts';
import { config } from './import-support.ts';

describe('import quality on the labelled corpus', { timeout: 120_000 }, () => {
  it('finds the figures and splits the articles as labelled', async () => {
    const report = emptyReport();
    for (const dir of ['test/fixtures/import', 'test/fixtures/import/heldout', 'test/fixtures/import/heldout2', 'test/fixtures/import/heldout3']) {
      for (const name of readdirSync(dir).sort()) {
        const expectedFile = path.join(dir, 'expected', `${name}.json`);
        if (!existsSync(expectedFile)) continue;
        const expected = (JSON.parse(readFileSync(expectedFile, 'utf8')) as { articles: ExpectedArticle[] }).articles;
        scoreFile(report, name, expected, contractOf(await importFile(path.join(dir, name), config)));
      }
    }
    console.log(qualityTable(report));
    expect(report.files).toBe(17);
    const detail = report.mistakes.join('\n');
    for (const c of [report.figures.money, report.figures.percent, report.figures.count]) {
      expect(precision(c), detail).toBeGreaterThanOrEqual(0.95);
      expect(recall(c), detail).toBeGreaterThanOrEqual(0.95);
    }
    expect(splitAccuracy(report), detail).toBeGreaterThanOrEqual(0.95);
    expect(report.othersLeaked, detail).toBe(0);
  });
});
