/**
 * Content for pages, read once per build through the same loader and checks as `npm run check`.
 * Pages get only published reports; drafts and embargoed reports never reach them.
 */
import type { ContentModel, Report } from './model.ts';
import { loadContentSync } from '../node/content.ts';

export interface SiteData {
  model: ContentModel;
  /** Published reports, newest first. */
  published: Report[];
  /** '/showcase/' form. */
  base: string;
  /** Absolute intranet address. */
  site: string;
}

let cached: SiteData | undefined;

export async function getSiteData(): Promise<SiteData> {
  if (!cached) {
    const { model } = loadContentSync();
    cached = {
      model,
      published: model.reports.filter((r) => r.published),
      base: model.site.base,
      site: model.site.site,
    };
  }
  return cached;
}
