/**
 * Links in a report body that stay on the site are resolved once, from the report's own page, to an absolute
 * path under the base, so the body links right on the report page, in the casebooks and in print. A link to a
 * report that is a draft, embargoed or missing is an error of the linking report, in `npm run check` (also
 * when only that report is checked) as in the build.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeBody, REPORT_COMPONENTS } from '../../src/lib/body/index.ts';
import { siteHref, siteLinkTarget } from '../../src/lib/body/links.ts';
import { reportLinkProblems } from '../../src/lib/validate/report-links.ts';
import { showcaseMarkdownProcessor } from '../../src/markdown/processor.ts';
import { loadContent } from '../helpers/content.ts';

describe('siteHref: a body link as every page shows it', () => {
  const cases: [string, string | undefined][] = [
    ['../shili-2025q1/', '/showcase/reports/shili-2025q1/'],
    ['../shili-2025q1', '/showcase/reports/shili-2025q1/'],
    ['../shili-2025q1/index.html', '/showcase/reports/shili-2025q1/'],
    ['../shili-2025q1/#src-2', '/showcase/reports/shili-2025q1/#src-2'],
    ['..\\shili-2025q1\\', '/showcase/reports/shili-2025q1/'],
    ['/reports/shili-2025q1/', '/showcase/reports/shili-2025q1/'],
    ['../../themes/普惠金融/', `/showcase/themes/${encodeURIComponent('普惠金融')}/`],
    ['../../../../orgs/jiexiu/', '/showcase/orgs/jiexiu/'],
    ['../', '/showcase/reports/'],
    ['/', '/showcase/'],
    ['./x', '/showcase/reports/a/x'],
    ['?q=1', '/showcase/reports/a/?q=1'],
    ['#一党建引领', undefined],
    ['https://www.pbc.gov.cn/', undefined],
    ['//cdn.example.net/r', undefined],
    ['mailto:a@bank.local', undefined],
    ['', undefined],
  ];
  for (const [url, want] of cases) {
    it(`${url || '(empty)'} → ${want ?? 'as written'}`, () => {
      expect(siteHref(url, 'a', '/showcase/')).toBe(want);
    });
  }

  it('names the report a link leads to, and a path inside a report folder', () => {
    expect(siteLinkTarget('../b/', 'a')).toMatchObject({ report: 'b', path: 'reports/b/' });
    expect(siteLinkTarget('/reports/page/2/', 'a')).toEqual({ path: 'reports/page/2/', suffix: '' });
    expect(siteLinkTarget('./附件.pdf', 'a')).toMatchObject({ inReport: 'a' });
    expect(siteHref('../b/', 'a', '/')).toBe('/reports/b/');
  });
});

describe("the site's processor resolves the links it renders", () => {
  it('Markdown, raw HTML and reference links under the base; fragments, other hosts and mail as written', async () => {
    const renderer = await showcaseMarkdownProcessor({ base: '/showcase/' }).createRenderer({ syntaxHighlight: false });
    const body = ['见[上一期报告](../shili-2025q1/)和[汇编][c]。', '', '<a href="/reports/b/">乙</a> [注](#x) [人行](https://www.pbc.gov.cn/) [信](mailto:a@bank.local)', '', '[c]: ../../casebook/2025/'].join('\n');
    const { code } = await renderer.render(`\n${body}`, { fileURL: pathToFileURL('/content/reports/jiexiu-2025q1.md') });
    expect(code).toContain('href="/showcase/reports/shili-2025q1/"');
    expect(code).toContain('href="/showcase/casebook/2025/"');
    expect(code).toContain('href="/showcase/reports/b/"');
    expect(code).toContain('href="#x"');
    expect(code).toContain('href="https://www.pbc.gov.cn/"');
    expect(code).toContain('href="mailto:a@bank.local"');
    expect(code).not.toMatch(/href="\.\.?\//);
  });
});

describe('analyzeBody: links to reports', () => {
  const opts = { file: 'reports/a.md', bodyLine: 9, mdx: false, components: REPORT_COMPONENTS, slug: 'a' };

  it('notes the report a link leads to (not itself), and refuses a path inside a report folder', () => {
    const { links, problems } = analyzeBody('[乙](../b/) [自己](../a/) [外](https://x.example/)\n\n[附件](./附件.pdf)', opts);
    expect(links.map((l) => [l.url, l.report])).toEqual([['../b/', 'b'], ['../a/', undefined], ['https://x.example/', undefined], ['./附件.pdf', undefined]]);
    const p = problems.find((x) => x.code === 'body-link-report-path');
    expect(p).toMatchObject({ severity: 'error', file: 'reports/a.md', line: 11, column: 1, field: '正文' });
    expect(p!.what).toContain('附件.pdf');
  });
});

describe('reportLinkProblems', () => {
  const now = new Date('2025-06-30T12:00:00+08:00');
  const reports = new Map([
    ['pub', { file: 'reports/pub.md', draft: false, date: '2025-04-01' }],
    ['draft', { file: 'reports/draft.md', draft: true, date: '2025-04-01' }],
    ['later', { file: 'reports/later.md', draft: false, date: '2025-07-01' }],
    ['broken', null],
  ]);
  const link = (report: string, line: number) => ({ url: `../${report}/`, line, column: 3, report });

  it('a published report, and one with errors of its own, are fine; draft, embargoed and missing are errors at the link', () => {
    const problems = reportLinkProblems('reports/a.md', [link('pub', 10), link('broken', 11), link('draft', 12), link('later', 13), link('pubb', 14)], reports, now);
    expect(problems.map((p) => [p.code, p.severity, p.file, p.line, p.column])).toEqual([
      ['body-link-report-draft', 'error', 'reports/a.md', 12, 3],
      ['body-link-report-embargoed', 'error', 'reports/a.md', 13, 3],
      ['body-link-report-missing', 'error', 'reports/a.md', 14, 3],
    ]);
    expect(problems[0]!.what).toContain('draft: true');
    expect(problems[1]!.what).toContain('2025-07-01');
    expect(problems[2]!.fix).toContain('../pub/');
    for (const p of problems) expect(p.title).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('npm run check: links between reports', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'showcase-body-links-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const VALID = readFileSync(path.resolve('test/fixtures/valid/jiexiu-2025q1.md'), 'utf8');
  const reports = path.join(tmp, 'reports');
  mkdirSync(reports, { recursive: true });
  const write = (name: string, edit: (s: string) => string) => writeFileSync(path.join(reports, `${name}.md`), edit(VALID));
  write('jiexiu-draft', (s) => s.replace('date: 2025-04-22', 'date: 2025-04-22\ndraft: true'));
  write('jiexiu-later', (s) => s.replace('date: 2025-04-22', 'date: 2025-09-01'));
  write('jiexiu-2024q4', (s) => s.replace('党建赋能', '上一期').replace('date: 2025-04-22', 'date: 2025-04-10'));
  write('jiexiu-2025q1', (s) => `${s}\n详见[上一期](../jiexiu-2024q4/)、[草稿](../jiexiu-draft/)、[下一期](/reports/jiexiu-later/)和[别处](../jiexiu-2023/)。\n`);
  const line = VALID.split('\n').length + 1;
  const now = new Date('2025-06-30T12:00:00+08:00');

  it('reports each bad link at its file and line, whether all reports or only the linking one are checked', async () => {
    for (const paths of [undefined, [path.join(reports, 'jiexiu-2025q1.md')]]) {
      const r = await loadContent({ contentDir: tmp, now, ...(paths ? { paths } : {}) });
      const found = r.problems.filter((p) => p.code.startsWith('body-link-report')).map((p) => [p.code, p.file, p.line]);
      expect(found, paths ? 'one file' : 'all').toEqual([
        ['body-link-report-draft', 'reports/jiexiu-2025q1.md', line],
        ['body-link-report-embargoed', 'reports/jiexiu-2025q1.md', line],
        ['body-link-report-missing', 'reports/jiexiu-2025q1.md', line],
      ]);
    }
  });
});
