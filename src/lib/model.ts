/**
 * The validated, resolved shape of content that every consumer (pages, cards, search, scripts) works with.
 * Produced by `loadContentSync()` (src/node/content.ts) and, inside Astro, by `src/astro/site-data.ts`.
 */
import type { MetricDefinition, Dimension, Relation } from '../schemas/catalog.ts';
import type { Org } from '../schemas/org.ts';
import type { SiteConfig } from '../schemas/site.ts';

export interface ResolvedMetric {
  /** Catalog key (an alias in the file is resolved to the key). */
  key: string;
  /** Display label: the report's override or the catalog's label. */
  label: string;
  definition: MetricDefinition;
  /** The figure as the article prints it, marker and unit included: 216.66亿元, 40余亿元, 超六成. Show this. */
  text: string;
  /** As printed: 216.66 for 216.66亿元. */
  value: number;
  /** As printed, with prefix: 亿元. */
  unit: string;
  /** Marker as written (余, 超 …). */
  approx?: string;
  /** Digits after the decimal point as printed. */
  decimals: number;
  /** value × multiplier, in baseUnit. */
  base: number;
  baseUnit: string;
  multiplier: number;
  /** Last day of the period the figure describes. */
  asOf: string;
  /** 2025年第一季度末 … */
  asOfLabel: string;
  note?: string;
  derived: boolean;
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
  /** Markdown/MDX body without frontmatter. */
  body: string;
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
