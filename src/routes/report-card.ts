/**
 * Dev only: /cards/reports/<slug>.png and <slug>-poster.png rendered on request from the current content, as
 * the build writes them (the build renders them in a pool with a cache instead of through this route).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { renderCard } from '../cards/single.ts';
import { contentType } from '../lib/mime.ts';
import { getSiteData } from '../astro/site-data.ts';
import { PROJECT_ROOT } from '../node/config.ts';

export const getStaticPaths = (async () => {
  const { published } = await getSiteData();
  return published.flatMap((r) => [{ params: { name: r.slug } }, { params: { name: `${r.slug}-poster` } }]);
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const { model, published } = await getSiteData();
  const name = String(params.name);
  const poster = name.endsWith('-poster') && !published.some((r) => r.slug === name);
  const png = await renderCard(model, { kind: poster ? 'poster' : 'report', slug: poster ? name.slice(0, -'-poster'.length) : name }, PROJECT_ROOT);
  if (!png) return new Response('没有这张卡片', { status: 404 });
  return new Response(new Uint8Array(png), { headers: { 'content-type': contentType('.png'), 'cache-control': 'no-store' } });
};
