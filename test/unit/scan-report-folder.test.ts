/**
 * The one walk of a content folder the reports loader and `npm run check` share: which files are reports and
 * which publish at a URL an earlier one already has.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanReportFolder } from '../../src/node/check-content.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'showcase-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function files(...names: string[]): string {
  for (const n of names) {
    mkdirSync(path.dirname(path.join(dir, n)), { recursive: true });
    writeFileSync(path.join(dir, n), '');
  }
  return path.join(dir, 'reports');
}

describe('scanReportFolder', () => {
  it('finds report files at any depth, skipping names starting with . or _ and other files', () => {
    const reports = files('reports/a.md', 'reports/2025/b.mdx', 'reports/_drafts/c.md', 'reports/.git/d.md', 'reports/notes.txt');
    const scan = scanReportFolder(reports, dir);
    expect(scan.files.map((f) => path.relative(dir, f))).toEqual([path.join('reports', '2025', 'b.mdx'), path.join('reports', 'a.md')]);
    expect(scan.duplicates).toEqual([]);
  });

  it('gives the URL to the first file of a slug in folder order, and the others a problem naming both', () => {
    const reports = files('reports/2024/same.md', 'reports/2025/same.mdx');
    const scan = scanReportFolder(reports, dir);
    expect(scan.reports.filter((r) => r.slug === 'same').map((r) => path.relative(dir, r.abs))).toEqual([path.join('reports', '2024', 'same.md')]);
    expect(scan.duplicates.map((d) => [d.slug, d.problem.code, d.problem.file, d.problem.what])).toEqual([
      ['same', 'slug-duplicate', 'reports/2025/same.mdx', '“reports/2025/same.mdx”和“reports/2024/same.md”的文件名都是 same，网址都会是 reports/same/。'],
    ]);
  });
});
