/**
 * Everything the search index and the share cards are made from, as one JSON document derived from the
 * reports collection: published reports only. The build fetches it once (astro:build:done) and removes it
 * from the output; in dev the search middleware reads it for each new state of the content.
 */
import type { APIRoute } from 'astro';
import { getSiteData } from '../astro/site-data.ts';
import { searchDoc } from '../search/docs.ts';
import type { OutputsManifest } from '../astro/outputs.ts';

export const GET: APIRoute = async () => {
  const { model, published, base } = await getSiteData();
  const manifest: OutputsManifest = {
    site: model.site,
    catalogData: {
      dimensions: model.catalog.dimensions, metrics: model.catalog.metrics, relations: model.catalog.relations, bands: model.catalog.bands,
      ...(model.catalog.shares ? { shares: model.catalog.shares } : {}),
    },
    registryData: { orgs: model.registry.orgs },
    reports: published,
    search: published.map((r) => searchDoc(r, base)),
  };
  return new Response(JSON.stringify(manifest), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
