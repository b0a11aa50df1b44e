import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { shanghaiMidnight } from '../lib/dates.ts';
import { getSiteData } from '../astro/site-data.ts';
import { absoluteUrl, routes } from '../lib/urls.ts';

function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

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
      // RSS <author> must be an e-mail address; bylines go in Dublin Core's creator instead.
      customData: r.authors.length > 0 ? `<dc:creator>${escapeXml(r.authors.join('、'))}</dc:creator>` : undefined,
      categories: r.themes,
    })),
    xmlns: { dc: 'http://purl.org/dc/elements/1.1/' },
    customData: '<language>zh-cn</language>',
  });
};
