import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { shanghaiMidnight } from '../lib/dates.ts';
import { getSiteData } from '../lib/site-data.ts';
import { absoluteUrl, routes } from '../lib/urls.ts';

/** RSS of published reports only, newest first. */
export const GET: APIRoute = async () => {
  const { model, published, base, site } = await getSiteData();
  return rss({
    title: model.site.name,
    description: model.site.description,
    site: absoluteUrl(site, base, routes.home()),
    items: published.map((r) => ({
      title: r.title,
      link: absoluteUrl(site, base, routes.report(r.slug)),
      pubDate: shanghaiMidnight(r.date),
      description: r.summary,
      author: r.authors.join('、') || undefined,
      categories: r.themes,
    })),
    customData: '<language>zh-cn</language>',
  });
};
