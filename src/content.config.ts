import { defineCollection } from 'astro:content';
import { reportEntrySchema } from './loaders/entry.ts';
import { reportsLoader } from './loaders/reports.ts';

export const collections = {
  reports: defineCollection({
    loader: reportsLoader({ strict: process.env.SHOWCASE_STRICT === '1' }),
    schema: reportEntrySchema,
  }),
};
