/**
 * The validated figures of each report body the site renders, for the source-link step of the rehype plugin
 * (rehype-body.ts). The reports loader validates every report and puts its figures here before the body is
 * rendered: a .md body at once (context.renderMarkdown), an .mdx body when @astrojs/mdx compiles the file.
 * Both run in the process of the build or dev server, but the loader and the Markdown config are loaded as
 * separate module instances, so the table hangs on globalThis.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { BodyFigures } from '../lib/body/figure-anchors.ts';

const KEY = Symbol.for('showcase.bodyFigures');

function table(): Map<string, BodyFigures> {
  const g = globalThis as { [KEY]?: Map<string, BodyFigures> };
  g[KEY] ??= new Map();
  return g[KEY];
}

/** The same file under any spelling of its path (relative, through a symbolic link). */
function fileKey(file: string): string {
  const abs = path.resolve(file);
  try {
    return realpathSync.native(abs);
  } catch {
    return abs;
  }
}

export function setBodyFigures(file: string, figures: BodyFigures): void {
  table().set(fileKey(file), figures);
}

export function bodyFiguresOf(file: string | undefined): BodyFigures | undefined {
  return file ? table().get(fileKey(file)) : undefined;
}
