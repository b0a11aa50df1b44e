import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import path from 'node:path';

const content = process.env.BENCH_CONTENT;
if (!content) throw new Error('BENCH_CONTENT 未设置：基线要读取的内容文件夹');

export const collections = {
  reports: defineCollection({ loader: glob({ pattern: '**/*.md', base: path.join(content, 'reports') }) }),
};
