/**
 * The outputs made from content rather than from pages — the search index and the share cards — and the
 * document they are made from (see routes/outputs.ts).
 */
import { createHash } from 'node:crypto';
import { buildCatalog, buildRegistry } from '../lib/catalog.ts';
import type { ContentModel, Report } from '../lib/model.ts';
import type { CatalogData } from '../schemas/catalog.ts';
import type { OrgRegistryData } from '../schemas/org.ts';
import type { SiteConfig } from '../schemas/site.ts';
import type { SearchDoc } from '../search/index-build.ts';

/** Where the document is served, relative to the base; never left in a finished build. */
export const OUTPUTS_ROUTE = '_showcase/outputs.json';

export interface OutputsManifest {
  site: SiteConfig;
  catalogData: CatalogData;
  registryData: OrgRegistryData;
  /** Published reports (bodies left out: cards do not need them, search has its own text). */
  reports: Report[];
  search: SearchDoc[];
}

export function modelOf(m: OutputsManifest): ContentModel {
  return { site: m.site, catalog: buildCatalog(m.catalogData), registry: buildRegistry(m.registryData), reports: m.reports };
}

export function searchDigest(docs: readonly SearchDoc[]): string {
  return createHash('sha256').update(JSON.stringify(docs)).digest('hex');
}
