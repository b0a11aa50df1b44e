import { describe, expect, it } from 'vitest';
import { containsPhrase, excerptHtml, indexTokens, normalizeForSearch, queryTokens, searchablePhrase } from '../../src/search/text.ts';
import { plainText } from '../../src/search/docs.ts';

describe('normalisation', () => {
  it('joins PDF-spaced Chinese, folds full-width and case', () => {
    expect(normalizeForSearch('该 行 党 委')).toBe('该行党委');
    expect(normalizeForSearch('ＥＴＣ 高速')).toBe('etc高速');
    expect(normalizeForSearch('存款\n余额')).toBe('存款余额');
    expect(normalizeForSearch('credit  card')).toBe('credit card');
  });
});

describe('tokens', () => {
  it('a phrase’s pairs are all among the tokens of any text containing it', () => {
    const text = '该行持续加大不良贷款清收力度';
    const idx = new Set(indexTokens(text));
    for (const t of queryTokens('不良贷款')) expect(idx.has(t)).toBe(true);
    expect(queryTokens('不良贷款')).toHaveLength(3);
  });

  it('a text without the phrase lacks at least one of its pairs', () => {
    const idx = new Set(indexTokens('不良率下降，贷款增加'));
    expect(queryTokens('不良贷款').every((t) => idx.has(t))).toBe(false);
  });

  it('a single character queries its own token; Latin words stay words', () => {
    expect(queryTokens('户')).toHaveLength(1);
    expect(queryTokens('ETC 2025')).toEqual(['etc', '2025']);
  });

  it('tokens have a fixed width so prefix matching cannot widen them', () => {
    const widths = new Set(indexTokens('乡村振兴').map((t) => t.length));
    expect([...widths].sort()).toEqual([5, 9]);
  });
});

describe('matching and excerpts', () => {
  it('confirms by substring in normalised text', () => {
    expect(containsPhrase('存款 余额稳步增长', '存款余额')).toBe(true);
    expect(containsPhrase('存款增长，余额稳定', '存款余额')).toBe(false);
    expect(containsPhrase('任何文字', '  ')).toBe(false);
    expect(searchablePhrase('“新能源”')).toBe('新能源');
  });

  it('highlights the phrase in the real text and escapes HTML', () => {
    const html = excerptHtml('前文<b>。该行不良 贷款清收成效明显，后文很长很长', '不良贷款', 6)!;
    expect(html).toContain('<mark>不良 贷款</mark>');
    expect(html).toContain('&lt;b&gt;');
    expect(html.startsWith('…')).toBe(true);
    expect(excerptHtml('没有这个词', '不良贷款')).toBeUndefined();
  });

  it('plain text drops markup but keeps words', () => {
    expect(plainText('## 标题\n\n**加粗**的[链接](http://x)和<Figure metric="a" />。')).toBe('标题\n\n加粗的链接和 。');
  });
});
