/**
 * The validated, resolved shape of content that every consumer (pages, cards, search, scripts) works with.
 * Produced by `loadContentSync()` (src/node/content.ts) and, inside Astro, by `src/astro/site-data.ts`.
 */
import type { Band, MetricDefinition, Dimension, Relation, Shares } from '../schemas/catalog.ts';
import type { Org } from '../schemas/org.ts';
import type { SiteConfig } from '../schemas/site.ts';
import type { FigureForm } from './figures/index.ts';

/**
 * One figure of a report, as the article prints it. A figure with a `key` IS that catalog metric for the
 * organisation (org-wide, or the metric's own scope): only such figures enter totals, rankings and trends. A
 * figure without a key is the report's own (a segment, a programme, a branch, a period): shown on its report
 * and card, searched, checked against the body, never added up or ranked.
 */
export interface ResolvedMetric {
  /** Catalog key (an alias in the file is resolved to the key); absent for a figure of the report's own. */
  key?: string;
  /** What it counts, in the article's words; the catalog's label when the report wrote none. */
  label: string;
  /** A narrower scope, as written: 近3年, 扶贫贷款, 江华支行. */
  scope?: string;
  /** The catalog metric, when `key` is set. */
  definition?: MetricDefinition;
  /** Catalog dimension (money, people …): the metric's, or for a figure of its own the one its unit belongs to. */
  dimension: string;
  /** The figure exactly as the article prints it: 216.66亿元, 40余亿元, 超六成, 3至5个. Show this, never a recomposition. */
  text: string;
  /** number, percent, cheng (超六成), range (3至5个), percentage-points, multiple, fraction. */
  form: FigureForm;
  /** As printed, before the prefix: 216.66 for 216.66亿元; the lower end of a range. */
  value: number;
  /** As printed, with prefix: 亿元, 成, 个百分点. */
  unit: string;
  /** Marker as printed (余, 超 …). */
  approx?: string;
  /** Digits after the decimal point as printed. */
  decimals: number;
  /** value × multiplier, in baseUnit (the lower end of a range). */
  base: number;
  baseUnit: string;
  multiplier: number;
  /** The base values the printed figure stands for (40余亿元 = 40亿 to 50亿). */
  interval: readonly [number, number];
  /** Last day of the period the figure describes. */
  asOf: string;
  /** 2025年第一季度末 … */
  asOfLabel: string;
  /** Leads on the card, poster, list and top panel, in this order (1 first). */
  featured?: number;
  note?: string;
  derived: boolean;
  /**
   * A figure the article quotes about someone else (全国, 全省, a partner): shown on its report page as context,
   * never as the organisation's figure on cards, lists, rankings or totals.
   */
  context?: boolean;
  /** Which printing of the text is this figure's source (0 = the first), as the claim check chose it. */
  printing?: number;
  /** Position in the frontmatter list (metrics[index]), for messages and the default order. */
  index: number;
  /** Line of its `text` in the file, so a check across reports can name it after the file is closed. */
  line?: number;
}

export interface Cover {
  /** Path as written in the file (relative to the report). */
  src: string;
  /** The image as Astro processed it (pages only). */
  image?: { src: string; width: number; height: number; format: string };
  alt: string;
  caption?: string;
  credit?: string;
}

export interface Report {
  /** File name without extension: the report lives at <base>reports/<slug>/. */
  slug: string;
  /** Path relative to the content folder, e.g. reports/jiexiu-2025q1.md. */
  file: string;
  title: string;
  summary: string;
  org: Org;
  /** Publication day in Shanghai, YYYY-MM-DD. */
  date: string;
  year: number;
  authors: string[];
  themes: string[];
  cover?: Cover;
  draft: boolean;
  /** Not a draft and not dated after today (Shanghai). Only these reach any output. */
  published: boolean;
  metrics: ResolvedMetric[];
  /**
   * The .mdx body draws its own <MetricChart>: its page then adds no charts under the figures, so no figure
   * is drawn twice. (The body itself is not kept here: the page renders it from the collection entry.)
   */
  chartsInBody: boolean;
  /** The body as a reader reads it (markup out, each <Figure> as the figure it prints): search and presence use it. */
  text: string;
}

export interface Catalog {
  dimensions: Record<string, Dimension>;
  metrics: MetricDefinition[];
  relations: Relation[];
  /** key → definition */
  byKey: Map<string, MetricDefinition>;
  /** key, label and every alias → definition */
  byName: Map<string, MetricDefinition>;
  /** Every base unit of every dimension, longest first. */
  baseUnits: string[];
  /** A unit of an `alike` group → the group's first unit (名 → 人); see `countedAs`. */
  alikeUnit: ReadonlyMap<string, string>;
  /** Named sets of plausible amounts per organisation level (a metric names one in `band`). */
  bands: Record<string, Band>;
  /** The words that make an unkeyed percent a share of a whole, and its hard limit. */
  shares?: Shares;
}

export interface OrgRegistry {
  orgs: Org[];
  byId: Map<string, Org>;
  /** name, short and aliases → org */
  byName: Map<string, Org>;
}

export interface ContentModel {
  site: SiteConfig;
  catalog: Catalog;
  registry: OrgRegistry;
  /** Every report read without errors, drafts and embargoed included: filter on `published`. */
  reports: Report[];
}
