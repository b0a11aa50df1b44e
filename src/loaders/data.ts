/**
 * The loader of the site settings, the metric catalog and the organisation registry, each a collection of its
 * own entry (id: the collection's name). They are read by the same line-numbered reader as the reports loader
 * and `npm run check` (src/node/content-config.ts), so all three agree on what the files say.
 *
 * A file with a problem stores nothing new: the reports loader reports it (and stops a build); in dev the last
 * good entry stays on show until the file is right again.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { contentDirFromEnv, projectContentDir } from '../node/config.ts';
import { ContentConfigError, DATA_FILES, readContentConfig, type ContentConfig } from '../node/content-config.ts';

export type DataFileName = keyof typeof DATA_FILES;

/** What each collection stores of the content config: the file as validated (site.yaml with its overrides). */
const PICK = {
  site: (c: ContentConfig) => c.site,
  catalog: (c: ContentConfig) => c.catalogData,
  registry: (c: ContentConfig) => c.registryData,
} satisfies Record<DataFileName, (c: ContentConfig) => unknown>;

/** Per store: the file watcher's listener is added once, as Astro keeps it across the loader's runs. */
const watched = new WeakSet<object>();

export function dataFileLoader(name: DataFileName): Loader {
  return {
    name: `showcase-${name}`,
    load: async (context) => {
      const root = fileURLToPath(context.config.root);
      const contentDir = contentDirFromEnv(process.env, root);
      const sync = () => store(context, name, root, contentDir);
      await sync();
      const watcher = context.watcher;
      if (!watcher || watched.has(context.store)) return;
      watched.add(context.store);
      const files = Object.values(DATA_FILES).flatMap((f) => [path.join(contentDir, f), path.join(projectContentDir(root), f)]);
      watcher.add(files);
      // Any of the three: the catalog and the registry are checked against each other.
      const onChange = (changed: string) => {
        if (files.includes(changed)) sync().catch((e: unknown) => context.logger.error(`${DATA_FILES[name]} 更新失败：${e instanceof Error ? e.message : String(e)}`));
      };
      watcher.on('change', onChange);
      watcher.on('add', onChange);
      watcher.on('unlink', onChange);
    },
  };
}

async function store(context: LoaderContext, name: DataFileName, root: string, contentDir: string): Promise<void> {
  let config: ContentConfig;
  try {
    config = readContentConfig({ contentDir, projectContentDir: projectContentDir(root) });
  } catch (e) {
    if (e instanceof ContentConfigError) return;
    throw e;
  }
  const data = await context.parseData({ id: name, data: PICK[name](config) as Record<string, unknown> });
  context.store.set({ id: name, data, digest: config.digest });
}
