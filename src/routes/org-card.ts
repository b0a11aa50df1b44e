/** Dev only: /cards/orgs/<id>.png rendered on request from the current content, as the build writes it. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { renderCard } from '../cards/single.ts';
import { contentType } from '../lib/mime.ts';
import { getSiteData } from '../astro/site-data.ts';
import { PROJECT_ROOT } from '../node/config.ts';

export const getStaticPaths = (async () => {
  const { published } = await getSiteData();
  return [...new Set(published.map((r) => r.org.id))].map((id) => ({ params: { id } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const { model } = await getSiteData();
  const png = await renderCard(model, { kind: 'org', id: String(params.id) }, PROJECT_ROOT);
  if (!png) return new Response('没有这张卡片', { status: 404 });
  return new Response(new Uint8Array(png), { headers: { 'content-type': contentType('.png'), 'cache-control': 'no-store' } });
};
