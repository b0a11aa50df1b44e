/** The frozen test content's registry and catalog, and a way to import text with them. */
import path from 'node:path';
import { readContentConfig } from '../../src/node/content-config.ts';
import { figureVocabulary } from '../../src/lib/figures/words.ts';
import { importDocument } from '../../src/lib/import/article.ts';
import type { SourceDoc } from '../../src/lib/import/layout.ts';
import { orgIdFor } from '../../src/lib/import/slug.ts';

export const config = readContentConfig({ contentDir: path.resolve('test/fixtures/content'), projectContentDir: path.resolve('content') });
export const ctx = { catalog: config.catalog, registry: config.registry, vocab: figureVocabulary(config.catalog.baseUnits), toId: orgIdFor };

export function textDoc(text: string): SourceDoc {
  return { lines: text.replace(/\r\n?/g, '\n').split('\n').map((t) => ({ text: t })), structured: false };
}

export function importText(text: string) {
  return importDocument(textDoc(text), ctx);
}
