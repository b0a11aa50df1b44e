/** Report → search document: the text a reader can find, figures included as printed. */
import type { Report } from '../lib/model.ts';
import { routes, withBase } from '../lib/urls.ts';
import type { SearchDoc } from './index-build.ts';

/** Markdown/MDX to plain text: markup out, words kept. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/^\s*(import|export)\s.*$/gm, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^#{1,6}\s*/gm, '')
    .replace(/[*_`~>|]/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** What search matches against is what the author wrote: title, summary and body. */
export function searchDoc(r: Report, base: string): SearchDoc {
  return {
    slug: r.slug,
    url: withBase(base, routes.report(r.slug)),
    title: r.title,
    org: r.org.name,
    orgId: r.org.id,
    province: r.org.region.province,
    city: r.org.region.city,
    themes: r.themes,
    year: r.year,
    date: r.date,
    summary: r.summary,
    text: plainText(r.body),
  };
}
