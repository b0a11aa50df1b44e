/**
 * The JSON Schema editors validate report frontmatter with: generated from the one zod schema of a report
 * (src/schemas/report.ts), then narrowed with what only the content knows — catalog keys and names, the units
 * figures may be printed in, organisation names and themes — each choice with a Chinese description.
 * Pure: the caller passes the zod schema's JSON form and the content.
 */
import type { Catalog, OrgRegistry } from './model.ts';
import type { SiteConfig } from '../schemas/site.ts';
import {
  CHENG, CHINESE_BIG_UNITS, CHINESE_DIGITS, CHINESE_NUMERAL_STARTS, CHINESE_SMALL_UNITS, FIGURE_SPACE_CLASS, FRACTION_WORDS, LEADING_MARKERS, PREFIXES_LONGEST_FIRST,
  RANGE_SEPARATORS, SIGNS, THOUSANDS_SEPARATORS, UNIT_PREFIXES, foldedFrom, markersAt,
} from './figures/index.ts';

export type JsonSchema = { [key: string]: unknown };

function choice(value: string, description: string): JsonSchema {
  return { const: value, description };
}

/** Escapes for a JSON Schema pattern, which editors and ajv compile with the `u` flag (no `\-` outside a class). */
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const escapeInClass = (s: string) => s.replace(/[-\\\]^]/g, '\\$&');
const alt = (xs: readonly string[]) => `(?:${xs.join('|')})`;
const opt = (x: string) => `(?:${x})?`;

/** Any whitespace: folding drops it between the characters of a figure (120 余名, 7.73亿\n元). */
const GAP = '\\s*';

/** One character in each spelling folding reads as it: ２ for 2, ％ for %. */
function char(c: string): string {
  const all = foldedFrom(c);
  return all.length > 1 ? `[${all.map(escapeInClass).join('')}]` : escape(c);
}

/** A word of the figure grammar, a gap allowed between its characters as folding allows one (个 百分点). */
function word(w: string): string {
  return [...w].map(char).join(GAP);
}

/** Words as alternatives, longest first so the alternation reads as the parser does (超过 before 超). */
function words(ws: readonly string[]): string {
  return alt([...new Set(ws)].sort((a, b) => b.length - a.length).map(word));
}

/**
 * The printed forms of a figure (216.66亿元, ２１６.６６亿元, 40余亿元, 超六成, 3至5个, 3－5个, 三分之一, 上万个), as one
 * pattern, built from the parser's own tables: its markers and where each may stand, unit prefixes, range
 * separators, signs, numerals, full-width spellings and thousands separators, and the catalog's units. It follows
 * the grammar of src/lib/figures/scan.ts: at most one marker; a sign only without one; a range without markers,
 * both ends Arabic or both Chinese; 成 only without a prefix.
 *
 * It never refuses what `parseFigure` accepts. It does not see these refusals, which the check still makes: a
 * range whose upper end is not larger (5至3个) or whose ends carry different prefixes (10万至15亿元), and a
 * fraction over one (五分之七), which take arithmetic; a Chinese numeral the parser reads longest first into
 * the unit (五百分点 is 五百 + 分点, not 五 + 百分点); a figure broken by a blank line or by a space other than those
 * folding drops (a space between two digits on one line it does refuse: 1 2亿元).
 */
export function figureTextPattern(units: readonly string[]): string {
  const digit = `[${Array.from({ length: 10 }, (_, d) => foldedFrom(String(d)).map(escapeInClass).join('')).join('')}]`;
  // Two digits join across one line break (a newspaper column wrapping 5\n76条), never across a space on one line.
  const space = `[${FIGURE_SPACE_CLASS}\\r]*`;
  const digitJoin = `(?:${space}\\n${space})?`;
  const thousands = `[${THOUSANDS_SEPARATORS.flatMap(foldedFrom).map(escapeInClass).join('')}]`;
  const digits = `${digit}(?:${digitJoin}${digit}|${GAP}${thousands}${digit}{3}(?!${digit}))*`;
  const unsigned = `${digits}${opt(`${GAP}${char('.')}${GAP}${digits}`)}`;
  const signed = `${opt(`[${Object.keys(SIGNS).map(escapeInClass).join('')}]${GAP}`)}${unsigned}`;
  const chinese = chineseNumeral();

  const before = words(markersAt('before'));
  const leading = words(LEADING_MARKERS);
  const between = words(markersAt('between'));
  const after = words(markersAt('after'));
  const prefix = words(PREFIXES_LONGEST_FIRST.map((p) => p.prefix));
  const separator = words(RANGE_SEPARATORS);
  const hasPercent = units.includes(CHENG.baseUnit);
  const unit = words(units);
  // 成 (a tenth) is read only where there is a percent for it to mean, and never after a prefix.
  const unitOrCheng = hasPercent ? words([...units, CHENG.word]) : unit;
  const g = (...parts: string[]) => parts.join(GAP);

  // Prefix and unit with no marker among them: 亿元, 万, 名, 成, or nothing.
  const tail = alt([`${GAP}${prefix}${opt(`${GAP}${unit}`)}`, opt(`${GAP}${unitOrCheng}`)]);
  const plain = alt([
    // No marker, or 余/多 after the number (120余名), after the prefix (14万余元) or 以上/左右 after the unit.
    `${alt([signed, chinese])}${alt([`${opt(`${GAP}${between}`)}${tail}`, `${GAP}${g(prefix, between)}${opt(`${GAP}${unit}`)}`, `${tail}${GAP}${after}`])}`,
    // A marker before the number: 超60户, 近180万户, 超六成.
    `${g(before, alt([unsigned, chinese]))}${tail}`,
  ]);
  // A magnitude without a number: 上万个, 近百万元, 数十名, 百万元.
  const magnitude = alt([`${opt(`${leading}${GAP}`)}${prefix}${opt(`${GAP}${unit}`)}`, `${prefix}${opt(`${GAP}${unit}`)}${GAP}${after}`]);
  const range = `${alt([
    `${signed}${opt(`${GAP}${prefix}`)}${GAP}${g(separator, unsigned)}`,
    `${chinese}${opt(`${GAP}${prefix}`)}${GAP}${g(separator, chinese)}`,
  ])}${tail}`;
  const forms = [plain, magnitude, range];
  if (hasPercent) {
    const hundred = Object.keys(CHINESE_SMALL_UNITS).find((c) => CHINESE_SMALL_UNITS[c] === 100)!;
    const fraction = alt([g(word(FRACTION_WORDS.perCent), alt([chinese, escape(hundred)])), g(chinese, word(FRACTION_WORDS.of), chinese)]);
    forms.push(alt([g(before, fraction), `${fraction}${opt(`${GAP}${after}`)}`]));
  }
  return `^\\s*${alt(forms)}\\s*$`;
}

/**
 * A Chinese numeral as src/lib/figures/chinese-numerals.ts reads one: below 万, units falling (一千零五十), a unit
 * after a digit other than 零, 十 alone only first (十二), no two digits in a row but with 零; then 亿 and 万 at most
 * once each, in that order. It ends in 万 or 亿 only after the other (三亿五千万): 十二万元 is 十二 + 万元.
 */
function chineseNumeral(): string {
  const at = (c: string) => `${escape(c)}${GAP}`;
  const digits = (zero: boolean) => `[${Object.keys(CHINESE_DIGITS).filter((d) => (CHINESE_DIGITS[d] === 0) === zero).join('')}]${GAP}`;
  const [zero, nonZero] = [digits(true), digits(false)];
  // Digits between units: never two but 零 in a row; before a unit the last must not be 零.
  const run = `(?:${zero})*(?:${nonZero}(?:${zero})+)*`;
  const units = Object.entries(CHINESE_SMALL_UNITS).sort((a, b) => b[1] - a[1]).map(([u]) => u);
  const ten = units.find((u) => CHINESE_SMALL_UNITS[u] === 10)!;
  const section = `(?=[${CHINESE_NUMERAL_STARTS}])${alt([units.map((u) => opt(`${run}${nonZero}${at(u)}`)).join(''), at(ten)])}${run}${opt(nonZero)}`;
  // Each big unit at most once, largest first, after a section: 三 亿 五千 万.
  const bigs = Object.entries(CHINESE_BIG_UNITS).sort((a, b) => b[1] - a[1]).map(([u]) => at(u));
  const chain = (from: number, to: number) => bigs.slice(from, to).map((b) => opt(`${b}${section}`)).join('');
  const endsInBig = bigs.flatMap((last, j) => bigs.slice(0, j).map((first, f) => `${first}${section}${chain(f + 1, j)}${last}`));
  return `${section}${alt([chain(0, bigs.length), ...endsInBig])}`;
}

export interface EditorSchemaInput {
  catalog: Catalog;
  registry: OrgRegistry;
  site: SiteConfig;
}

function at(schema: JsonSchema, ...path: string[]): JsonSchema | undefined {
  let cur: unknown = schema;
  for (const p of path) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as JsonSchema)[p];
  }
  return cur && typeof cur === 'object' ? (cur as JsonSchema) : undefined;
}

/** Adds the content's choices to the zod schema's JSON form. */
export function editorSchema(base: JsonSchema, input: EditorSchemaInput): JsonSchema {
  const schema = structuredClone(base);
  schema.title = '案例报告的报告信息（frontmatter）';
  schema.description = '由 npm run schema 根据 src/schemas/report.ts、content/metrics.yaml、content/orgs.yaml 和 content/site.yaml 生成，改了这些文件后重新运行。';
  const props = at(schema, 'properties');
  if (!props) return schema;

  // YAML dates reach the editor as text; the zod schema also takes Date objects, which JSON Schema cannot say.
  props.date = { type: 'string', pattern: '^\\s*\\d{4}\\s*[-/.年]\\s*\\d{1,2}\\s*[-/.月]\\s*\\d{1,2}\\s*日?(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?\\s*(?:Z|[+-]\\d{2}:?\\d{2})?)?\\s*$', description: '发布日期（北京时间），如 2025-04-22' };
  const orgChoices = input.registry.orgs.flatMap((o) => {
    const where = [o.region?.province, o.region?.city, o.region?.county].filter(Boolean).join('');
    const what = `${o.name}${where ? `（${where}）` : ''}`;
    return [o.name, ...(o.short ? [o.short] : []), ...o.aliases].map((n) => choice(n, n === o.name ? what : `${n}：即 ${what}`));
  });
  if (props.org) props.org = { ...(props.org as JsonSchema), anyOf: orgChoices, description: '报告机构：机构名录 content/orgs.yaml 里的全称、简称或别名' };

  const themeItems = at(props, 'themes', 'items');
  if (themeItems) {
    delete themeItems.enum;
    themeItems.anyOf = input.site.themes.map((t) => choice(t.name, t.description ?? t.name));
  }

  const item = at(props, 'metrics', 'items');
  const itemProps = item ? at(item, 'properties') : undefined;
  if (itemProps) {
    const dims = input.catalog.dimensions;
    const keyChoices = input.catalog.metrics.flatMap((m) => {
      const dim = dims[m.dimension];
      const units = m.units ?? dim?.units ?? [];
      const what = `${m.label}（${dim?.label ?? m.dimension}，单位 ${units.join('、')}）`;
      return [choice(m.key, what), choice(m.label, `${m.key}：${what}`), ...m.aliases.map((a) => choice(a, `${m.key}：即 ${what}`))];
    });
    itemProps.asOf = {
      anyOf: [
        { type: 'string', pattern: '^\\s*\\d{4}(?:\\s*(?:-\\s*\\d{1,2}(?:\\s*-\\s*\\d{1,2})?|-?\\s*[QqHh][1-4]|[/.年]\\s*\\d{1,2}\\s*月?(?:末|底|\\s*[/.]?\\s*\\d{1,2}\\s*日?)?|\\s*年\\s*(?:第?[一二三四1-4]\\s*季度末?|[上下]半年末?|末|底|全年)?))?\\s*$' },
        { type: 'integer', minimum: 1949, maximum: 2100 },
      ],
      description: '截至日期：2025-03-31、2025-03（3月末）、2025-Q1（一季度末）、2025-H1（上半年末）、2025（年末）',
    };
    if (itemProps.key) itemProps.key = { ...(itemProps.key as JsonSchema), anyOf: keyChoices };
    const units = input.catalog.baseUnits;
    const prefixed = [...new Set([...units, ...units.flatMap((u) => UNIT_PREFIXES.map((p) => `${p.prefix}${u}`))])];
    if (itemProps.unit) {
      itemProps.unit = { ...(itemProps.unit as JsonSchema), anyOf: prefixed.map((u) => choice(u, `单位 ${u}`)) };
    }
    const pattern = figureTextPattern(units);
    for (const field of ['text', 'value']) {
      if (!itemProps[field]) continue;
      itemProps[field] = {
        anyOf: [{ type: 'string', pattern }, { type: 'number' }],
        description: `照正文印的数字，单位只能是指标目录里的：${units.join('、')}（可加 万、亿 等前缀），或“成”`,
      };
    }
  }
  return schema;
}
