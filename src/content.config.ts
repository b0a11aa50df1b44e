import { defineCollection } from 'astro:content';
import { problemsEntrySchema, reportEntrySchema } from './loaders/entry.ts';
import { dataFileLoader } from './loaders/data.ts';
import { reportsLoaders } from './loaders/reports.ts';
import { contentDirFromEnv, projectContentDir } from './node/config.ts';
import { ContentConfigError, readContentConfig, reportEditorSchema } from './node/content-config.ts';
import { catalogSchema } from './schemas/catalog.ts';
import { orgRegistrySchema } from './schemas/org.ts';
import { siteConfigSchema } from './schemas/site.ts';

const reports = reportsLoaders({ strict: process.env.SHOWCASE_STRICT === '1' });

/**
 * What editors offer and check in a report's frontmatter: the same JSON Schema as `npm run schema` writes. Read
 * when the content config loads; with a data file in error there is none (the reports loader says why).
 */
function frontmatterSchema() {
  try {
    return reportEditorSchema(readContentConfig({ contentDir: contentDirFromEnv(), projectContentDir: projectContentDir() }));
  } catch (e) {
    if (e instanceof ContentConfigError) return undefined;
    throw e;
  }
}

export const collections = {
  reports: defineCollection({ loader: reports.reports, schema: reportEntrySchema(frontmatterSchema()) }),
  // One entry, 'all': the reports' problems (in dev, for the banner and the pages of broken reports).
  problems: defineCollection({ loader: reports.problems, schema: problemsEntrySchema }),
  // content/site.yaml, metrics.yaml and orgs.yaml: one entry each, under the collection's name.
  site: defineCollection({ loader: dataFileLoader('site'), schema: siteConfigSchema }),
  catalog: defineCollection({ loader: dataFileLoader('catalog'), schema: catalogSchema }),
  registry: defineCollection({ loader: dataFileLoader('registry'), schema: orgRegistrySchema }),
};
