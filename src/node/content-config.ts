/**
 * The three data files every report is checked against: site settings (site.yaml), the metric catalog
 * (metrics.yaml) and the organisation registry (orgs.yaml). Read with line positions, so a mistake in them is
 * reported like a mistake in a report: Chinese, file:line, field, what to write. The reports loader, the loader
 * of their own collections (src/loaders/data.ts) and `npm run check` all read them through `readContentConfig`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'astro/zod';
import { buildCatalog, buildRegistry, catalogIssues, registryIssues } from '../lib/catalog.ts';
import { placeholderProblems } from '../lib/validate/placeholders.ts';
import { parseYamlFile } from '../lib/frontmatter.ts';
import type { Catalog, OrgRegistry } from '../lib/model.ts';
import { formatProblem, type Problem } from '../lib/problems.ts';
import { normalizeBase } from '../lib/urls.ts';
import { schemaProblems } from '../lib/validate/schema-issues.ts';
import { catalogSchema, type CatalogData } from '../schemas/catalog.ts';
import { orgRegistrySchema, type OrgRegistryData } from '../schemas/org.ts';
import { siteConfigSchema, type SiteConfig } from '../schemas/site.ts';
import { editorSchema, type JsonSchema } from '../lib/editor-schema.ts';
import { createReportSchema } from '../schemas/report.ts';
import { displayPath } from './paths.ts';

/** A data file that cannot be used stops everything: there is nothing to check reports against. */
export class ContentConfigError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(problems.map((p) => `${p.file}: ${p.title}`).join('\n'));
    this.name = 'ContentConfigError';
    this.problems = problems;
  }
}

export const DATA_FILES = { site: 'site.yaml', catalog: 'metrics.yaml', registry: 'orgs.yaml' } as const;

const LABELS = { site: '站点设置 site.yaml', catalog: '指标目录 metrics.yaml', registry: '机构名录 orgs.yaml' } as const;

const HELP: Record<string, string> = {
  name: 'name: 案例展台',
  site: 'site: http://showcase.bank.local',
  base: 'base: /showcase/',
  themes: 'themes: 下面每项写“- name: 普惠金融”',
  orgs: 'orgs: 下面每项以“- id: jiexiu”开头',
  id: 'id: jiexiu（小写英文字母、数字和连字符）',
  region: 'region: { province: 山西, city: 晋中 }',
  dimensions: 'dimensions: 下面每项写量纲代码，如 money: { label: 金额, units: [元] }',
  metrics: 'metrics: 下面每项以“- key: deposit_balance”开头',
  key: 'key: deposit_balance（小写英文字母、数字和下划线）',
  label: 'label: 各项存款余额',
  dimension: 'dimension: money（dimensions 里的一项）',
  kind: 'kind: stock、flow 或 rate',
};

export interface ContentConfig {
  contentDir: string;
  /** site.yaml with SHOWCASE_BASE / SHOWCASE_SITE applied. */
  site: SiteConfig;
  catalogData: CatalogData;
  registryData: OrgRegistryData;
  catalog: Catalog;
  registry: OrgRegistry;
  /** The files actually read (a content folder may lack some; the project's own are used then). */
  files: { site: string; catalog: string; registry: string };
  /** Changes whenever any of the three files or the environment overrides change. */
  digest: string;
}

/** The content folder's own file, or the project's when the folder has none. */
export function dataFile(contentDir: string, projectContentDir: string, name: string): string {
  const own = path.join(contentDir, name);
  return existsSync(own) ? own : path.join(projectContentDir, name);
}

function readData<T>(file: string, schema: z.ZodType<T>, label: string, contentDir: string): { data: T; text: string } {
  const rel = displayPath(file, contentDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ContentConfigError([{
      severity: 'error', code: 'data-unreadable', file: rel, title: `${label}读不出来`,
      what: `找不到或打不开文件 ${rel}。`, fix: '检查文件是否存在、是否有读取权限。',
    }]);
  }
  const parsed = parseYamlFile(text, rel, label);
  if (!parsed.ok) throw new ContentConfigError(parsed.problems);
  const res = schema.safeParse(parsed.source.data);
  if (!res.success) {
    const problems = schemaProblems(res.error, parsed.source, rel, { fieldsAt: () => [], help: HELP });
    throw new ContentConfigError(problems.map((p) => ({ ...p, title: `${label}：${p.title}` })));
  }
  // A placeholder the import's proposal leaves (province: 请填写省份) would name a page of the site.
  const placeholders = placeholderProblems(parsed.source.data, { file: rel, locate: parsed.source.locate, label });
  if (placeholders.length > 0) throw new ContentConfigError(placeholders);
  return { data: res.data, text };
}

/** The code or name an issue is about: the first quoted name or the first lower-case code in its text. */
function subjectOf(what: string): string | undefined {
  return /“([^”]+)”/.exec(what)?.[1] ?? /\b([a-z][a-z0-9_-]*)\b/.exec(what)?.[1];
}

/** Where a consistency issue of the catalog or the registry stands in its file: the line naming the key or id. */
function lineOf(text: string, needle: string | undefined): number | undefined {
  if (!needle) return undefined;
  const i = text.split('\n').findIndex((l) => new RegExp(`(?:key|id|label|name|aliases|short|balance|increase|rate|part|whole)\\s*:.*\\b?${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(l));
  return i >= 0 ? i + 1 : undefined;
}

export function resolveSite(site: SiteConfig, env: NodeJS.ProcessEnv = process.env): SiteConfig {
  return {
    ...site,
    base: normalizeBase(env.SHOWCASE_BASE?.trim() || site.base),
    site: env.SHOWCASE_SITE?.trim() || site.site,
  };
}

interface Memo {
  key: string;
  config: ContentConfig;
}
// Both loaders and the check read the same three files within one sync; the stamp (path, size, mtime) makes
// an edited file read again, so this is a de-duplication, never a stale copy.
let memo: Memo | undefined;

function stamp(file: string): string {
  const s = statSync(file, { throwIfNoEntry: false });
  return s ? `${file}:${s.size}:${s.mtimeMs}` : `${file}:-`;
}

export interface ReadConfigOptions {
  contentDir: string;
  /** The project's own content folder, whose data files stand in for missing ones. */
  projectContentDir: string;
  env?: NodeJS.ProcessEnv;
}

export function readContentConfig(opts: ReadConfigOptions): ContentConfig {
  const env = opts.env ?? process.env;
  const contentDir = path.resolve(opts.contentDir);
  const files = {
    site: dataFile(contentDir, opts.projectContentDir, DATA_FILES.site),
    catalog: dataFile(contentDir, opts.projectContentDir, DATA_FILES.catalog),
    registry: dataFile(contentDir, opts.projectContentDir, DATA_FILES.registry),
  };
  const key = [stamp(files.site), stamp(files.catalog), stamp(files.registry), env.SHOWCASE_BASE ?? '', env.SHOWCASE_SITE ?? ''].join('|');
  if (memo?.key === key) return memo.config;

  const site = readData(files.site, siteConfigSchema, LABELS.site, contentDir);
  const catalog = readData(files.catalog, catalogSchema, LABELS.catalog, contentDir);
  const registry = readData(files.registry, orgRegistrySchema, LABELS.registry, contentDir);
  const issues = [
    ...catalogIssues(catalog.data).map((what) => ({ what, file: files.catalog, text: catalog.text })),
    ...registryIssues(registry.data).map((what) => ({ what, file: files.registry, text: registry.text })),
  ];
  if (issues.length > 0) {
    throw new ContentConfigError(issues.map((i) => ({
      severity: 'error', code: 'data-consistency', file: displayPath(i.file, contentDir), line: lineOf(i.text, subjectOf(i.what)),
      title: '目录数据前后矛盾', what: `${i.what}。`, fix: '改正这一处，使每个代码和名称只出现一次、引用的指标都存在。',
    })));
  }
  const digest = createHash('sha256').update(site.text).update('\0').update(catalog.text).update('\0').update(registry.text)
    .update('\0').update(env.SHOWCASE_BASE ?? '').update('\0').update(env.SHOWCASE_SITE ?? '').digest('hex');
  const config: ContentConfig = {
    contentDir,
    site: resolveSite(site.data, env),
    catalogData: catalog.data,
    registryData: registry.data,
    catalog: buildCatalog(catalog.data),
    registry: buildRegistry(registry.data),
    files,
    digest,
  };
  memo = { key, config };
  return config;
}

/**
 * base and site for astro.config.mjs. Never throws: a broken site.yaml falls back to the defaults here and is
 * reported, with its line, by the reports loader, which stops the build.
 */
export function readSiteAddress(opts: ReadConfigOptions): { base: string; site: string } {
  const env = opts.env ?? process.env;
  const file = dataFile(path.resolve(opts.contentDir), opts.projectContentDir, DATA_FILES.site);
  let site: SiteConfig | undefined;
  try {
    const parsed = parseYamlFile(readFileSync(file, 'utf8'), file, LABELS.site);
    const res = parsed.ok ? siteConfigSchema.safeParse(parsed.source.data) : undefined;
    site = res?.success ? res.data : undefined;
  } catch {
    site = undefined;
  }
  const resolved = resolveSite(site ?? siteConfigSchema.parse({ themes: [{ name: '—' }] }), env);
  return { base: resolved.base, site: resolved.site };
}

/**
 * For the command-line scripts: `run`'s result, or undefined once the settings' problems (and `failure`, what
 * the script therefore cannot do) are printed in Chinese. Any other error is not the operator's to fix here.
 */
export function orExplainConfigProblems<T>(run: () => T, failure?: string): T | undefined {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof ContentConfigError)) throw e;
    for (const p of e.problems) console.error(`${formatProblem(p)}\n`);
    if (failure) console.error(failure);
    return undefined;
  }
}

/**
 * The JSON Schema of report frontmatter for editors, from the one zod schema of a report narrowed by this
 * content's catalog, registry and themes: `npm run schema` writes it for editors reading JSON Schema, and the
 * reports collection carries it for Astro's content IntelliSense (VS Code).
 */
export function reportEditorSchema(config: ContentConfig): JsonSchema {
  const zodSchema = createReportSchema({ themes: config.site.themes.map((t) => t.name) });
  // Input form: what a writer types (dates as text, figures as printed), not what the checks turn it into.
  const base = z.toJSONSchema(zodSchema, { io: 'input', unrepresentable: 'any', target: 'draft-07' }) as JsonSchema;
  return editorSchema(base, { catalog: config.catalog, registry: config.registry, site: config.site });
}
