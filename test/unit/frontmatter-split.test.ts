/**
 * Where a report's frontmatter ends and its body begins, as gray-matter finds it: a BOM and Windows line endings
 * change nothing, the Document's lines are the file's lines, a closing line with more than --- is named, and
 * gray-matter neither caches the inputs nor spends more than seconds on a file of blank lines.
 */
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { parseReportSource, type ParseOutcome } from '../../src/lib/frontmatter.ts';

const REPORT = ['---', 'title: 标题', 'org: 介休农商银行', 'metrics:', '  - text: 216.66亿元 # 存款', '    asOf: 2025-03-31', '---', '', '正文第一段。', ''].join('\n');

function source(outcome: ParseOutcome) {
  if (!outcome.ok) throw new Error(outcome.problems.map((p) => `${p.code} ${p.line}: ${p.what}`).join('\n'));
  return outcome.source;
}

function problems(outcome: ParseOutcome) {
  return outcome.ok ? [] : outcome.problems.map((p) => [p.code, p.line]);
}

describe('splitting a report', () => {
  it('a BOM and Windows line endings change neither the data, nor the body lines, nor any position', () => {
    const plain = source(parseReportSource(REPORT, 'a.md'));
    for (const text of [`\uFEFF${REPORT}`, REPORT.replace(/\n/g, '\r\n'), `\uFEFF${REPORT.replace(/\n/g, '\r\n')}`]) {
      const s = source(parseReportSource(text, 'a.md'));
      // The last value of the block is where a CRLF file's "\r" would stay behind.
      expect(s.data).toEqual(plain.data);
      expect(s.bodyLine).toBe(plain.bodyLine);
      expect(s.body.split(/\r?\n/)).toEqual(plain.body.split('\n'));
      for (const path of [['title'], ['metrics', 0, 'text'], ['metrics', 0, 'asOf']]) expect(s.locate(path)).toEqual(plain.locate(path));
    }
  });

  it('lines and columns are the file’s, and a comment after a value is not part of it', () => {
    const s = source(parseReportSource(REPORT, 'a.md'));
    expect(s.locate(['org'])).toEqual({ line: 3, column: 6 });
    expect(s.locate(['metrics', 0, 'asOf'], { key: true })).toEqual({ line: 6, column: 5 });
    expect(s.sourceOf(['metrics', 0, 'text'])).toBe('216.66亿元');
    expect(s.bodyLine).toBe(8);
  });

  it('the YAML\'s place in the text as given, for edits in place: a BOM counted, a body that opens with --- not taken for the end', () => {
    for (const text of [REPORT, `\uFEFF${REPORT.replace(/\n/g, '\r\n')}`, REPORT.replace('\n\n正文', '\n---\n正文')]) {
      const { start, end } = source(parseReportSource(text, 'a.md')).yamlSpan;
      const opening = text.indexOf('\n') + 1;
      expect(start).toBe(opening);
      expect(text.slice(start, end).replace(/\r/g, '')).toBe(`${REPORT.split('\n').slice(1, 6).join('\n')}\n`);
      expect(text.slice(end)).toMatch(/^---\r?\n/);
    }
  });

  it('spaces after either --- are allowed and leave the body as it is', () => {
    const s = source(parseReportSource(REPORT.replace(/^---\n/, '---  \n').replace('\n---\n', '\n--- \t\n'), 'a.md'));
    expect(s.body).toBe(source(parseReportSource(REPORT, 'a.md')).body);
    expect(s.bodyLine).toBe(8);
  });

  it('a line inside the block that starts with --- ends it: the problem names that line instead of missing fields', () => {
    for (const line of ['----', '---以下是数字']) {
      const outcome = parseReportSource(REPORT.replace('metrics:', `${line}\nmetrics:`), 'a.md');
      expect(problems(outcome)).toEqual([['frontmatter-close-line', 4]]);
      if (!outcome.ok) expect(outcome.problems[0]!.what).toContain(`“${line}”`);
    }
  });

  it('a word after the opening --- is no frontmatter (gray-matter would look for an engine of that name)', () => {
    expect(problems(parseReportSource(REPORT.replace(/^---/, '---json'), 'a.md'))).toEqual([['frontmatter-missing', 1]]);
    expect(problems(parseReportSource(REPORT.replace(/^---/, '----'), 'a.md'))).toEqual([['frontmatter-missing', 1]]);
  });

  it('an empty block, one of comments only, and a closing line right after the opening one', () => {
    expect(problems(parseReportSource('---\n---\n正文', 'a.md'))).toEqual([['frontmatter-missing', 1]]);
    expect(problems(parseReportSource('---\n  \n---\n正文', 'a.md'))).toEqual([['frontmatter-missing', 1]]);
    expect(problems(parseReportSource('---\n# 说明\n#\n---\n正文', 'a.md'))).toEqual([['frontmatter-empty', 2]]);
  });

  it('gray-matter keeps none of the texts in its cache', () => {
    // matter.cache is not in gray-matter's types: it holds, for the life of the process, every text parsed without options.
    const cached = () => Object.keys((matter as unknown as { cache: Record<string, unknown> }).cache).length;
    const before = cached();
    parseReportSource(`${REPORT}${'正文。'.repeat(10_000)}`, 'a.md');
    expect(cached()).toBe(before);
  });

  it('a file of blank lines without a closing line is refused within seconds', { timeout: 60_000 }, () => {
    // gray-matter's test for a block of only comments takes time growing with the square of a run of blank
    // lines: on the whole of this file it would take minutes.
    const t0 = performance.now();
    expect(problems(parseReportSource(`---\n${'\n'.repeat(300_000)}`, 'a.md'))).toEqual([['frontmatter-too-large', 1]]);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});
