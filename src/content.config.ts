import { defineCollection } from 'astro:content';
import { glob, type Loader } from 'astro/loaders';
import path from 'node:path';
import { createReportSchema } from './schemas/report.ts';
import { todayInShanghai } from './lib/dates.ts';
import { slugOf } from './lib/validate/report.ts';
import { contentDirFromEnv, nowFromEnv } from './node/config.ts';
import { loadSiteSettings } from './node/content.ts';

const contentDir = contentDirFromEnv();
const themes = loadSiteSettings({ contentDir }).themes.map((t) => t.name);

/**
 * The glob loader, minus drafts and embargoed reports: what is not in the store cannot reach a page, the
 * feed, the search index or a card, whichever code asks for it.
 */
function publishedReports(): Loader {
  const inner = glob({
    pattern: '**/[^_.]*.{md,mdx}',
    base: path.join(contentDir, 'reports'),
    // The URL is the file name, whatever sub-folder the file sits in: links survive reorganising folders.
    generateId: ({ entry }) => slugOf(entry),
  });
  return {
    name: 'showcase-published-reports',
    load: async (context) => {
      await inner.load(context);
      const today = todayInShanghai(nowFromEnv());
      for (const [id, entry] of context.store.entries()) {
        const data = entry.data as { draft?: boolean; date?: string };
        if (data.draft || !data.date || data.date > today) context.store.delete(id);
      }
    },
  };
}

export const collections = {
  reports: defineCollection({
    loader: publishedReports(),
    schema: ({ image }) => createReportSchema({ themes, image }),
  }),
};
