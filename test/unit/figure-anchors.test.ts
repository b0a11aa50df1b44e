/**
 * The targets of the source links, as the site's Markdown processor renders a report body: each figure's
 * sentence is an element with the figure's id (src-N), the figure in it a <mark>, the printed characters
 * untouched; ids of this form come from nowhere else.
 */
import { DomUtils, parseDocument } from 'htmlparser2';
// What Astro's renderMarkdown splits a loader's text with, before the plugins run (astro/dist/content/content-layer.js).
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { withBodyFigures } from '../../src/markdown/body-figures.ts';
import { mdxBodyFigures } from '../../src/markdown/mdx-figures.ts';
import { showcaseMarkdownProcessor } from '../../src/markdown/processor.ts';
import { readContentConfig } from '../../src/node/content-config.ts';
import { checkReportFile } from '../../src/node/report-file.ts';
import { catalog, checkReport, type MetricLine } from './support/figure-catalog.ts';

let n = 0;

/**
 * Checks the report and renders its body as the site does: with its figures in the frontmatter block the reports
 * loader hands to renderMarkdown, which Astro splits off (as here) and passes to the plugins.
 */
async function render(metrics: MetricLine[], body: string) {
  const { report, problems } = checkReport(metrics, body);
  expect(problems.filter((p) => p.severity === 'error'), 'the report passes the check').toEqual([]);
  const file = `/content/reports/anchors-${n++}.md`;
  const { frontmatter, content } = parseFrontmatter(withBodyFigures(body, { metrics: report!.metrics, baseUnits: catalog.baseUnits }));
  expect(content, 'the body comes back as written, after one newline').toBe(`\n${body}`);
  const renderer = await showcaseMarkdownProcessor().createRenderer({ syntaxHighlight: false });
  const { code, metadata } = await renderer.render(content, { frontmatter, fileURL: pathToFileURL(file) });
  expect(metadata.frontmatter, 'the figures are not kept with the rendered body').toEqual({});
  return { html: code, doc: parseDocument(code) };
}

type Doc = ReturnType<typeof parseDocument>;
const byId = (doc: Doc, id: string) => DomUtils.findAll((e) => e.attribs.id === id, doc.children);
const text = (e: Parameters<typeof DomUtils.textContent>[0]) => DomUtils.textContent(e);

/** The one target of an id: its text, its marks' text, and its attributes. */
function target(doc: Doc, id: string) {
  const found = byId(doc, id);
  expect(found, `one element with id ${id}`).toHaveLength(1);
  const el = found[0]!;
  const marks = DomUtils.findAll((e) => e.name === 'mark' && e.attribs.class === 'figure-mark', el.children).map(text);
  return { tag: el.name, class: el.attribs.class, tabindex: el.attribs.tabindex, text: text(el), marks };
}

describe('source targets in a rendered body', () => {
  it('the sentence is a focusable span with the id, the figure a mark', async () => {
    const { doc } = await render([[null, '120余名', { label: '参加反诈课堂的学生' }]], '今年以来走进校园。3月，反诈课堂上120余名学生认真听讲。课后合影。');
    expect(target(doc, 'src-1')).toEqual({ tag: 'span', class: 'figure-source', tabindex: '-1', text: '3月，反诈课堂上120余名学生认真听讲。', marks: ['120余名'] });
    // The paragraph's text is the article's, character for character.
    expect(text(DomUtils.findOne((e) => e.name === 'p', doc.children)!)).toBe('今年以来走进校园。3月，反诈课堂上120余名学生认真听讲。课后合影。');
  });

  it('a figure inside bold: the bold is kept, divided where the sentence ends inside it', async () => {
    const { doc, html } = await render(
      [['deposit_balance', '216.66亿元']],
      '开头一句。截至3月末，该行**各项存款余额216.66亿元。贷款**稳步增长。',
    );
    expect(target(doc, 'src-1')).toMatchObject({ text: '截至3月末，该行各项存款余额216.66亿元。', marks: ['216.66亿元'] });
    expect(html).toContain('<strong>各项存款余额<mark class="figure-mark">216.66亿元</mark>。</strong></span><strong>贷款</strong>');
  });

  it('a figure broken over two source lines is marked whole', async () => {
    const { doc } = await render([['loan_increase', '7.73亿元']], '截至3月末，贷款较年初增加7.73亿\n元，增速较快。');
    const t = target(doc, 'src-1');
    expect(t.marks.map((m) => m.replace(/\s+/g, ''))).toEqual(['7.73亿元']);
    expect(t.text.replace(/\s+/g, '')).toBe('截至3月末，贷款较年初增加7.73亿元，增速较快。');
  });

  it('full-width digits are marked as printed', async () => {
    const { doc } = await render([['deposit_balance', '216.66亿元']], '各项存款余额２１６.６６亿元。');
    expect(target(doc, 'src-1').marks).toEqual(['２１６.６６亿元']);
  });

  it('two figures in one sentence: both ids on that sentence (nested), each figure marked', async () => {
    const { doc } = await render([['deposit_balance', '216.66亿元'], ['deposit_increase', '12.64亿元']], '各项存款余额216.66亿元，较年初增加12.64亿元。');
    const one = target(doc, 'src-1');
    const two = target(doc, 'src-2');
    expect(one.text).toBe('各项存款余额216.66亿元，较年初增加12.64亿元。');
    expect(two.text).toBe(one.text);
    expect(one.marks).toEqual(['216.66亿元', '12.64亿元']);
  });

  it('a figure printed twice links to its first printing, as the check decides', async () => {
    const { doc } = await render([[null, '5000户', { label: '走访农户' }]], '一季度走访5000户。\n\n二季度又走访5000户。');
    expect(target(doc, 'src-1').text).toBe('一季度走访5000户。');
    expect(DomUtils.findAll((e) => e.name === 'mark', doc.children)).toHaveLength(1);
  });

  it('a sentence in a table cell stays in its cell; a footnote reference inside a sentence stays a link', async () => {
    const { doc } = await render(
      [['deposit_balance', '216.66亿元'], ['people_trained', '300人']],
      '| 指标 | 数值 |\n|---|---|\n| 存款余额 | 216.66亿元 |\n\n培训员工300人[^1]，效果良好。\n\n[^1]: 统计口径。',
    );
    expect(target(doc, 'src-1')).toMatchObject({ text: '216.66亿元', marks: ['216.66亿元'] });
    expect(byId(doc, 'src-1')[0]!.parent).toMatchObject({ name: 'td' });
    const two = byId(doc, 'src-2')[0]!;
    expect(DomUtils.findOne((e) => e.name === 'a' && 'data-footnote-ref' in e.attribs, [two])).not.toBeNull();
  });

  it('a derived figure gets no target in the body (its note is the target)', async () => {
    const { html } = await render(
      [['deposit_balance', '216.66亿元'], [null, '204.02亿元', { label: '年初存款余额', derived: true, note: '余额减去较年初增加' }]],
      '各项存款余额216.66亿元。',
    );
    expect(html).toContain('id="src-1"');
    expect(html).not.toMatch(/id="(src|note)-2"/);
  });

  it('an author cannot forge a target: raw ids are prefixed, headings named like one are too', async () => {
    const { doc, html } = await render(
      [['deposit_balance', '216.66亿元']],
      '<p id="src-1">假的出处。</p>\n\n## src-1\n\n## src\n\n## src\n\n<mark class="figure-mark">假的标记</mark>，存款余额216.66亿元。',
    );
    expect(target(doc, 'src-1').text).toBe('假的标记，存款余额216.66亿元。');
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids.filter((id) => /^(src|note)-\d+$/.test(id))).toEqual(['src-1']);
    expect(ids).toContain('user-content-src-1');
    expect(new Set(ids).size, 'ids are unique').toBe(ids.length);
    // The author's <mark> keeps no class: only the figure is a figure mark.
    expect(DomUtils.findAll((e) => e.attribs.class === 'figure-mark', doc.children).map(text)).toEqual(['216.66亿元']);
  });
});

describe('source targets in an MDX body', () => {
  it('a figure a <Figure> prints is marked by wrapping the component', async () => {
    const body = '截至3月末，存款余额<Figure metric="deposit_balance" />，较年初增加12.64亿元。';
    // The figures as the check resolves them (the .md twin prints what the component prints).
    const { report, problems } = checkReport([['deposit_balance', '216.66亿元'], ['deposit_increase', '12.64亿元']], '存款余额216.66亿元，较年初增加12.64亿元。');
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    const figures = { metrics: report!.metrics, baseUnits: catalog.baseUnits };
    const mdxFigures = (file: { path?: string }) => (file.path === '/content/reports/anchors-mdx.mdx' ? figures : undefined);
    const renderer = await showcaseMarkdownProcessor({ mdxFigures }).createMdxRenderer!({ syntaxHighlight: false }, { optimize: false });
    const { code } = await renderer.process(body, '/content/reports/anchors-mdx.mdx', {});
    expect(code).toMatch(/_jsx\(_components\.mark, \{\s*class: "figure-mark",\s*children: _jsx\(Figure, \{\s*metric: "deposit_balance"\s*\}\)\s*\}\)/);
    expect(code).toMatch(/id: "src-1"/);
    expect(code).toMatch(/id: "src-2"/);
  });
  it("an .mdx report's figures come from its file, checked as the reports loader checks it", async () => {
    const contentDir = path.resolve('test/fixtures/content');
    const abs = path.join(contentDir, 'reports/yanshi-2025h1-mdx.mdx');
    const figuresOf = mdxBodyFigures({ contentDir, projectContentDir: contentDir });
    const checked = await checkReportFile(abs, { ...readContentConfig({ contentDir, projectContentDir: contentDir }), now: new Date('2026-01-01'), missingGlyphs: () => [] });
    expect(checked.report, 'the fixture passes the check').toBeDefined();
    expect(figuresOf(new VFile({ path: abs }))?.metrics).toEqual(checked.report!.metrics);
    // Not a report: an .mdx file outside the reports folder.
    expect(figuresOf(new VFile({ path: path.join(contentDir, 'yanshi-2025h1-mdx.mdx') }))).toBeUndefined();
    // As @astrojs/mdx compiles the file: its frontmatter blanked, the author's data in the vfile.
    const { frontmatter, content } = parseFrontmatter(readFileSync(abs, 'utf8'), { frontmatter: 'empty-with-spaces' });
    const renderer = await showcaseMarkdownProcessor({ mdxFigures: figuresOf }).createMdxRenderer!({ syntaxHighlight: false }, { optimize: false });
    const { code } = await renderer.process(content, abs, frontmatter);
    for (const id of ['src-1', 'src-2', 'src-3']) expect(code).toContain(`id: "${id}"`);
  });
});
