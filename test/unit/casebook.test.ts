/**
 * Which booklets the casebooks publish and what each holds (src/lib/casebook.ts): every year with published
 * reports and each theme with reports that year, reports oldest first, the contents by month.
 */
import { describe, expect, it } from 'vitest';
import { bookOrder, casebooks, casebookTitle, casebookYears, sectionId, tocByMonth } from '../../src/lib/casebook.ts';
import type { Report } from '../../src/lib/model.ts';
import { buildSiteIndex } from '../../src/lib/site-index.ts';
import { routes, withBase } from '../../src/lib/urls.ts';

function report(slug: string, date: string, themes: string[]): Report {
  return { slug, date, year: Number(date.slice(0, 4)), themes, org: { id: 'o', name: '机构', region: { province: '省' } } } as unknown as Report;
}

// As the site lists them: newest first, then by file name.
const published = [
  report('c', '2025-07-01', ['普惠金融']),
  report('b', '2025-03-05', ['党建引领', '普惠金融']),
  report('a', '2025-03-05', ['党建引领']),
  report('d', '2025-01-20', ['反诈宣传']),
  report('e', '2024-12-31', ['党建引领']),
];
const THEMES = ['党建引领', '普惠金融', '乡村振兴', '反诈宣传'];

describe('casebooks', () => {
  const books = casebooks(buildSiteIndex(published).byYear, THEMES);

  it('a booklet per year (newest year first), then one per theme with reports that year, in the order of site.yaml', () => {
    expect(books.map((b) => `${b.year}${b.theme ? `/${b.theme}` : ''}`)).toEqual(['2025', '2025/党建引领', '2025/普惠金融', '2025/反诈宣传', '2024', '2024/党建引领']);
  });

  it('reports oldest first, the same day by file name; a theme booklet holds that theme only', () => {
    expect(books[0]!.reports.map((r) => r.slug)).toEqual(['d', 'a', 'b', 'c']);
    expect(books.find((b) => b.year === 2025 && b.theme === '普惠金融')!.reports.map((r) => r.slug)).toEqual(['b', 'c']);
    expect(bookOrder(published).map((r) => r.slug)).toEqual(['e', 'd', 'a', 'b', 'c']);
  });

  it('no booklet for a year or theme without reports', () => {
    expect(books.some((b) => b.theme === '乡村振兴')).toBe(false);
    expect(casebooks(new Map(), THEMES)).toEqual([]);
  });

  it('the index: years with their counts and themes', () => {
    expect(casebookYears(books)).toEqual([
      { year: 2025, count: 4, themes: [{ name: '党建引领', count: 2 }, { name: '普惠金融', count: 2 }, { name: '反诈宣传', count: 1 }] },
      { year: 2024, count: 1, themes: [{ name: '党建引领', count: 1 }] },
    ]);
  });

  it('contents by month, in the booklet order', () => {
    expect(tocByMonth(books[0]!.reports).map((m) => [m.label, m.reports.map((r) => r.slug)])).toEqual([
      ['1月', ['d']],
      ['3月', ['a', 'b']],
      ['7月', ['c']],
    ]);
  });

  it('titles, anchors and addresses under the base', () => {
    expect(casebookTitle({ year: 2025 })).toBe('2025 年度案例汇编');
    expect(casebookTitle({ year: 2025, theme: '普惠金融' })).toBe('2025 年度案例汇编·普惠金融');
    expect(sectionId('jiexiu-2025q1')).toBe('report-jiexiu-2025q1');
    expect(withBase('/showcase/', routes.casebooks())).toBe('/showcase/casebook/');
    expect(withBase('/showcase/', routes.casebook(2025))).toBe('/showcase/casebook/2025/');
    expect(withBase('/showcase/', routes.casebook(2025, '普惠金融'))).toBe('/showcase/casebook/2025/普惠金融/');
  });
});
