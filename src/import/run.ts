/**
 * One import: read a file, find its articles and either write a draft per article into the content folder
 * (never overwriting anything) or return the machine contract.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { figureVocabulary } from '../lib/figures/index.ts';
import { bodyMarkdown, importDocument, type ImportedArticle } from '../lib/import/article.ts';
import { fieldsToFill, renderDraft, type DraftImage } from '../lib/import/draft.ts';
import { contractArticle, type ContractArticle, type WrittenDraft } from '../lib/import/report.ts';
import { draftSlug, orgIdFor, topicOf } from '../lib/import/slug.ts';
import type { ContentConfig } from '../node/content-config.ts';
import { readSource, type ReadSource } from './read.ts';

export interface ImportedFile {
  source: ReadSource;
  articles: ImportedArticle[];
}

export async function importFile(file: string, config: ContentConfig, stdin?: () => Buffer): Promise<ImportedFile> {
  const source = await readSource(file, stdin);
  const articles = importDocument(source.doc, {
    catalog: config.catalog, registry: config.registry, vocab: figureVocabulary(config.catalog.baseUnits), toId: orgIdFor,
  });
  return { source, articles };
}

/** The body of an article in the contract: Markdown with images referred to by their name in the source. */
export function contractOf(imported: ImportedFile): ContractArticle[] {
  return imported.articles.map((a) => contractArticle(a, bodyMarkdown(a, (name) => `./images/${name}`)));
}

function slugFor(a: ImportedArticle): string {
  const orgId = a.registryOrg?.id ?? a.proposal?.id ?? (a.org ? orgIdFor(a.org) : undefined);
  const first = a.paragraphs.find((p) => p.kind === 'p')?.text ?? '';
  return draftSlug(orgId, a.date, a.year, topicOf(a.title, a.org, first));
}

/** A name not taken by any file in the folder nor by this run: never overwrite. */
function freeName(dir: string, base: string, ext: string, taken: Set<string>): string {
  for (let i = 1; ; i++) {
    const name = i === 1 ? base : `${base}-${i}`;
    if (!taken.has(name) && !existsSync(path.join(dir, `${name}${ext}`)) && !existsSync(path.join(dir, `${name}.mdx`))) {
      taken.add(name);
      return name;
    }
  }
}

export function writeDrafts(imported: ImportedFile, config: ContentConfig, taken: Set<string> = new Set()): WrittenDraft[] {
  const dir = path.join(config.contentDir, 'reports');
  const imagesDir = path.join(dir, 'images');
  mkdirSync(dir, { recursive: true });
  return imported.articles.map((a, i) => {
    // A company's item that is no bank's: said in the summary, never drafted for a bank.
    if (a.nonBank) return { article: a, file: null, images: 0, toFill: [] };
    const slug = freeName(dir, slugFor(a), '.md', taken);
    const written = new Map<string, string>();
    let n = 0;
    const imageSrc = (name: string): string | undefined => {
      const img = imported.source.images.get(name);
      if (!img) return undefined;
      if (!written.has(name)) {
        mkdirSync(imagesDir, { recursive: true });
        let file = `${slug}-${++n}.${img.ext}`;
        for (let k = 2; existsSync(path.join(imagesDir, file)); k++) file = `${slug}-${n}-${k}.${img.ext}`;
        writeFileSync(path.join(imagesDir, file), img.bytes, { flag: 'wx' });
        written.set(name, `./images/${file}`);
      }
      return written.get(name);
    };
    const body = bodyMarkdown(a, imageSrc);
    const firstImage = a.paragraphs.findIndex((p) => p.kind === 'image' && p.image && written.has(p.image));
    let cover: DraftImage | undefined;
    if (firstImage >= 0) {
      const p = a.paragraphs[firstImage]!;
      const caption = a.paragraphs[firstImage + 1]?.kind === 'caption' ? a.paragraphs[firstImage + 1]!.text : undefined;
      const credit = a.credits[0];
      cover = {
        src: written.get(p.image!)!,
        alt: (caption ?? '').replace(/^图为/, '').replace(/。$/, '') || '报告配图',
        ...(caption ? { caption } : {}),
        ...(credit ? { credit } : {}),
      };
    }
    const text = renderDraft({ article: a, body, source: imported.source.name, index: i + 1, themes: config.site.themes, ...(cover ? { cover } : {}) });
    const file = path.join(dir, `${slug}.md`);
    writeFileSync(file, text, { flag: 'wx' });
    const rel = path.relative(process.cwd(), file);
    return { article: a, file: rel.startsWith('..') ? file : rel.split(path.sep).join('/'), images: written.size, toFill: fieldsToFill(text) };
  });
}
