/**
 * One table per kind of word: everything that lists markers, prefixes or units is derived from it, so the
 * schema, the parser, the finder and the catalog cannot disagree.
 */
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildCatalog, catalogIssues } from '../../src/lib/catalog.ts';
import { APPROX_TABLE, UNIT_PREFIXES, figureVocabulary, findFigures, parseFigure } from '../../src/lib/figures/index.ts';
import { catalogSchema } from '../../src/schemas/catalog.ts';
import { reportMetricSchema } from '../../src/schemas/report.ts';
import { METRIC_FIELDS } from '../../src/lib/validate/field-names.ts';
import { CATALOG_YAML, vocab } from './support/figure-catalog.ts';

/** A figure with `marker` written in `position`. */
function written(marker: string, position: string): string[] {
  switch (position) {
    case 'before': return [`${marker}60户`, `${marker}万户`];
    case 'between': return [`60${marker}户`, `6万${marker}户`];
    case 'after': return [`60户${marker}`];
    default: return [`${marker}万户`];
  }
}

describe('approximate markers', () => {
  it('a marker is written inside the figure’s text: the frontmatter has no approx, value or unit field', () => {
    expect(Object.keys(reportMetricSchema.shape).sort()).toEqual([...METRIC_FIELDS].sort());
    for (const old of ['approx', 'value', 'unit']) expect(Object.keys(reportMetricSchema.shape)).not.toContain(old);
  });

  for (const m of APPROX_TABLE) {
    it(`${m.marker} reads in every position the table gives it, with the table's meaning`, () => {
      for (const position of m.positions) {
        for (const text of written(m.marker, position)) {
          const r = parseFigure(text, vocab);
          expect(r.ok, text).toBe(true);
          if (r.ok) expect([r.figure.approx, r.figure.approxKind], text).toEqual([m.marker, m.kind]);
          expect(findFigures(`服务${text}，`, vocab).map((f) => f.approx), text).toEqual([m.marker]);
        }
      }
    });
  }

  it('a marker only before a magnitude is not read before digits', () => {
    for (const m of APPROX_TABLE.filter((x) => x.positions.every((p) => p === 'magnitude'))) {
      expect(parseFigure(`${m.marker}60户`, vocab).ok).toBe(false);
    }
  });
});

describe('unit prefixes', () => {
  for (const { prefix, multiplier } of UNIT_PREFIXES) {
    it(`${prefix} multiplies by ${multiplier}`, () => {
      const r = parseFigure(`2${prefix}元`, vocab);
      expect(r.ok && [r.figure.prefix, r.figure.multiplier, r.figure.base]).toEqual([prefix, multiplier, 2 * multiplier]);
    });
  }
});

describe('units are catalog data', () => {
  it('a unit added to the catalog is read, with no code change', () => {
    const withTonnes = buildCatalog(catalogSchema.parse(parse(`${CATALOG_YAML.replace('dimensions:', 'dimensions:\n  weight: { label: 重量, units: [吨] }')}`)));
    const before = parseFigure('3.5万吨', vocab);
    const after = parseFigure('3.5万吨', figureVocabulary(withTonnes.baseUnits));
    expect(before.ok).toBe(false);
    expect(after.ok && [after.figure.baseUnit, after.figure.base]).toEqual(['吨', 35000]);
  });

  it('the catalog refuses units that would read two ways', () => {
    const data = catalogSchema.parse(parse(CATALOG_YAML.replace('dimensions:', `dimensions:
  length: { label: 长度, units: [米, 千米] }
  odd: { label: 其他, units: [成, 户] }`)));
    expect(catalogIssues(data)).toEqual([
      '单位 户 同时属于量纲 odd 和 households',
      '单位 千米 也能读成 千 + 米，换一个写法或删掉其中一个',
      '单位 成 与约数标记或“成”重名',
    ]);
  });

  it('the test catalog itself is sound', () => {
    expect(catalogIssues(catalogSchema.parse(parse(CATALOG_YAML)))).toEqual([]);
  });
});
