/** Turns zod issues on a report's frontmatter, or on a data file, into problems an author can act on. */
import type { z } from 'astro/zod';
import type { YamlSource } from '../frontmatter.ts';
import type { Problem } from '../problems.ts';
import { quoteList, suggest } from '../suggest.ts';
import { COVER_FIELDS, FIELD_SYNONYMS, METRIC_FIELDS, REPORT_FIELDS } from './field-names.ts';

/** metrics[2].unit */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}

const REPORT_HELP: Record<string, string> = {
  title: 'title: 介休农商银行以党建赋能高质量发展',
  summary: 'summary: 一两句话概括报告，10 到 160 个字。',
  org: 'org: 介休农商银行（机构名录 content/orgs.yaml 中的名称）',
  date: 'date: 2025-04-18',
  themes: 'themes: [党建引领, 普惠金融]',
  asOf: 'asOf: 2025-03-31',
  key: 'key: deposit_balance',
  text: 'text: 216.66亿元（照正文印的样子写整个数字）',
  label: 'label: 累计发放扶贫贷款',
  authors: 'authors: [温娜, 王瑞俊]',
  draft: 'draft: true 或 draft: false',
  metrics: 'metrics: 下面每项以“- text: …”开头',
};

/** Headlines for checks that zod reports as custom issues, by field name. */
const CUSTOM_TITLES: Record<string, string> = {
  date: '发布日期写得不对',
  asOf: '截至日期写得不对',
};

function reportFieldsAt(path: readonly PropertyKey[]): readonly string[] {
  if (path.length === 0) return REPORT_FIELDS;
  if (path[0] === 'metrics') return METRIC_FIELDS;
  if (path[0] === 'cover') return COVER_FIELDS;
  return [];
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return '空值';
  if (typeof value === 'string') return `“${value}”`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return '一个列表';
  return '一组字段';
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}

const YAML11_BOOLEANS = /^(yes|no|on|off|y|n|true|false|是|否|对|错)$/i;

export interface SchemaProblemOptions {
  /** Field names allowed at a path, for "did you mean" (default: the report's). */
  fieldsAt?: (path: readonly PropertyKey[]) => readonly string[];
  /** An example line per field name, offered as the fix (default: the report's). */
  help?: Record<string, string>;
}

export function schemaProblems(error: z.ZodError, source: Pick<YamlSource, 'data' | 'locate'>, file: string, opts: SchemaProblemOptions = {}): Problem[] {
  const fieldsAt = opts.fieldsAt ?? reportFieldsAt;
  const FIELD_HELP = opts.help ?? REPORT_HELP;
  const out: Problem[] = [];
  // A misspelt required field shows up twice (unknown "titel", missing "title"): say it once, as the misspelling.
  const suggested = new Set<string>();
  for (const issue of error.issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    for (const key of issue.keys) {
      const known = fieldsAt(issue.path);
      const synonym = FIELD_SYNONYMS[key] ?? FIELD_SYNONYMS[key.toLowerCase()];
      const guess = synonym && known.includes(synonym) ? synonym : suggest(key, known, 1)[0];
      if (guess) suggested.add(fieldPath([...issue.path.filter((p): p is string | number => typeof p !== 'symbol'), guess]));
    }
  }
  for (const issue of error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const known = fieldsAt(path);
        const synonym = FIELD_SYNONYMS[key] ?? FIELD_SYNONYMS[key.toLowerCase()];
        const guesses = synonym && known.includes(synonym) ? [synonym] : suggest(key, known, 2);
        const pos = source.locate([...path, key], { key: true });
        out.push({
          severity: 'error', code: 'unknown-field', file, ...pos,
          field: fieldPath([...path, key]),
          title: '不认识的字段',
          what: `字段“${key}”不是报告的字段。`,
          why: '拼错或多余的字段会被悄悄忽略，写在里面的内容就不会出现在网站上。',
          fix: guesses.length > 0
            ? `是不是想写 ${quoteList(guesses)}？可用的字段：${known.join('、')}。`
            : `删掉这一行，或改成可用的字段：${known.join('、')}。`,
        });
      }
      continue;
    }
    const field = fieldPath(path);
    const last = path[path.length - 1];
    const name = typeof last === 'string' ? last : String(path[path.length - 2] ?? '');
    const pos = source.locate(path);
    const input = valueAt(source.data, path);
    if (issue.code === 'invalid_type' && input === undefined) {
      if (suggested.has(field)) continue;
      out.push({
        severity: 'error', code: 'missing-field', file, ...pos, field,
        title: '缺少必填字段',
        what: `没有写 ${field}。`,
        fix: `加上一行：${FIELD_HELP[name] ?? `${name}: …`}`,
      });
      continue;
    }
    if (issue.code === 'invalid_type' && issue.expected === 'boolean' && typeof input === 'string' && YAML11_BOOLEANS.test(input.trim())) {
      out.push({
        severity: 'error', code: 'yaml-yes-no', file, ...pos, field,
        title: '是/否要写 true 或 false',
        what: `${field} 写的是“${input}”。`,
        why: '按现行 YAML 规范，yes、no、on、off 只是普通文字，不表示是或否；不同软件读法不一，容易出错。',
        fix: `写 ${field.split('.').pop()}: true（是）或 ${field.split('.').pop()}: false（否）。`,
      });
      continue;
    }
    out.push({
      severity: 'error', code: `schema-${issue.code.replace(/_/g, '-')}`, file, ...pos, field,
      title: (issue.code === 'custom' && CUSTOM_TITLES[name]) || titleFor(issue),
      what: `${field} 写的是${describe(input)}：${chineseMessage(issue)}。`.replace(/。+$/, '。'),
      fix: fixFor(issue, input) ?? (FIELD_HELP[name] ? `参照：${FIELD_HELP[name]}` : '按提示修改后重新运行 npm run check。'),
    });
  }
  return out;
}

const TYPE_NAMES: Record<string, string> = {
  string: '文字', number: '数字', int: '整数', boolean: 'true 或 false', array: '列表', object: '一组字段', date: '日期',
};

/**
 * The schemas carry Chinese messages where they say something specific; everything else zod says in English
 * ("Invalid option: expected one of …"), which no author should see, so it is said again here by issue code.
 */
export function chineseMessage(issue: z.core.$ZodIssue): string {
  // zod's own messages are English sentences (and may quote Chinese options); the schemas' own are Chinese.
  if (!/^(Invalid|Too (small|big)|Unrecognized|Expected|Required)\b/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `应写${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `只能是 ${issue.values.map(String).join('、')} 之一`;
    case 'too_small':
      if (issue.origin === 'string') return `至少要 ${String(issue.minimum)} 个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `至少要 ${String(issue.minimum)} 项`;
      return `不能小于 ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'string') return `最多 ${String(issue.maximum)} 个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `最多 ${String(issue.maximum)} 项`;
      return `不能大于 ${String(issue.maximum)}`;
    case 'invalid_format':
      return issue.format === 'url' ? '要写完整的网址，如 http://showcase.bank.local' : issue.format === 'regex' ? '写法不合要求' : `格式不对（应为 ${issue.format}）`;
    case 'unrecognized_keys':
      return `不认识的字段 ${issue.keys.join('、')}`;
    case 'invalid_union':
      return '写法不合要求';
    default:
      return '内容有误';
  }
}

function titleFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return '字段内容的类型不对';
    case 'too_small':
    case 'too_big':
      return '长度或数量不合要求';
    case 'invalid_value':
      return '不在可选范围内';
    default:
      return '字段内容有误';
  }
}

function fixFor(issue: z.core.$ZodIssue, input: unknown): string | undefined {
  if (issue.code === 'invalid_value' && 'values' in issue) {
    const values = issue.values.map(String);
    const guesses = typeof input === 'string' ? suggest(input, values, 2) : [];
    return `${guesses.length ? `是不是想写 ${quoteList(guesses)}？` : ''}可选：${values.join('、')}。`;
  }
  if (issue.code === 'invalid_type' && issue.expected === 'string' && (typeof input === 'number' || typeof input === 'boolean')) {
    return `文字内容请加引号，如 "${String(input)}"。`;
  }
  return undefined;
}
