/** Validates one report file's text end to end and produces the resolved `Report` when nothing is fatal. */
import { createReportSchema } from '../../schemas/report.ts';
import type { SiteConfig } from '../../schemas/site.ts';
import { normalizeOrgName } from '../catalog.ts';
import { yearOf } from '../dates.ts';
import { isPublished } from '../published.ts';
import { parseReportSource, type ParsedSource } from '../frontmatter.ts';
import type { Catalog, OrgRegistry, Report, ResolvedMetric } from '../model.ts';
import type { Problem } from '../problems.ts';
import { quoteList, suggest } from '../suggest.ts';
import { resolveMetrics } from './metrics.ts';
import { checkPresence } from './presence.ts';
import { glyphProblems, type MissingGlyphs } from './glyphs.ts';
import { checkRelations } from './relations.ts';
import { schemaProblems } from './schema-issues.ts';

export interface ValidationContext {
  site: SiteConfig;
  catalog: Catalog;
  registry: OrgRegistry;
  /** Build time; a report dated after this day (Shanghai) is embargoed. */
  now: Date;
  /** Characters the card font cannot draw; without it the card glyph check is skipped. */
  missingGlyphs?: MissingGlyphs;
  /** Build the schema once per run, not once per file. */
  schema?: ReturnType<typeof createReportSchema>;
}

export function reportSchemaFor(site: SiteConfig) {
  return createReportSchema({ themes: site.themes.map((t) => t.name) });
}

/** reports/2025/jiexiu-2025q1.md → jiexiu-2025q1 */
export function slugOf(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.(md|mdx)$/i, '');
}

/** Report files are found by extension in any case, so a report.MD is reported instead of silently skipped. */
export const REPORT_FILE = /\.(md|mdx)$/i;

export function reportKind(file: string): 'md' | 'mdx' {
  return /\.mdx$/i.test(file) ? 'mdx' : 'md';
}

export interface ReportValidation {
  report?: Report;
  problems: Problem[];
  /** The parsed file, when it could be parsed: body and positions for checks that need the disk. */
  source?: ParsedSource;
  /** Where cover.src is written. */
  coverAt?: { line: number; column: number };
}

export function validateReport(text: string, file: string, ctx: ValidationContext): ReportValidation {
  const parsed = parseReportSource(text, file);
  if (!parsed.ok) return { problems: parsed.problems };
  const source = parsed.source;
  const schema = ctx.schema ?? reportSchemaFor(ctx.site);
  const result = schema.safeParse(source.data);
  if (!result.success) return { problems: schemaProblems(result.error, source, file) };
  const fm = result.data;
  const problems: Problem[] = [];

  const slug = slugOf(file);
  const ext = /\.(md|mdx)$/i.exec(file)?.[0] ?? '';
  if (ext !== ext.toLowerCase()) {
    problems.push({
      severity: 'error', code: 'file-extension', file, line: 1, column: 1,
      title: '文件扩展名要用小写',
      what: `文件名以“${ext}”结尾。`,
      why: '网站只按小写的 .md 和 .mdx 识别报告；大写扩展名在内网服务器和构建工具里的处理不一致。',
      fix: `把文件改名为 ${slug}${ext.toLowerCase()}。`,
    });
  }
  if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) {
    problems.push({
      severity: 'error', code: 'file-name', file, line: 1, column: 1,
      title: '文件名不能作网址',
      what: `文件名“${slug}”含有大写字母、中文、空格或其他符号。`,
      why: '报告的网址就是文件名（reports/<文件名>/），要能在内网各种服务器和聊天软件里原样打开。',
      fix: '文件名只用小写英文字母、数字和连字符，如 jiexiu-2025q1.md。',
    });
  }

  const org = ctx.registry.byName.get(normalizeOrgName(fm.org)) ?? ctx.registry.byId.get(fm.org);
  if (!org) {
    // Suggest each organisation once, by its full name, whichever of its names was closest.
    const nameToOrg = new Map(ctx.registry.orgs.flatMap((o) => [o.name, o.short, ...o.aliases].filter((n): n is string => !!n).map((n) => [n, o.name] as const)));
    const guesses = [...new Set(suggest(fm.org, nameToOrg.keys(), 6).map((n) => nameToOrg.get(n)!))].slice(0, 3);
    problems.push({
      severity: 'error', code: 'org-unknown', file, ...source.locate(['org']), field: 'org',
      title: '机构名录里没有这个机构',
      what: `org 写的是“${fm.org}”。`,
      why: '机构页、地区列表和排行都按机构名录归类，名录里找不到的机构无法归类。',
      fix: guesses.length > 0
        ? `是不是想写 ${quoteList(guesses)}？新机构请先加到 content/orgs.yaml。`
        : '写 content/orgs.yaml 里的机构全称、简称或别名；新机构请先加到名录。',
    });
  }

  const metricsOut = resolveMetrics(fm.metrics, {
    catalog: ctx.catalog,
    file,
    date: fm.date,
    locate: (i, field) => source.locate(field ? ['metrics', i, field] : ['metrics', i]),
    sourceOf: (i, field) => source.sourceOf(['metrics', i, field]),
  });
  problems.push(...metricsOut.problems);
  const indexOf = new Map<ResolvedMetric, number>(metricsOut.metrics.map((m, k) => [m, metricsOut.indices[k]!]));
  const locate = (m: ResolvedMetric) => {
    const i = indexOf.get(m);
    if (i === undefined) return undefined;
    return { ...source.locate(['metrics', i, 'value'])!, field: `metrics[${i}].value` };
  };
  problems.push(...checkRelations(metricsOut.metrics, { catalog: ctx.catalog, file, locate }));
  problems.push(...checkPresence(metricsOut.metrics, source.body, { file, baseUnits: ctx.catalog.baseUnits, locate }));
  if (ctx.missingGlyphs) {
    const labelPath = (path: (string | number)[]) => (path[0] === 'metrics' ? ['metrics', metricsOut.indices[path[1] as number]!, 'label'] : path);
    const found = glyphProblems({ title: fm.title, summary: fm.summary, metrics: metricsOut.metrics }, ctx.missingGlyphs, {
      file,
      locate: (path) => source.locate(labelPath(path)),
    });
    // The label may be the catalog's when the author wrote none: then it is the key line that carries it.
    problems.push(...found.map((p) => ({ ...p, field: p.field?.replace(/^metrics\[(\d+)\]/, (_, k: string) => `metrics[${metricsOut.indices[Number(k)]}]`) })));
  }
  const coverAt = fm.cover ? source.locate(['cover', 'src']) : undefined;

  if (problems.some((p) => p.severity === 'error') || !org) return { problems, source, coverAt };
  return {
    problems,
    source,
    coverAt,
    report: {
      slug,
      file,
      title: fm.title,
      summary: fm.summary,
      org,
      date: fm.date,
      year: yearOf(fm.date),
      authors: fm.authors,
      themes: fm.themes,
      cover: fm.cover ? { ...fm.cover, src: String(fm.cover.src) } : undefined,
      draft: fm.draft,
      published: isPublished({ draft: fm.draft, date: fm.date }, ctx.now),
      metrics: metricsOut.metrics,
      body: source.body,
    },
  };
}
