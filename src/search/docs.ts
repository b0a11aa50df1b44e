/**
 * Report → search document: the text a reader can find, figures included as printed. The body's text comes
 * from the loader (src/lib/body/plain-text.ts): markup out, each <Figure> as the figure it prints.
 */
import type { Report } from '../lib/model.ts';
import { routes, withBase } from '../lib/urls.ts';
import type { SearchDoc } from './index-build.ts';

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
    text: r.text,
  };
}
