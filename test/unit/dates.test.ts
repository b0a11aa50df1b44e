import { describe, expect, it } from 'vitest';
import { dayFromDate, formatDay, parseAsOf, parseDay, todayInShanghai } from '../../src/lib/dates.ts';
import { nowFromEnv, NowError } from '../../src/node/config.ts';

describe('publication day', () => {
  it('keeps a YAML date as the same calendar day in any time zone', () => {
    // js-yaml turns `date: 2025-04-18` into midnight UTC; formatting that in a western zone gives the 17th.
    expect(parseDay(new Date('2025-04-18T00:00:00Z'))).toEqual({ ok: true, day: '2025-04-18', label: '2025年4月18日' });
  });

  it('reads a datetime as the day it was in Shanghai', () => {
    expect(dayFromDate(new Date('2025-04-17T18:30:00Z'), true)).toBe('2025-04-18');
    expect(parseDay(new Date('2025-04-17T18:30:00Z'))).toMatchObject({ ok: true, day: '2025-04-18' });
  });

  it('accepts the ways writers type a date', () => {
    for (const s of ['2025-04-18', '2025/4/18', '2025.4.18', '2025年4月18日', ' 2025-4-18 ']) {
      expect(parseDay(s)).toMatchObject({ ok: true, day: '2025-04-18' });
    }
  });

  it('refuses impossible dates instead of rolling them over', () => {
    expect(parseDay('2025-13-01')).toEqual({ ok: false, reason: '“2025-13-01”中的月份 13 不存在，月份应在 1 到 12 之间' });
    expect(parseDay('2025-02-29')).toEqual({ ok: false, reason: '“2025-02-29”中的日期不存在：2025年2月只有 28 天' });
    expect(parseDay('2024-02-29')).toMatchObject({ ok: true });
    expect(parseDay('下周一')).toMatchObject({ ok: false });
  });

  it('today in Shanghai turns over at 16:00 UTC', () => {
    expect(todayInShanghai(new Date('2025-04-17T15:59:59Z'))).toBe('2025-04-17');
    expect(todayInShanghai(new Date('2025-04-17T16:00:00Z'))).toBe('2025-04-18');
  });

  it('formats in Chinese', () => {
    expect(formatDay('2025-04-08')).toBe('2025年4月8日');
  });
});

describe('as-of dates', () => {
  it.each([
    ['2025-03-31', '2025-03-31', '2025年3月末'],
    ['2025-03-18', '2025-03-18', '2025年3月18日'],
    ['2025-03', '2025-03-31', '2025年3月末'],
    ['2024-02', '2024-02-29', '2024年2月末'],
    ['2025-Q1', '2025-03-31', '2025年第一季度末'],
    ['2025Q3', '2025-09-30', '2025年第三季度末'],
    ['2025年第一季度', '2025-03-31', '2025年第一季度末'],
    ['2023-H1', '2023-06-30', '2023年上半年末'],
    ['2023年上半年', '2023-06-30', '2023年上半年末'],
    ['2022', '2022-12-31', '2022年末'],
  ])('%s → %s', (input, day, label) => {
    expect(parseAsOf(input)).toEqual({ ok: true, day, label });
  });

  it('takes a YAML number year', () => {
    expect(parseAsOf(2022)).toMatchObject({ ok: true, day: '2022-12-31' });
  });

  it('explains what it accepts', () => {
    const r = parseAsOf('三月底');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain('2025-Q1');
  });
});

describe('date-times written as text (YAML 1.2 keeps them strings)', () => {
  it.each([
    ['2025-04-21T20:00:00Z', '2025-04-22'],
    ['2025-04-21T15:59:59Z', '2025-04-21'],
    ['2025-04-21T16:00:00Z', '2025-04-22'],
    ['2025-04-21T23:30', '2025-04-21'],
    ['2025-04-21 08:00:00+0800', '2025-04-21'],
    ['2025-04-21T01:00:00-05:00', '2025-04-21'],
  ])('%s is %s in Beijing', (input, day) => {
    expect(parseDay(input)).toMatchObject({ ok: true, day });
  });

  it('refuses a day that does not exist even with a time', () => {
    expect(parseDay('2025-02-30T01:00Z').ok).toBe(false);
  });
});

describe('SHOWCASE_NOW', () => {
  it('reads a date as noon and a date-time without a zone as Beijing time, whatever the machine zone', () => {
    expect(nowFromEnv({ SHOWCASE_NOW: '2031-01-15' }).toISOString()).toBe('2031-01-15T04:00:00.000Z');
    expect(nowFromEnv({ SHOWCASE_NOW: '2031-01-15T07:00' }).toISOString()).toBe('2031-01-14T23:00:00.000Z');
    expect(nowFromEnv({ SHOWCASE_NOW: '2031-01-15T07:00Z' }).toISOString()).toBe('2031-01-15T07:00:00.000Z');
  });

  it('refuses what is not a date, in Chinese', () => {
    expect(() => nowFromEnv({ SHOWCASE_NOW: '明天' })).toThrow(NowError);
    expect(() => nowFromEnv({ SHOWCASE_NOW: '1700000000' })).toThrow(/SHOWCASE_NOW 的值“1700000000”不是日期或时间/);
  });
});
