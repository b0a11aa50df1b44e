import { describe, expect, it } from 'vitest';
import {
  excerptHtml,
  findTerm,
  indexTokens,
  matchesQuery,
  normalizeForSearch,
  normalizeWithMap,
  parseQuery,
  queryTokens,
  relevance,
  termTokens,
  indexStream,
  phraseTokens,
} from '../../src/search/text.ts';
import { bodyPlainText } from '../../src/lib/body/index.ts';
import { referenceContains } from '../../tools/corpus.ts';

describe('normalisation', () => {
  it('joins PDF-spaced Chinese and words split by a line break, folds full-width and case', () => {
    expect(normalizeForSearch('该 行 党 委')).toBe('该行党委');
    expect(normalizeForSearch('ＥＴＣ 高速')).toBe('etc高速');
    expect(normalizeForSearch('存款\n余额')).toBe('存款余额');
    expect(normalizeForSearch('credit  card')).toBe('credit card');
    expect(normalizeForSearch('截至 3 月末，实现“ 党 建 融 合 ”')).toBe('截至3月末,实现“党建融合”');
    expect(normalizeForSearch('１２０　余名')).toBe('120余名');
  });

  it('maps every normalised character back to where it came from', () => {
    const src = 'Ａ 该 行\n党委 x  Ｙ';
    const { text, map } = normalizeWithMap(src);
    expect(text).toBe('a该行党委x y');
    expect([...text].map((c, i) => (c === ' ' ? ' ' : src[map[i]!]!.normalize('NFKC').toLowerCase()))).toEqual([...text]);
  });

  it('agrees with the reference the site tests hold search to', () => {
    const cases: [string, string][] = [
      ['存款\n余额较上年增加', '存款余额'],
      ['新的能源项目', '新能源'],
      ['开通ＥＴＣ通道', 'ETC'],
      ['NETCOM', 'ETC'],
      ['ETCP停车', 'ETC'],
      ['12025年', '2025'],
      ['截至 3 月末', '3月末'],
      ['截至13月末', '3月末'],
    ];
    for (const [text, phrase] of cases) expect(matchesQuery(text, phrase), `${phrase} in ${text}`).toBe(referenceContains(text, phrase));
  });
});

describe('queries', () => {
  it('white space separates terms, quotes keep a phrase, punctuation alone is nothing', () => {
    expect(parseQuery('不良贷款 清收')).toEqual(['不良贷款', '清收']);
    expect(parseQuery('“存款 余额”')).toEqual(['存款余额']);
    expect(parseQuery('"credit card"  ETC')).toEqual(['credit card', 'etc']);
    expect(parseQuery('，。！')).toEqual([]);
    expect(parseQuery('  ')).toEqual([]);
    expect(parseQuery('清收 清收')).toEqual(['清收']);
  });

  it('a page must contain every term', () => {
    expect(matchesQuery('该行加大不良贷款清收力度', '清收 不良贷款')).toBe(true);
    expect(matchesQuery('该行加大不良贷款处置力度', '清收 不良贷款')).toBe(false);
    expect(matchesQuery('任何文字', '  ')).toBe(false);
  });

  it('Latin and digit terms do not match inside longer words', () => {
    expect(findTerm('开通etc通道', 'etc')).toBe(2);
    expect(findTerm('netcom', 'etc')).toBe(-1);
    expect(findTerm('netcom etc', 'etc')).toBe(7);
    expect(findTerm('216.66亿元', '216.66')).toBe(0);
  });
});

describe('tokens', () => {
  it('a term’s tokens are all among the tokens of any text containing it', () => {
    const texts = ['该行持续加大不良贷款清收力度', '不良\n贷款', '开通ＥＴＣ快捷通道，2025年', '实体贷款余额达 31.98亿元'];
    const queries = ['不良贷款', '不良贷款', 'ETC 2025', '31.98亿元'];
    texts.forEach((text, i) => {
      const idx = new Set(indexTokens(text));
      for (const t of queryTokens(queries[i]!)) expect(idx.has(t), `${t} of ${queries[i]}`).toBe(true);
    });
    expect(termTokens('不良贷款')).toHaveLength(3);
  });

  it('a text without the phrase lacks at least one of its pairs', () => {
    const idx = new Set(indexTokens('不良率下降，贷款增加'));
    expect(queryTokens('不良贷款').every((t) => idx.has(t))).toBe(false);
  });

  it('a single character queries its own token; Latin words and numbers stay whole or split at dots', () => {
    expect(queryTokens('户')).toHaveLength(1);
    expect(queryTokens('ETC 2025')).toEqual([indexTokens('etc')[0], indexTokens('2025')[0]]);
    expect(queryTokens('31.98')).toEqual([indexTokens('31')[0], indexTokens('98')[0]]);
    expect(indexTokens('etc')).toHaveLength(1);
  });

  it('Chinese tokens have a fixed width in letters', () => {
    const tokens = indexTokens('乡村振兴𠀀');
    expect(new Set(tokens.map((t) => t.length))).toEqual(new Set([5, 9]));
    expect(tokens.every((t) => /^[ub][a-z]+$/.test(t))).toBe(true);
    // The first and last code points the CJK class reaches, and two neighbours, all told apart.
    const ends = ['\u3400', '\u3401', '\u{2ffff}', '\u{2fffe}', '一', '丁'].map((c) => indexTokens(c)[0]);
    expect(new Set(ends).size).toBe(ends.length);
  });
});

describe('excerpts and relevance', () => {
  it('highlights every term in the real text, shows it as read and escapes HTML', () => {
    const html = excerptHtml('前文<b>。该行不良 贷款清收成效明显，后文很长很长很长', '不良贷款 清收', 6)!;
    expect(html).toContain('<mark>不良贷款</mark><mark>清收</mark>');
    expect(html).toContain('&lt;b&gt;');
    expect(html.startsWith('…')).toBe(true);
    expect(html.endsWith('…')).toBe(true);
    expect(excerptHtml('没有这个词', '不良贷款')).toBeUndefined();
  });

  it('keeps a space between Latin words and marks full-width text it matched', () => {
    expect(excerptHtml('开通ＥＴＣ  card 通道', 'etc')).toBe('开通<mark>ＥＴＣ</mark> card通道');
  });

  it('shows a paragraph break as a space, though matching ignores it', () => {
    expect(excerptHtml('存贷两端稳步增长\n\n数据显示，存款余额增加', '存款余额')).toBe('存贷两端稳步增长 数据显示，<mark>存款余额</mark>增加');
    expect(matchesQuery('党建\n\n联建', '党建联建')).toBe(true);
  });

  it('ranks a title hit above many body hits', () => {
    const a = { title: '清收工作', summary: '', text: '正文' };
    const b = { title: '工作', summary: '', text: '清收清收清收' };
    expect(relevance(a, ['清收'])).toBeGreaterThan(relevance(b, ['清收']));
    expect(relevance(b, ['清收'])).toBe(3);
  });

  it('the search text drops markup, keeps words, and has each <Figure> as the figure it prints', () => {
    const text = bodyPlainText('## 标题\n\n**加粗**的[链接](http://x)和余额<Figure metric="a" />。', { mdx: true, figureText: (p) => (p.metric === 'a' ? '216.66亿元' : undefined) });
    expect(text).toBe('标题\n加粗的链接和余额216.66亿元。');
  });
});

describe('the token stream and exact phrases', () => {
  const has = (text: string, term: string) => {
    const p = phraseTokens(term);
    if (!p) return undefined;
    const s = indexStream(text);
    return s.some((_, i) => p.every((t, k) => s[i + k] === t));
  };

  it('finds a term exactly where the reference does, for every term it can say', () => {
    const cases: [string, string][] = [
      ['存款\n余额较上年增加', '存款余额'],
      ['新的能源项目', '新能源'],
      ['开通ＥＴＣ通道', 'ETC'],
      ['NETCOM', 'ETC'],
      ['ETCP停车', 'ETC'],
      ['12025年', '2025'],
      ['截至 3 月末', '3月末'],
      ['截至13月末', '3月末'],
      ['党建联建，建联', '党建联建'],
      ['建联建联', '党建联建'],
      ['金融，2025年', '金融2025'],
      ['金融2025年', '金融2025'],
      ['credit card', 'credit card'],
      ['credit, card', 'credit card'],
      ['月', '月'],
      ['岁月静好', '月'],
      ['3月5日', '3月5'],
      ['13月5日', '3月5'],
    ];
    for (const [text, term] of cases) expect(has(text, term), `${term} in ${text}`).toBe(referenceContains(text, term));
  });

  it('leaves to the text what tokens cannot say exactly', () => {
    expect(phraseTokens('3月')).toBeUndefined();
    expect(phraseTokens('党建+金融')).toBeUndefined();
    expect(phraseTokens('，')).toBeUndefined();
    expect(phraseTokens('3月末')).toEqual([indexStream('3')[0], indexStream('月末')[0]]);
  });

  it('gives Pagefind only tokens of letters, which it keeps whole', () => {
    // Pagefind splits a token where letters meet digits: a token with digits in it would index words the
    // text never printed (2025 found in every report whose pair codes happen to hold it).
    const text = '开通ETC2025通道，存款余额216.66亿元，截至3月末。𠀀字';
    const tokens = [...indexStream(text), ...indexTokens(text), ...termTokens('ETC2025'), ...(phraseTokens('ETC2025') ?? [])];
    for (const t of tokens) expect(t, t).toMatch(/^[a-z]+$/);
    // ETC2025 is one word: neither ETC nor 2025 is in it.
    expect(has('开通ETC2025通道', 'ETC')).toBe(false);
    expect(has('开通ETC2025通道', '2025')).toBe(false);
    expect(has('开通ETC2025通道', 'ETC2025')).toBe(true);
  });
});
