/**
 * One card rendered on request, for the dev server: the same data, templates, fonts and renderer as the
 * build's pool, without the cache or threads, so what a writer previews is what the build publishes.
 */
import type { ContentModel } from '../lib/model.ts';
import { logoDataUri } from './build.ts';
import { orgCardData, reportCardData } from './data.ts';
import { createMeasurer, loadSourceFonts, subsetFonts, type FontSet, type Measurer } from './fonts.ts';
import { slotImages } from './job.ts';
import { renderPng, satoriFonts } from './render.ts';
import { CARD, POSTER, cardTree, posterTree, treeText } from './templates.ts';

export type CardTarget = { kind: 'report' | 'poster'; slug: string } | { kind: 'org'; id: string };

let fonts: { set: FontSet; measure: Measurer } | undefined;

/** The card font is part of the program: loaded once per dev server. */
async function cardFonts(): Promise<{ set: FontSet; measure: Measurer }> {
  if (!fonts) {
    const set = loadSourceFonts();
    fonts = { set, measure: await createMeasurer(set) };
  }
  return fonts;
}

/** The PNG for a target, or undefined when there is no such published report or organisation card. */
export async function renderCard(model: ContentModel, target: CardTarget, root: string): Promise<Buffer | undefined> {
  const { set, measure } = await cardFonts();
  const logo = await logoDataUri(model, root);
  const published = model.reports.filter((r) => r.published);
  let tree;
  let size;
  let data;
  if (target.kind === 'org') {
    const org = model.registry.byId.get(target.id);
    data = org && orgCardData(org, published, model, logo);
    if (!data) return undefined;
    tree = cardTree(data, measure);
    size = CARD;
  } else {
    const report = published.find((r) => r.slug === target.slug);
    if (!report) return undefined;
    data = reportCardData(report, model, logo);
    tree = target.kind === 'poster' ? posterTree(data, measure) : cardTree(data, measure);
    size = target.kind === 'poster' ? POSTER : CARD;
  }
  const subset = await subsetFonts(set, treeText(tree));
  const images = slotImages({ logo: data.logo, ...(target.kind === 'poster' ? { qr: data.url } : {}) });
  return (await renderPng(tree, size, satoriFonts(subset), images)).png;
}
