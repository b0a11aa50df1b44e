import { defineCollection } from 'astro:content';
import { problemsEntrySchema, reportEntrySchema } from './loaders/entry.ts';
import { dataFileLoader } from './loaders/data.ts';
import { reportsLoaders } from './loaders/reports.ts';
import { catalogSchema } from './schemas/catalog.ts';
import { orgRegistrySchema } from './schemas/org.ts';
import { siteConfigSchema } from './schemas/site.ts';

const reports = reportsLoaders({ strict: process.env.SHOWCASE_STRICT === '1' });

export const collections = {
  reports: defineCollection({ loader: reports.reports, schema: reportEntrySchema }),
  // One entry, 'all': the reports' problems (in dev, for the banner and the pages of broken reports).
  problems: defineCollection({ loader: reports.problems, schema: problemsEntrySchema }),
  // content/site.yaml, metrics.yaml and orgs.yaml: one entry each, under the collection's name.
  site: defineCollection({ loader: dataFileLoader('site'), schema: siteConfigSchema }),
  catalog: defineCollection({ loader: dataFileLoader('catalog'), schema: catalogSchema }),
  registry: defineCollection({ loader: dataFileLoader('registry'), schema: orgRegistrySchema }),
};
