/**
 * What the reports loader stores per entry, and the way back to the `Report` every page works with. The data
 * is the validated report itself (resolved organisation, parsed figures, dates), so pages never parse or
 * validate anything; the body travels as its rendered HTML (.md) or is compiled from the file (.mdx).
 */
import { z } from 'astro/zod';
import type { SchemaContext } from 'astro:content';
import type { Report } from '../lib/model.ts';
import type { Problem } from '../lib/problems.ts';
import type { CheckedReport } from '../node/report-file.ts';
import type { CatalogData } from '../schemas/catalog.ts';
import type { OrgRegistryData } from '../schemas/org.ts';
import type { SiteConfig } from '../schemas/site.ts';

/** The id of the index entry; report ids are file names, which cannot start with an underscore. */
export const INDEX_ID = '_index';

export interface IndexData {
  status: 'index';
  /**
   * 'dev' when the loader runs under the dev server (it has a file watcher), else 'build'. Pages decide what
   * is preview-only from this, never from import.meta.env.DEV, which Vite also sets in a build whenever
   * NODE_ENV is not "production" (a CI job, a test runner, an operator's shell).
   */
  mode: 'dev' | 'build';
  /** The data files every report was checked against (absent when one of them has an error). */
  site?: SiteConfig;
  catalogData?: CatalogData;
  registryData?: OrgRegistryData;
  /** Changes whenever any stored report, or the data files, change. */
  digest: string;
  /** Dev only: every problem of every report file. */
  problems: Problem[];
  /**
   * Dev only: the problems between reports of one organisation (src/lib/validate/timeline.ts), also in
   * `problems`; a report's page shows those attached to it beside its own.
   */
  timelineProblems?: Problem[];
  /** Dev only: problems of site.yaml, metrics.yaml or orgs.yaml that stop every report from being checked. */
  configProblems: Problem[];
}

export type ReportEntryData =
  | (Omit<Report, 'published'> & { status: 'ok'; kind: 'md' | 'mdx'; problems: Problem[] })
  | { status: 'invalid'; slug: string; file: string; kind: 'md' | 'mdx'; title?: string; problems: Problem[] };

export function toEntryData(checked: CheckedReport): Record<string, unknown> {
  const { report } = checked;
  if (!report) {
    const data: ReportEntryData = { status: 'invalid', slug: checked.slug, file: checked.file, kind: checked.kind, problems: checked.problems };
    return data as unknown as Record<string, unknown>;
  }
  const { published: _published, ...rest } = report;
  // cover.src becomes Astro's image object through the schema; the path as written is kept beside it.
  const cover = rest.cover ? { ...rest.cover, path: rest.cover.src } : undefined;
  const data: ReportEntryData = { ...rest, cover, status: 'ok', kind: checked.kind, problems: checked.problems };
  return data as unknown as Record<string, unknown>;
}

/**
 * The collection schema only resolves the cover into an image Astro optimises; everything else was validated
 * by the loader (src/lib/validate) and is kept as it is.
 */
export function reportEntrySchema({ image }: SchemaContext) {
  return z.looseObject({
    cover: z.looseObject({ src: image() }).optional(),
  });
}
