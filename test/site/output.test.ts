/**
 * The built site as files: nothing unpublished anywhere, every internal link and asset resolves under the
 * base, nothing points at another host, og:image files exist.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { loadContent } from '../helpers/content.ts';
import { BASE, SITE } from './global-setup.ts';

const distDir = inject('distDir');
const contentDir = inject('contentDir');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [full];
  });
}

let files: string[] = [];
let html: string[] = [];
let unpublished: { slug: string; title: string }[] = [];

beforeAll(async () => {
  files = walk(distDir);
  html = files.filter((f) => f.endsWith('.html'));
  const { model } = await loadContent({ contentDir });
  unpublished = model.reports.filter((r) => !r.published).map((r) => ({ slug: r.slug, title: r.title }));
});

describe('drafts and embargoed reports', () => {
  it('the samples contain at least one draft and one future-dated report', async () => {
    const { model } = await loadContent({ contentDir });
    expect(model.reports.some((r) => r.draft)).toBe(true);
    expect(model.reports.some((r) => !r.draft && !r.published)).toBe(true);
  });

  it('appear in no file name and no text file of the output', async () => {
    expect(unpublished.length).toBeGreaterThanOrEqual(2);
    for (const f of files) {
      const rel = path.relative(distDir, f);
      for (const u of unpublished) expect(rel, rel).not.toContain(u.slug);
    }
    for (const f of files.filter((x) => /\.(html|xml|json|js|txt|css)$/.test(x))) {
      const text = readFileSync(f, 'utf8');
      for (const u of unpublished) {
        expect(text.includes(u.title), `${path.relative(distDir, f)} 含有未发布报告“${u.title}”`).toBe(false);
        expect(text.includes(`reports/${u.slug}/`), `${path.relative(distDir, f)} 链接到未发布报告 ${u.slug}`).toBe(false);
      }
    }
  });
});

describe('links and assets', () => {
  it('every internal href/src resolves to a file under the base', async () => {
    const broken: string[] = [];
    const attr = /\s(?:href|src)=["']([^"'#]+)["']/g;
    for (const f of html) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(attr)) {
        const url = m[1]!.replace(/&amp;/g, '&');
        if (/^(mailto:|data:|javascript:)/.test(url)) continue;
        if (/^https?:/.test(url)) {
          if (!url.startsWith(SITE)) broken.push(`${path.relative(distDir, f)} → 外部地址 ${url}`);
          continue;
        }
        if (!url.startsWith('/')) continue; // relative links are rare; resolved by the browser tests
        if (!url.startsWith(BASE)) {
          broken.push(`${path.relative(distDir, f)} → ${url}（缺少 ${BASE} 前缀）`);
          continue;
        }
        const p = decodeURIComponent(url.split('?')[0]!.slice(BASE.length));
        const target = path.join(distDir, p.endsWith('/') || p === '' ? path.join(p, 'index.html') : p);
        if (!existsSync(target) || !statSync(target).isFile()) broken.push(`${path.relative(distDir, f)} → ${url}`);
      }
    }
    expect(broken.slice(0, 20)).toEqual([]);
  });

  it('no page references another host in CSS or scripts', async () => {
    for (const f of files.filter((x) => /\.(css|js|html)$/.test(x))) {
      const text = readFileSync(f, 'utf8');
      const hosts = [...text.matchAll(/url\(\s*["']?(https?:)?\/\/[^)]+\)|@import\s+["']?https?:|<script[^>]+src=["']https?:|<link[^>]+href=["']https?:\/\/(?!showcase\.intranet\.test)/g)].map((m) => m[0]);
      expect(hosts, path.relative(distDir, f)).toEqual([]);
    }
  });

  it('every page declares zh-CN and utf-8', async () => {
    for (const f of html) {
      const text = readFileSync(f, 'utf8');
      expect(text, f).toMatch(/<html[^>]*lang="zh-CN"/);
      expect(text.toLowerCase(), f).toMatch(/<meta charset="utf-8"/);
    }
  });
});

describe('cards and og tags', () => {
  it('every report page has an og:image under the base that exists', async () => {
    const reportPages = html.filter((f) => /reports[\\/][^\\/]+[\\/]index\.html$/.test(f) && !f.includes(`${path.sep}page${path.sep}`));
    expect(reportPages.length).toBeGreaterThan(10);
    for (const f of reportPages) {
      const text = readFileSync(f, 'utf8');
      const og = /<meta property="og:image" content="([^"]+)"/.exec(text)?.[1];
      expect(og, f).toBeDefined();
      expect(og!.startsWith(`${SITE}${BASE}cards/reports/`), og).toBe(true);
      expect(existsSync(path.join(distDir, og!.slice(`${SITE}${BASE}`.length))), og).toBe(true);
    }
  });
});
