import { describe, expect, it } from 'vitest';
import { editDistance, quoteList, suggest } from '../../src/lib/suggest.ts';
import { absoluteUrl, normalizeBase, routes, withBase } from '../../src/lib/urls.ts';

describe('did you mean', () => {
  it('counts a CJK character as one edit', () => {
    expect(editDistance('介休农商行', '介休农商银行')).toBe(1);
    expect(editDistance('titel', 'title')).toBe(2);
  });

  it('finds abbreviations and misspellings, best first', () => {
    expect(suggest('介休农商行', ['介休农商银行', '翼城农商银行', '湖南中行'])[0]).toBe('介休农商银行');
    expect(suggest('titel', ['title', 'summary', 'org', 'date'])).toEqual(['title']);
    expect(suggest('党建引导', ['党建引领', '党建联建', '普惠金融'])[0]).toBe('党建引领');
  });

  it('suggests nothing for unrelated input', () => {
    expect(suggest('完全无关的词语', ['title', 'summary'])).toEqual([]);
  });

  it('quotes lists the Chinese way', () => {
    expect(quoteList(['a'])).toBe('“a”');
    expect(quoteList(['a', 'b', 'c'])).toBe('“a”、“b”或“c”');
  });
});

describe('urls', () => {
  it('normalises a base', () => {
    expect(normalizeBase(undefined)).toBe('/');
    expect(normalizeBase('showcase')).toBe('/showcase/');
    expect(normalizeBase('/a/b')).toBe('/a/b/');
    expect(normalizeBase('//')).toBe('/');
  });

  it('prefixes the base once', () => {
    expect(withBase('/showcase/', routes.report('jiexiu-2025q1'))).toBe('/showcase/reports/jiexiu-2025q1/');
    expect(withBase('/', routes.home())).toBe('/');
    expect(withBase('/showcase/', '/feed.xml')).toBe('/showcase/feed.xml');
  });

  it('makes absolute intranet URLs for QR codes', () => {
    expect(absoluteUrl('http://showcase.bank.local', '/showcase/', routes.report('a'))).toBe('http://showcase.bank.local/showcase/reports/a/');
    expect(absoluteUrl('http://h:8080/', '/', routes.reportCard('a'))).toBe('http://h:8080/cards/reports/a.png');
  });

  it('keeps Chinese segments readable and paginates after page 1', () => {
    expect(routes.theme('党建引领')).toBe('themes/党建引领/');
    expect(routes.theme('党建引领', 2)).toBe('themes/党建引领/page/2/');
    expect(routes.region('山西', '晋中')).toBe('regions/山西/晋中/');
  });
});
