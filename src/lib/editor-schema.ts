/**
 * The JSON Schema editors validate report frontmatter with: generated from the one zod schema of a report
 * (src/schemas/report.ts), then narrowed with what only the content knows — catalog keys and names, the units
 * figures may be printed in, organisation names and themes — each choice with a Chinese description.
 * Pure: the caller passes the zod schema's JSON form and the content.
 */
import type { Catalog, OrgRegistry } from './model.ts';
import type { SiteConfig } from '../schemas/site.ts';
import { APPROX_TABLE, CHENG, UNIT_PREFIXES } from './figures/index.ts';
import { CHINESE_NUMERAL_CHARS } from './figures/index.ts';

export type JsonSchema = { [key: string]: unknown };

function choice(value: string, description: string): JsonSchema {
  return { const: value, description };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The printed forms of a figure (216.66亿元, 40余亿元, 超六成, 3至5个, 三分之一, 上万个), as one pattern. */
export function figureTextPattern(units: readonly string[]): string {
  const markersBefore = APPROX_TABLE.filter((m) => m.positions.some((p) => p === 'before' || p === 'magnitude')).map((m) => escape(m.marker));
  const between = APPROX_TABLE.filter((m) => (m.positions as readonly string[]).includes('between')).map((m) => escape(m.marker));
  const after = APPROX_TABLE.filter((m) => (m.positions as readonly string[]).includes('after')).map((m) => escape(m.marker));
  const prefixes = [...UNIT_PREFIXES.map((p) => p.prefix)].sort((a, b) => b.length - a.length).map(escape);
  const unitAlt = [...units, CHENG.word].sort((a, b) => b.length - a.length).map(escape).join('|');
  const numeral = `[${CHINESE_NUMERAL_CHARS}]+`;
  const number = `(?:[-+]?[0-9][0-9,，]*(?:\\.[0-9]+)?|${numeral})`;
  const range = `(?:${number}\\s*(?:${prefixes.join('|')})?\\s*(?:至|到|-|—|~|～)\\s*${number})`;
  const plain = `(?:${markersBefore.join('|')})?\\s*(?:${range}|${number}|(?:${prefixes.join('|')}))\\s*(?:${between.join('|')})?\\s*(?:${prefixes.join('|')})?\\s*(?:${between.join('|')})?\\s*(?:${unitAlt})\\s*(?:${after.join('|')})?`;
  const fraction = `(?:${markersBefore.join('|')})?\\s*(?:${numeral}分之${numeral}|百分之${numeral})\\s*(?:${after.join('|')})?`;
  return `^\\s*(?:${plain}|${fraction}|${number})\\s*$`;
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
