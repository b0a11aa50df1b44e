/**
 * Runs the content checks before Astro builds anything, and writes the outputs that are made from validated
 * content rather than from pages (search index, cards) once the pages are built. A build with content errors
 * stops with the same Chinese messages as `npm run check`, and no stack trace.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { formatProblem, sortProblems, summarize, escalate } from '../lib/problems.ts';
import type { ContentModel } from '../lib/model.ts';
import { ContentConfigError, loadContentSync } from '../node/content.ts';
import { buildCards, MissingGlyphError } from '../cards/build.ts';
import { buildSearchIndex } from '../search/index-build.ts';
import { searchDoc } from '../search/docs.ts';

export interface ShowcaseOptions {
  /** Treat warnings as errors (SHOWCASE_STRICT=1). */
  strict?: boolean;
}

export default function showcase(options: ShowcaseOptions = {}): AstroIntegration {
  let model: ContentModel | undefined;
  return {
    name: 'case-showcase',
    hooks: {
      'astro:config:setup': ({ command, logger }) => {
        const started = performance.now();
        let result;
        try {
          result = loadContentSync();
        } catch (e) {
          if (!(e instanceof ContentConfigError)) throw e;
          for (const p of e.problems) console.error(formatProblem(p) + '\n');
          logger.error('设置、指标目录或机构名录有误，构建停止。');
          process.exit(1);
        }
        const problems = sortProblems(options.strict ? escalate(result.problems) : result.problems);
        for (const p of problems) console.error(formatProblem(p) + '\n');
        const errors = problems.some((p) => p.severity === 'error');
        const line = `${summarize(problems, result.files.length)}（${Math.round(performance.now() - started)} 毫秒）`;
        if (errors && command === 'build') {
          logger.error(`${line} 请先改正上面的错误，构建停止。`);
          process.exit(1);
        }
        (errors ? logger.warn : logger.info).call(logger, line);
        model = result.model;
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!model) return;
        const outDir = fileURLToPath(dir);
        const published = model.reports.filter((r) => r.published);
        logger.info(`已发布 ${published.length} 份报告（草稿与未到发布日期的报告不输出）。`);
        await buildOutputs({ model, outDir, log: (s) => logger.info(s) });
      },
    },
  };
}

/** Search index and cards; both read only published reports. */
async function buildOutputs({ model, outDir, log }: { model: ContentModel; outDir: string; log: (s: string) => void }): Promise<void> {
  const published = model.reports.filter((r) => r.published);
  const search = await buildSearchIndex({ outDir, docs: published.map((r) => searchDoc(r, model.site.base)) });
  log(`检索索引：${search.pages} 篇，${(search.bytes / 1024).toFixed(0)} KB，${Math.round(search.ms)} 毫秒`);
  const started = performance.now();
  try {
    const cards = await buildCards({ model, outDir, log });
    log(`分享卡片：新生成 ${cards.rendered} 张，沿用缓存 ${cards.cached} 张，${Math.round(performance.now() - started)} 毫秒`);
  } catch (e) {
    if (!(e instanceof MissingGlyphError)) throw e;
    console.error(`✖ 错误  分享卡片\n${e.message}`);
    process.exit(1);
  }
}
