/**
 * The editor schema's figure pattern and the parser agree: built from the parser's tables, the pattern matches
 * every figure text `parseFigure` reads, in every fixture of the tests and in every combination of the tables'
 * words, and refuses what the parser refuses wherever a pattern can see it. Checked with ajv, as editors compile
 * the schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { reportJsonSchema } from '../../scripts/schema.ts';
import { figureTextPattern } from '../../src/lib/editor-schema.ts';
import {
  CHENG, FRACTION_WORDS, LEADING_MARKERS, RANGE_SEPARATORS, SIGNS, UNIT_PREFIXES, figureVocabulary, markersAt, parseFigure,
} from '../../src/lib/figures/index.ts';
import { parseReportSource } from '../../src/lib/frontmatter.ts';
import { config } from './import-support.ts';

const units = config.catalog.baseUnits;
const vocab = figureVocabulary(units);
const ajv = new Ajv({ strict: false, allErrors: true });
const matches = ajv.compile({ type: 'string', pattern: figureTextPattern(units) });
const parses = (text: string) => parseFigure(text, vocab).ok;

/** The `text` field of a metric as the generated editor schema has it (a pattern among its choices). */
const schema = reportJsonSchema(path.resolve('test/fixtures/content'), path.resolve('content'));
const itemProps = (schema.properties as Record<string, { items?: { properties?: Record<string, object> } }>).metrics!.items!.properties!;
const textField = ajv.compile(itemProps.text ?? itemProps.value!);

function fixtureFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return fixtureFiles(p);
    return /\.mdx?$/.test(e.name) ? [p] : [];
  });
}

/** Every `text:` of every metrics item in the fixtures' frontmatter, valid reports and invalid ones alike. */
function fixtureTexts(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const file of fixtureFiles('test/fixtures')) {
    const parsed = parseReportSource(readFileSync(file, 'utf8'), file);
    if (!parsed.ok) continue;
    const metrics = parsed.source.data.metrics;
    if (!Array.isArray(metrics)) continue;
    for (const m of metrics) {
      if (m && typeof m === 'object' && typeof (m as Record<string, unknown>).text === 'string') out.push({ file, text: (m as { text: string }).text });
    }
  }
  return out;
}

describe('the figure pattern of the editor schema', () => {
  it('matches every figure text of every fixture the parser reads', () => {
    const texts = fixtureTexts();
    // The fixtures hold figures in every form the project meets; too few means the frontmatter was not read.
    expect(texts.length).toBeGreaterThan(100);
    const read = texts.filter((t) => parses(t.text));
    expect(read.length).toBeGreaterThan(100);
    const missed = read.filter((t) => !matches(t.text)).map((t) => `${t.file}: ${t.text}`);
    expect(missed).toEqual([]);
    expect(read.filter((t) => !textField(t.text)).map((t) => `${t.file}: ${t.text}`)).toEqual([]);
  });

  it('matches the forms it refused before: full-width digits and a full-width dash range', () => {
    for (const text of ['２１６.６６亿元', '3－5个']) {
      expect(parses(text), text).toBe(true);
      expect(matches(text), text).toBe(true);
      expect(textField(text), text).toBe(true);
    }
  });

  it('matches what the parser reads in every spelling it folds', () => {
    const accepted = [
      '216.66亿元', '２１６．６６亿元', '1,392.1 万元', '１，３９２．１万元', '-3.2亿元', '－3.2亿元', '−3.2亿元', '+5%', '90％以上',
      '10万至15万元', '10—15万元', '3——5个', '3〜5个', '3～5个', '3–5个', '3~5个', '3到5个', '3-5家', '三至五个', '百分之百', '百分之三十',
      '近三分之一', '三分之一以上', '上万个', '近百万元', '数十名', '几十个', '百万元', '万亿元', '14万余元', '40亿余元', '40余亿元',
      '120 余 名', '超 过60户', '1\n2.64亿元', '7.73亿\n元', '十二万元', '三亿五千万元', '超六成', '六成', '2个百分点', '2个 百分点',
      '100倍以上', '100人左右', '约3.5亿元', '120', '120余', '超60', '  216.66亿元  ', '2,345,678元', '1,234,567.5元',
      '一百零五个', '一千零五十个', '一万二千人', '一万零五百元', '两千名', '三 亿 五千万元', '十二亿余元', '〇', '十二百分点',
    ];
    for (const text of accepted) {
      expect(parses(text), text).toBe(true);
      expect(matches(text), JSON.stringify(text)).toBe(true);
    }
  });

  it('refuses what the parser refuses, wherever a pattern can see it', () => {
    const refused = [
      '216.66亿块', '很多', '5G', '', '  ', '2025年', '成', '超120余名', '约120名以上', '120余名以上', '约3至5个', '3至5个以上', '3至5余个',
      '1.2.3亿元', '1 2亿元', '１ ２亿元', '12\n\n3亿元', '1,39亿元', '1,3925亿元', '1392,1元', '6万成', '上10人', '数120名', '几12个',
      '三至5个', '3至五个', '超-3亿元', '3至-5个', '近百万余元', '三分之', '百分之', '9.32%%', '216.66亿元元', '--3亿元', '３至',
      '五四个', '百二名', '二二十个',
    ];
    for (const text of refused) {
      expect(parses(text), JSON.stringify(text)).toBe(false);
      expect(matches(text), JSON.stringify(text)).toBe(false);
    }
  });

  it('cannot see these refusals (arithmetic, a numeral read longest first, a blank line), so it accepts them and the check refuses them', () => {
    for (const text of ['5至3个', '10万至15亿元', '五分之七', '五百分点', '12\n\n万元']) {
      expect(parses(text), JSON.stringify(text)).toBe(false);
      expect(matches(text), JSON.stringify(text)).toBe(true);
    }
  });

  it('agrees with the parser on every combination of the tables’ markers, prefixes, units and separators', () => {
    const numbers = ['216.66', '２１６．６６', '1,392', '12', '十二', '-3'];
    const prefixes = ['', ...UNIT_PREFIXES.map((p) => p.prefix)];
    const allUnits = ['', ...units, CHENG.word];
    const before = LEADING_MARKERS;
    const between = markersAt('between');
    const after = markersAt('after');
    const texts = new Set<string>();
    for (const n of numbers) {
      for (const p of prefixes) {
        for (const u of allUnits) {
          texts.add(`${n}${p}${u}`);
          for (const m of before) texts.add(`${m}${n}${p}${u}`);
          for (const m of between) texts.add(`${n}${m}${p}${u}`).add(`${n}${p}${m}${u}`);
          for (const m of after) texts.add(`${n}${p}${u}${m}`);
          // Two markers are never one figure.
          texts.add(`${before[0]}${n}${between[0]}${p}${u}`).add(`${n}${between[0]}${p}${u}${after[0]}`);
          for (const sep of RANGE_SEPARATORS) texts.add(`${n}${p}${sep}${n === '十二' ? '二十' : '99999'}${p}${u}`);
        }
      }
    }
    for (const m of before) for (const p of prefixes) for (const u of allUnits) texts.add(`${m}${p}${u}`);
    for (const sign of Object.keys(SIGNS)) texts.add(`${sign}12亿元`).add(`${before[0]}${sign}12亿元`);
    for (const m of ['', ...before]) for (const a of ['', ...after]) texts.add(`${m}${FRACTION_WORDS.perCent}三十${a}`).add(`${m}三${FRACTION_WORDS.of}一${a}`);
    const disagree = [...texts].filter((t) => parses(t) !== matches(t)).map((t) => `${t}: ${parses(t) ? 'parser reads it, pattern refuses' : 'parser refuses, pattern matches'}`);
    expect(texts.size).toBeGreaterThan(10000);
    expect(disagree).toEqual([]);
  });
});
