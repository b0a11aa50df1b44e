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
import { checkClaims } from './claims.ts';
import { glyphProblems, type MissingGlyphs } from './glyphs.ts';
import { checkRelations } from './relations.ts';
import { analyzeBody, bodyPlainText, REPORT_COMPONENTS, type BodyComponent, type BodyImage } from '../body/index.ts';
import { figureVocabulary, findFigures, isOwnFigure, resolveFigureRef } from '../figures/index.ts';
import { schemaProblems } from './schema-issues.ts';
import { bodyPlaceholderProblems, placeholderProblems } from './placeholders.ts';
import { oldFormFigures, withTextFields } from './old-form.ts';
import type { ReportLink } from './report-links.ts';

export interface ValidationContext {
  site: SiteConfig;
  catalog: Catalog;
  registry: OrgRegistry;
  /** Build time; a report dated after this day (Shanghai) is embargoed. */
  now: Date;
  /** Characters the card font cannot draw; without it the card glyph check is skipped. */
  missingGlyphs?: MissingGlyphs;
}

let lastSchema: { themes: string; schema: ReturnType<typeof createReportSchema> } | undefined;

/** The schema depends on the theme list only; building it costs more than checking a report against it. */
export function reportSchemaFor(site: SiteConfig) {
  const names = site.themes.map((t) => t.name);
  const themes = names.join('\u0000');
  if (lastSchema?.themes !== themes) lastSchema = { themes, schema: createReportSchema({ themes: names }) };
  return lastSchema.schema;
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
  /** Images of the body; the local ones are checked on disk by the caller. */
  images?: BodyImage[];
  /** Body links to other reports' pages: checked against the other reports (report-links.ts) once all are read. */
  reportLinks?: ReportLink[];
}

/** metrics[i] of a problem's field. */
function indexOf(p: Problem): string | undefined {
  return /^metrics\[(\d+)\]/.exec(p.field ?? '')?.[1];
}

export function validateReport(fileText: string, file: string, ctx: ValidationContext): ReportValidation {
  const parsed = parseReportSource(fileText, file);
  if (!parsed.ok) return { problems: parsed.problems };
  const source = parsed.source;
  const schema = reportSchemaFor(ctx.site);
  // Figures still written in parts (value, unit, approx) get one problem each, quoting the text to write; the
  // rest of the report is checked with that text in their place, their own further problems left out.
  const old = oldFormFigures(source.data, {
    file, baseUnits: ctx.catalog.baseUnits, body: source.body, bodyLine: source.bodyLine, locate: source.locate, sourceOf: source.sourceOf,
  });
  const fromOld = (p: Problem) => [...old.items.keys()].some((i) => p.field === `metrics[${i}]` || p.field?.startsWith(`metrics[${i}].`));
  const result = schema.safeParse(withTextFields(source.data, old.items));
  if (!result.success) return { problems: [...old.problems, ...schemaProblems(result.error, source, file).filter((p) => !fromOld(p))] };
  const fm = result.data;
  const problems: Problem[] = [...old.problems];
  // 请填写… / 请改写：… left by the importer or `npm run new`: never on the site.
  problems.push(...placeholderProblems(source.data, { file, locate: source.locate }), ...bodyPlaceholderProblems(source.body, source.bodyLine, file));

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
    ...(org ? { org } : {}),
    locate: (i, field) => source.locate(field ? ['metrics', i, field] : ['metrics', i]),
    sourceOf: (i, field) => source.sourceOf(['metrics', i, field]),
  });
  const figureProblems: Problem[] = [...metricsOut.problems];
  const locate = (m: ResolvedMetric) => ({ ...source.locate(['metrics', m.index, 'text'])!, field: `metrics[${m.index}].text` });
  figureProblems.push(...checkRelations(metricsOut.metrics, { catalog: ctx.catalog, file, locate }));
  // The body as a syntax tree: MDX policy, what the sanitiser removes, images and links; its components must
  // name figures of this report; the text a reader reads (with each <Figure> as the figure it prints) is what
  // the presence check and the search index see.
  const mdx = reportKind(file) === 'mdx';
  const body = analyzeBody(source.body, { file, bodyLine: source.bodyLine, mdx, components: REPORT_COMPONENTS, site: ctx.site.site, slug });
  problems.push(...body.problems);
  problems.push(...componentProblems(body.components, metricsOut.metrics, file));
  const text = bodyPlainText(source.body, { mdx, tree: body.tree, figureText: (props) => resolveFigureRef(metricsOut.metrics, props.metric, props.asOf)?.text });
  // The text's figures are found once: the presence check and the claim check read the same printings.
  const found = findFigures(text, figureVocabulary(ctx.catalog.baseUnits));
  figureProblems.push(...checkPresence(metricsOut.metrics, text, { file, baseUnits: ctx.catalog.baseUnits, locate, found }));
  // Each printed figure read as the claim its sentence makes: whose, what, when, how wide. Without a known org
  // the bank's own name reads as anyone's: the org problem comes first, and the claims wait for it.
  const claimed = checkClaims(org ? [...metricsOut.metrics, ...metricsOut.withheld] : [], text, {
    file, catalog: ctx.catalog, date: fm.date, found, ...(org ? { org } : {}),
    locate: (m, field = 'text') => ({ ...source.locate(['metrics', m.index, field]), field: `metrics[${m.index}].${field}` }),
  });
  for (const m of metricsOut.metrics) {
    const printing = claimed.printings.get(m.index);
    if (printing !== undefined) m.printing = printing;
  }
  const relationParts = new Set(figureProblems.filter((p) => p.code === 'relation-part-of').map((p) => indexOf(p)));
  figureProblems.push(...claimed.problems.filter((p) => !(p.code === 'claim-part-exceeds-whole' && relationParts.has(indexOf(p)))));
  // One fault, said once, by what explains it: a plan dated at its target year is a plan; someone else's figure
  // out of the bank's band is someone else's figure.
  const explained = new Map<string | undefined, Set<string>>();
  for (const p of claimed.problems) {
    const i = indexOf(p);
    if (!explained.has(i)) explained.set(i, new Set());
    if (p.code === 'claim-plan') explained.get(i)!.add('metric-asof-after-date');
    if (p.code === 'claim-asof' && figureProblems.some((q) => q.code === 'metric-asof-after-date' && indexOf(q) === i)) explained.get(i)!.add('claim-asof');
    if (/^claim-(?:subject-other|metric-other|scope-missing|per-unit|plan)$/.test(p.code)) ['metric-implausible', 'metric-limit'].forEach((c) => explained.get(i)!.add(c));
  }
  const superseded = (p: Problem) => explained.get(indexOf(p))?.has(p.code) === true;
  problems.push(...figureProblems.filter((p) => !fromOld(p) && !superseded(p)));
  if (ctx.missingGlyphs) {
    // A label the author did not write is the catalog's: then the key line carries it.
    problems.push(...glyphProblems({ title: fm.title, summary: fm.summary, metrics: metricsOut.metrics }, ctx.missingGlyphs, {
      file,
      locate: (path) => source.locate(path),
    }));
  }
  const coverAt = fm.cover ? source.locate(['cover', 'src']) : undefined;

  const images = body.images;
  const reportLinks = body.links.flatMap((l) => (l.report !== undefined ? [{ url: l.url, line: l.line, column: l.column, report: l.report }] : []));
  if (problems.some((p) => p.severity === 'error') || !org) return { problems, source, coverAt, images, reportLinks };
  return {
    problems,
    source,
    coverAt,
    images,
    reportLinks,
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
      chartsInBody: body.components.some((c) => c.name === 'MetricChart'),
      text,
    },
  };
}

/** Every figure a component names must be one of this report's figures, by key or label. */
function componentProblems(components: readonly BodyComponent[], metrics: readonly ResolvedMetric[], file: string): Problem[] {
  const out: Problem[] = [];
  const names = [...new Set(metrics.flatMap((m) => (m.key ? [m.key, m.label] : [m.label])))];
  const unknown = (c: BodyComponent, name: unknown, asOf: unknown): Problem => {
    const guesses = typeof name === 'string' ? suggest(name, names, 2) : [];
    return {
      severity: 'error', code: 'component-metric-unknown', file, line: c.line, column: c.column, field: '正文',
      title: `<${c.name}> 引用的数字在 metrics 里找不到`,
      what: `<${c.name}> 写的是“${String(name)}”${asOf !== undefined ? `（截至 ${String(asOf)}）` : ''}，这份报告的 metrics 里没有这个指标${asOf !== undefined ? '或这个截至日期' : ''}。`,
      why: '正文里的数字由 frontmatter 里校验过的数字填入；找不到就无从填写。',
      fix: guesses.length > 0 ? `是不是想写 ${quoteList(guesses)}？` : '先在 frontmatter 的 metrics 里写上这个数字，再用它的指标代码或名称引用。',
    };
  };
  for (const c of components) {
    if (c.name === 'Figure') {
      if (!resolveFigureRef(metrics, c.props.metric, c.props.asOf)) out.push(unknown(c, c.props.metric, c.props.asOf));
    } else if (c.name === 'MetricChart') {
      const keys = Array.isArray(c.props.metrics) ? c.props.metrics : [c.props.metrics];
      const found = keys.map((k) => resolveFigureRef(metrics, k));
      keys.forEach((k, i) => {
        if (!found[i]) out.push(unknown(c, k, undefined));
      });
      // A figure quoted about someone else is listed apart on the report page; drawn beside the organisation's
      // it would read as one of them.
      const quoted = found.filter((m): m is ResolvedMetric => m !== undefined && !isOwnFigure(m));
      if (quoted.length > 0) {
        out.push({
          severity: 'error', code: 'component-chart-context', file, line: c.line, column: c.column, field: '正文',
          title: '<MetricChart> 不能画别处的数字',
          what: `<MetricChart> 列了标着 context: true 的数字：${quoted.map((m) => `${m.label} ${m.text}`).join('、')}。`,
          why: '别处的数字（全国、全省、合作单位……）只在报告页“文中引用的其他数字”里单独列出；和本机构的数字画在一张图里，读者会当成本机构的数字来比。',
          fix: `从 metrics={[…]} 里删掉${quoteList(quoted.map((m) => m.label), '和')}，只比较本机构自己的数字。`,
        });
        continue;
      }
      const units = new Set(found.filter((m) => m !== undefined).map((m) => m.baseUnit));
      if (found.every((m) => m !== undefined) && (found.length < 2 || units.size > 1)) {
        out.push({
          severity: 'error', code: 'component-chart-unlike', file, line: c.line, column: c.column, field: '正文',
          title: '<MetricChart> 要比较至少两个单位相同的数字',
          what: found.length < 2 ? `<MetricChart> 只列了 ${found.length} 个数字。` : `<MetricChart> 的数字单位不同：${found.map((m) => `${m!.label} ${m!.text}`).join('、')}。`,
          why: '一张对比图只能画同一单位的数字，不同单位画在一根坐标轴上会误导读者。',
          fix: '只列同一单位（如都是金额）的两个以上数字，如 metrics={["deposit_balance", "loan_balance"]}。',
        });
      }
    }
  }
  return out;
}
