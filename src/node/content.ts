/**
 * Reads a content folder from disk: settings, metric catalog, organisation registry and every report, and
 * validates all of it in one pass so an author sees every problem of every file at once.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { catalogSchema } from '../schemas/catalog.ts';
import { orgRegistrySchema } from '../schemas/org.ts';
import { siteConfigSchema, type SiteConfig } from '../schemas/site.ts';
import { buildCatalog, buildRegistry, catalogIssues, registryIssues } from '../lib/catalog.ts';
import type { ContentModel, Report } from '../lib/model.ts';
import type { Problem } from '../lib/problems.ts';
import { normalizeBase } from '../lib/urls.ts';
import { reportSchemaFor, slugOf, validateReport } from '../lib/validate/report.ts';
import { fieldPath } from '../lib/validate/schema-issues.ts';
import { contentDirFromEnv, dataFile, nowFromEnv } from './config.ts';
import { decodeReportFile } from './decode.ts';

export interface LoadOptions {
  /** Content folder; default from SHOWCASE_CONTENT or content/. */
  contentDir?: string;
  /** Build "today"; default from SHOWCASE_NOW or now. */
  now?: Date;
  /** Validate only these report files or folders (absolute or relative to cwd) instead of <content>/reports. */
  paths?: string[];
  env?: NodeJS.ProcessEnv;
}

export interface LoadResult {
  model: ContentModel;
  problems: Problem[];
  /** Report files read. */
  files: string[];
  contentDir: string;
}

/** A settings/catalog/registry file that cannot be read stops everything: there is nothing to check against. */
export class ContentConfigError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(problems.map((p) => `${p.file}: ${p.title}`).join('\n'));
    this.problems = problems;
  }
}

function readData<T>(file: string, schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, label: string): T {
  const rel = path.relative(process.cwd(), file) || file;
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'), { version: '1.2' });
  } catch (e) {
    const err = e as { linePos?: { line: number; col: number }[]; message: string };
    throw new ContentConfigError([{
      severity: 'error', code: 'data-yaml', file: rel, line: err.linePos?.[0]?.line, column: err.linePos?.[0]?.col,
      title: `${label}的格式有误`, what: `${label}无法读取。`, fix: '检查这一行的冒号、缩进和引号。',
    }]);
  }
  const res = schema.safeParse(raw);
  if (!res.success) {
    throw new ContentConfigError(res.error.issues.map((i) => ({
      severity: 'error' as const, code: 'data-schema', file: rel, field: fieldPath(i.path.filter((p): p is string | number => typeof p !== 'symbol')),
      title: `${label}有误`, what: i.message, fix: `按 ${path.basename(file)} 开头的字段说明修改。`,
    })));
  }
  return res.data;
}

export function resolveSite(site: SiteConfig, env: NodeJS.ProcessEnv = process.env): SiteConfig {
  return {
    ...site,
    base: normalizeBase(env.SHOWCASE_BASE?.trim() || site.base),
    site: env.SHOWCASE_SITE?.trim() || site.site,
  };
}

/** Settings of a content folder with the environment applied (for astro.config.mjs). */
export function loadSiteSettings(opts: { contentDir?: string; env?: NodeJS.ProcessEnv } = {}): SiteConfig {
  const env = opts.env ?? process.env;
  const contentDir = path.resolve(opts.contentDir ?? contentDirFromEnv(env));
  return resolveSite(readData(dataFile(contentDir, 'site.yaml'), siteConfigSchema, '站点设置 site.yaml'), env);
}

function listReports(dir: string): string[] {
  if (!existsSync(dir)) return [];
  if (statSync(dir).isFile()) return [dir];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name.startsWith('_')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listReports(full));
    else if (/\.(md|mdx)$/i.test(entry.name)) out.push(full);
  }
  return out.sort();
}

export function loadContentSync(opts: LoadOptions = {}): LoadResult {
  const env = opts.env ?? process.env;
  const contentDir = path.resolve(opts.contentDir ?? contentDirFromEnv(env));
  const now = opts.now ?? nowFromEnv(env);
  const site = resolveSite(readData(dataFile(contentDir, 'site.yaml'), siteConfigSchema, '站点设置 site.yaml'), env);
  const catalogData = readData(dataFile(contentDir, 'metrics.yaml'), catalogSchema, '指标目录 metrics.yaml');
  const registryData = readData(dataFile(contentDir, 'orgs.yaml'), orgRegistrySchema, '机构名录 orgs.yaml');
  const dataIssues = [
    ...catalogIssues(catalogData).map((what) => ({ file: 'metrics.yaml', what })),
    ...registryIssues(registryData).map((what) => ({ file: 'orgs.yaml', what })),
  ];
  if (dataIssues.length > 0) {
    throw new ContentConfigError(dataIssues.map(({ file, what }) => ({
      severity: 'error', code: 'data-consistency', file, title: '目录数据前后矛盾', what, fix: '改正后重新运行。',
    })));
  }
  const catalog = buildCatalog(catalogData);
  const registry = buildRegistry(registryData);
  const reportsDir = path.join(contentDir, 'reports');
  const files = opts.paths && opts.paths.length > 0 ? opts.paths.flatMap((p) => listReports(path.resolve(p))) : listReports(reportsDir);

  const ctx = { site, catalog, registry, now, schema: reportSchemaFor(site) };
  const problems: Problem[] = [];
  const reports: Report[] = [];
  const slugs = new Map<string, string>();
  for (const abs of files) {
    // Paths in messages are relative to the content folder (reports/x.md) or, outside it, to cwd.
    const inside = !path.relative(contentDir, abs).startsWith('..');
    const file = (inside ? path.relative(contentDir, abs) : path.relative(process.cwd(), abs)).split(path.sep).join('/');
    const slug = slugOf(file);
    const other = slugs.get(slug);
    if (other) {
      problems.push({
        severity: 'error', code: 'slug-duplicate', file, line: 1, column: 1,
        title: '两份报告的网址相同',
        what: `“${file}”和“${other}”的文件名都是 ${slug}，网址都会是 reports/${slug}/。`,
        fix: '给其中一份改个文件名，如在后面加上季度或日期：' + `${slug}-2。`,
      });
      continue;
    }
    slugs.set(slug, file);
    const decoded = decodeReportFile(readFileSync(abs), file);
    problems.push(...decoded.problems);
    if (decoded.text === undefined) continue;
    const { report, problems: found } = validateReport(decoded.text, file, ctx);
    problems.push(...found);
    if (report?.cover && !/^https?:/.test(report.cover.src)) {
      const img = path.resolve(path.dirname(abs), report.cover.src);
      if (!existsSync(img)) {
        problems.push({
          severity: 'error', code: 'cover-missing', file, field: 'cover.src',
          title: '封面图片找不到', what: `cover.src 写的是“${report.cover.src}”，这个文件不存在。`,
          fix: '把图片放到报告旁边（如 images/ 文件夹），路径写成相对报告文件的 ./images/xxx.jpg。',
        });
        continue;
      }
    } else if (report?.cover) {
      problems.push({
        severity: 'error', code: 'cover-remote', file, field: 'cover.src',
        title: '封面图片不能用外网地址', what: `cover.src 写的是网址“${report.cover.src}”。`,
        why: '内网读者打不开外网图片。', fix: '把图片下载下来放到报告旁边，写相对路径 ./images/xxx.jpg。',
      });
      continue;
    }
    if (report) reports.push(report);
  }
  reports.sort((a, b) => b.date.localeCompare(a.date) || a.slug.localeCompare(b.slug));
  return { model: { site, catalog, registry, reports }, problems, files, contentDir };
}
