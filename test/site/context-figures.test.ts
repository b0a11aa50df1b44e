/**
 * A figure a report quotes about someone else (`context: true`, CONTEXT_REPORT: 全国普惠小微贷款余额36.1万亿元 in
 * a report of 样例农商银行) on the built site: its report page lists it in a section of its own below the bank's
 * figures, with its label, date and a link to its sentence; nowhere else is it shown as a figure — not in the
 * report's top panel, its organisation's page, any report list, ranking, total or chart, its casebook's figure
 * panels, the cards' data or any download. The body's own text (on the report page, in the casebook, in search)
 * prints the sentence as written, as it should.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cardText, orgCardData, reportCardData } from '../../src/cards/data.ts';
import { routes } from '../../src/lib/urls.ts';
import { loadContent } from '../helpers/content.ts';
import { launch } from '../../tools/browser.ts';
import { CONTEXT_REPORT as R } from '../../tools/corpus.ts';

const distDir = inject('distDir');
const contentDir = inject('contentDir');
const siteUrl = inject('siteUrl');

type Node = ReturnType<typeof parseDocument>;
type Element = ReturnType<typeof DomUtils.findAll>[number];
const html = (file: string): Node => parseDocument(readFileSync(path.join(distDir, file), 'utf8'));
const all = (root: Node | Element, test: (e: Element) => boolean): Element[] => DomUtils.findAll(test, 'children' in root ? root.children : []);
const hasClass = (cls: string) => (e: Element) => (e.attribs.class ?? '').split(/\s+/).includes(cls);
const text = (e: Node | Element) => DomUtils.textContent(e).replace(/\s+/g, '');

const reportFile = path.join('reports', R.slug, 'index.html');

describe('the report page', () => {
  const doc = html(reportFile);

  it('lists the figure in its own section below the bank’s figures, with label, date and a link to its sentence', () => {
    const sections = all(doc, (e) => e.name === 'section' && (hasClass('metrics-panel')(e) || hasClass('context-figures')(e)));
    expect(sections.map((s) => s.attribs.class)).toEqual(['metrics-panel', 'context-figures']);
    const ctx = sections[1]!;
    expect(text(all(ctx, (e) => e.name === 'h2')[0]!)).toBe('文中引用的其他数字（不是本机构的成绩）');
    const items = all(ctx, hasClass('metric'));
    expect(items.map((f) => f.attribs['data-figure'])).toEqual([R.context.text]);
    const item = items[0]!;
    expect(hasClass('metric-context')(item)).toBe(true);
    expect(text(all(item, (e) => e.name === 'dt')[0]!)).toBe(R.context.label);
    expect(text(all(item, hasClass('metric-asof'))[0]!)).toBe(`截至${R.context.asOfLabel}`);
    // No ranking to link to: it is no metric of the bank.
    expect(all(all(item, (e) => e.name === 'dt')[0]!, (e) => e.name === 'a')).toEqual([]);
    const link = all(item, hasClass('source-link'))[0]!;
    expect(link.attribs['aria-label']).toBe(`${R.context.text}，出处：本报告正文中印着这个数字的句子`);
    const target = all(doc, (e) => e.attribs.id === link.attribs.href!.slice(1));
    expect(target).toHaveLength(1);
    expect(DomUtils.existsOne((e) => e === target[0], all(doc, hasClass('report-body')))).toBe(true);
    expect(all(target[0]!, (e) => e.name === 'mark').map(text)).toEqual([R.context.text]);
  });

  it('keeps it out of the top panel: the bank’s own figures only, none of them leading with it', () => {
    const panel = all(doc, hasClass('metrics-panel'))[0]!;
    expect(all(panel, hasClass('metric')).map((f) => f.attribs['data-figure'])).toEqual([...R.own]);
    expect(text(panel)).not.toContain(R.context.text);
    expect(text(panel)).not.toContain(R.context.label);
  });

  describe('in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launch();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('the section is visible below the bank’s figures, and its link lands on the sentence', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const p = await context.newPage();
        await p.goto(`${siteUrl}reports/${R.slug}/`, { waitUntil: 'load' });
        const panel = (await p.locator('.metrics-panel').boundingBox())!;
        const section = p.locator('.context-figures');
        await expect(section.isVisible()).resolves.toBe(true);
        const box = (await section.boundingBox())!;
        expect(box.y).toBeGreaterThanOrEqual(panel.y + panel.height);
        // Small beside the bank's figures: it is context, not a headline.
        const size = (sel: string) => p.locator(sel).first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
        expect(await size('.context-figures .metric-number')).toBeLessThan(await size('.metrics-panel .metric-number'));
        const link = section.locator('.source-link');
        const href = (await link.getAttribute('href'))!;
        await link.focus();
        await p.keyboard.press('Enter');
        await p.waitForFunction((h) => location.hash === h, href);
        const landed = await p.evaluate((id) => {
          const el = document.getElementById(id)!;
          return { focused: document.activeElement === el, inBody: !!el.closest('.report-body'), mark: el.querySelector('mark')?.textContent ?? '' };
        }, href.slice(1));
        expect(landed).toEqual({ focused: true, inBody: true, mark: R.context.text });
      } finally {
        await context.close();
      }
    });
  });
});

describe('nowhere else is it a figure', () => {
  /** Every page of the site but the report's own, with the report bodies taken out (their text is the article's). */
  const pages = (readdirSync(distDir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.html') && f !== reportFile)
    .map((f) => ({ f, doc: html(f) }));

  it('no page shows it outside an article’s own text: lists, organisation, rankings, totals, charts, casebooks', () => {
    expect(pages.length).toBeGreaterThan(100);
    const shown: string[] = [];
    for (const { f, doc } of pages) {
      for (const body of all(doc, hasClass('report-body'))) DomUtils.removeElement(body);
      const t = text(doc);
      if (t.includes(R.context.text) || t.includes(R.context.label)) shown.push(f);
      // Charts carry their data as JSON in an attribute.
      for (const e of all(doc, (x) => Object.values(x.attribs).some((v) => v.includes(R.context.text)))) shown.push(`${f} <${e.name}>`);
    }
    expect(shown).toEqual([]);
  });

  it('its organisation’s pages and every list entry of the report show the bank’s figures only', () => {
    const entries = pages.flatMap(({ f, doc }) =>
      all(doc, hasClass('report-item'))
        .filter((li) => all(li, (e) => e.name === 'a' && (e.attribs.href ?? '').endsWith(`${routes.report(R.slug)}`)).length > 0)
        .map((li) => ({ f, chips: all(li, hasClass('figure-chip')).map((c) => text(all(c, (e) => e.name === 'strong')[0]!)) })),
    );
    // Listed on a page of its organisation (the generated corpus gives it several), the report lists and more.
    expect(entries.filter((e) => e.f.startsWith(path.join('orgs', R.orgId) + path.sep)), 'on its organisation’s pages').toHaveLength(1);
    expect(entries.length).toBeGreaterThan(2);
    for (const e of entries) expect(e.chips, e.f).toEqual([...R.own]);
  });

  it('the casebook of its year prints its figure panel without it, and has no context section', () => {
    const casebook = pages.find(({ doc }) => all(doc, (e) => e.attribs['data-slug'] === R.slug).length > 0);
    expect(casebook, 'a casebook holds the report').toBeDefined();
    const section = all(casebook!.doc, (e) => e.attribs['data-slug'] === R.slug)[0]!;
    expect(all(section, hasClass('metric')).map((f) => f.attribs['data-figure'])).toEqual([...R.own]);
    expect(all(section, hasClass('context-figures'))).toEqual([]);
  });

  it('the cards are drawn from the bank’s figures only, and are built', async () => {
    const { model } = await loadContent({ contentDir });
    const report = model.reports.find((r) => r.slug === R.slug)!;
    expect(report.published).toBe(true);
    expect(report.metrics.filter((m) => m.context).map((m) => m.text)).toEqual([R.context.text]);
    const card = reportCardData(report, model);
    expect(card.figures.map((f) => f.text)).toEqual([...R.own]);
    expect(cardText(card)).not.toContain(R.context.label);
    const org = orgCardData(report.org, model.reports.filter((r) => r.published), model)!;
    expect(org.figures.map((f) => f.text)).not.toContain(R.context.text);
    expect(cardText(org)).not.toContain(R.context.label);
    for (const png of [routes.reportCard(R.slug), routes.reportPoster(R.slug), routes.orgCard(R.orgId)]) expect(existsSync(path.join(distDir, png)), png).toBe(true);
  });

  it('no download has a row of it; the report’s rows are the bank’s figures', () => {
    const files = (readdirSync(path.join(distDir, 'data'), { recursive: true }) as string[]).filter((f) => /\.(csv|json)$/.test(f));
    expect(files).toEqual(expect.arrayContaining(['figures.csv', 'figures.json', `orgs/${R.orgId}.csv`, `orgs/${R.orgId}.json`]));
    for (const f of files) {
      const s = readFileSync(path.join(distDir, 'data', f), 'utf8');
      expect(s.includes(R.context.text) || s.includes(R.context.label), f).toBe(false);
    }
    for (const f of ['figures.json', `orgs/${R.orgId}.json`]) {
      const rows = (JSON.parse(readFileSync(path.join(distDir, 'data', f), 'utf8')) as { rows: { report: string; text: string }[] }).rows;
      expect(rows.filter((r) => r.report === R.slug).map((r) => r.text), f).toEqual([...R.own]);
    }
  });
});
