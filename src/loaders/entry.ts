/**
 * What the reports loader stores per entry, declared as the collections' schemas, so pages read typed data.
 * The data is the validated report itself (resolved organisation, parsed figures, dates), so pages never parse
 * or validate anything; the body travels as its rendered HTML (.md) or is compiled from the file (.mdx).
 * Whether a report is published is not stored: an embargo ends without the file changing, so pages judge it.
 *
 * The loader's problems (every file's, between files, and the data files') are the `problems` collection's one
 * entry, beside the reports rather than among them.
 */
import { z } from 'astro/zod';
import type { SchemaContext } from 'astro:content';
import type { JsonSchema } from '../lib/editor-schema.ts';
import type { FigureForm } from '../lib/figures/index.ts';
import type { Report } from '../lib/model.ts';
import type { Problem } from '../lib/problems.ts';
import { isPublished } from '../lib/published.ts';
import type { CheckedReport } from '../node/report-file.ts';
import { metricDefinitionSchema } from '../schemas/catalog.ts';
import { orgSchema } from '../schemas/org.ts';

export const problemSchema = z.strictObject({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  file: z.string(),
  line: z.number().optional(),
  column: z.number().optional(),
  field: z.string().optional(),
  title: z.string(),
  what: z.string(),
  why: z.string().optional(),
  fix: z.string(),
}) satisfies z.ZodType<Problem>;

/** One figure as the checks resolved it (src/lib/model.ts ResolvedMetric). */
const resolvedMetricSchema = z.strictObject({
  key: z.string().optional(),
  label: z.string(),
  scope: z.string().optional(),
  definition: metricDefinitionSchema.optional(),
  dimension: z.string(),
  text: z.string(),
  // The forms are the figure reader's (src/lib/figures); the checks wrote this one.
  form: z.custom<FigureForm>((v) => typeof v === 'string'),
  value: z.number(),
  unit: z.string(),
  approx: z.string().optional(),
  decimals: z.number(),
  base: z.number(),
  baseUnit: z.string(),
  multiplier: z.number(),
  interval: z.tuple([z.number(), z.number()]).readonly(),
  asOf: z.string(),
  asOfLabel: z.string(),
  featured: z.number().optional(),
  note: z.string().optional(),
  derived: z.boolean(),
  context: z.boolean().optional(),
  printing: z.number().optional(),
  index: z.number(),
  line: z.number().optional(),
});

const kind = z.enum(['md', 'mdx']);

/** The stored report: a checked file without errors (`ok`), or, in dev only, one with errors (`invalid`). */
function storedReportSchema({ image }: SchemaContext) {
  return z.discriminatedUnion('status', [
    z.strictObject({
      status: z.literal('ok'),
      kind,
      problems: z.array(problemSchema),
      slug: z.string(),
      file: z.string(),
      title: z.string(),
      summary: z.string(),
      org: orgSchema,
      date: z.string(),
      year: z.number(),
      authors: z.array(z.string()),
      themes: z.array(z.string()),
      cover: z.strictObject({
        /** As written in the file, relative to the report. */
        src: z.string(),
        /** The same file, resolved by Astro into the image it optimises. */
        image: image(),
        alt: z.string(),
        caption: z.string().optional(),
        credit: z.string().optional(),
      }).optional(),
      draft: z.boolean(),
      metrics: z.array(resolvedMetricSchema),
      chartsInBody: z.boolean(),
      text: z.string(),
    }),
    z.strictObject({
      status: z.literal('invalid'),
      kind,
      problems: z.array(problemSchema),
      slug: z.string(),
      file: z.string(),
    }),
  ]);
}

/**
 * The reports collection's schema. Astro's content IntelliSense shows editors a collection schema's input side,
 * which for this loader is the checked report, not what a writer types: `frontmatter`, the JSON Schema of the
 * report file (src/node/content-config.ts reportEditorSchema), stands in for it there and only there.
 */
export function reportEntrySchema(frontmatter?: JsonSchema) {
  return (context: SchemaContext) => {
    const stored = storedReportSchema(context);
    return frontmatter ? z.unknown().meta(frontmatter).pipe(stored) : stored;
  };
}

export type ReportEntryData = z.output<ReturnType<typeof storedReportSchema>>;

type StoredOk = Extract<ReportEntryData, { status: 'ok' }>;
type StoredCover = NonNullable<StoredOk['cover']>;

/** What the loader hands to the schema: the cover's image still the path Astro resolves. */
export type ReportEntryInput =
  | (Omit<StoredOk, 'cover'> & { cover?: Omit<StoredCover, 'image'> & { image: string } })
  | Extract<ReportEntryData, { status: 'invalid' }>;

/** The stored form of a checked file: the report as validated, its cover also handed to Astro as an image. */
export function toEntryData(checked: CheckedReport): ReportEntryInput {
  const { report } = checked;
  if (!report) return { status: 'invalid', slug: checked.slug, file: checked.file, kind: checked.kind, problems: checked.problems };
  const { published: _published, cover, ...rest } = report;
  return { ...rest, cover: cover && { ...cover, image: cover.src }, status: 'ok', kind: checked.kind, problems: checked.problems };
}

/** A stored report as pages use it, publication judged `now`. */
export function storedReport(data: ReportEntryData, now: Date): Report | undefined {
  if (data.status !== 'ok') return undefined;
  const { status: _s, kind: _k, problems: _p, ...report } = data;
  return { ...report, published: isPublished(report, now) };
}

export const problemsEntrySchema = z.strictObject({
  /**
   * 'dev' when the loader runs under the dev server (it has a file watcher), else 'build'. Pages decide what
   * is preview-only from this, never from import.meta.env.DEV, which Vite also sets in a build whenever
   * NODE_ENV is not "production" (a CI job, a test runner, an operator's shell).
   */
  mode: z.enum(['dev', 'build']),
  /** Changes whenever any stored report, or the data files, change. */
  digest: z.string(),
  /** Dev only: every problem of every report file. */
  problems: z.array(problemSchema),
  /**
   * Dev only: the problems between reports of one organisation (src/lib/validate/timeline.ts), also in
   * `problems`; a report's page shows those attached to it beside its own.
   */
  timelineProblems: z.array(problemSchema),
  /** Dev only: problems of site.yaml, metrics.yaml or orgs.yaml that stop every report from being checked. */
  configProblems: z.array(problemSchema),
});

export type ProblemsData = z.infer<typeof problemsEntrySchema>;

/** The id of the `problems` collection's one entry. */
export const PROBLEMS_ID = 'all';
