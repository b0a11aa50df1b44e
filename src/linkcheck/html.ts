/** References and element ids of one built page, read with a real HTML parser (entities decoded, raw text handled). */
import { Parser } from 'htmlparser2';
import { cssUrls, srcsetUrls } from './text.ts';
import type { Ref, RefKind } from './types.ts';

/** meta properties/names whose content is an absolute URL of this site. */
const SELF_META = new Set(['og:image', 'og:image:url', 'og:image:secure_url', 'og:url', 'twitter:image', 'twitter:image:src']);
/** <link rel> values that make the browser load the target. */
const ASSET_RELS = new Set(['stylesheet', 'icon', 'shortcut', 'apple-touch-icon', 'preload', 'modulepreload', 'prefetch', 'manifest', 'mask-icon']);

export interface PageScan {
  ids: Set<string>;
  /** Ids more than one element has: a link to one of them lands on the first, maybe not the one meant. */
  twice: Set<string>;
  refs: Ref[];
}

export function scanHtml(file: string, html: string): PageScan {
  const ids = new Set<string>();
  const twice = new Set<string>();
  const refs: Ref[] = [];
  const add = (url: string | undefined, kind: RefKind, where: string) => {
    if (url !== undefined) refs.push({ from: file, url: url.trim(), kind, where });
  };
  let inStyle = false;
  let styleText = '';
  const parser = new Parser(
    {
      onopentag(name, a) {
        for (const id of new Set([a.id, name === 'a' ? a.name : undefined])) {
          if (!id) continue;
          if (ids.has(id)) twice.add(id);
          ids.add(id);
        }
        if (a.style) for (const u of cssUrls(a.style)) add(u, 'asset', `${name} style`);
        switch (name) {
          case 'a':
          case 'area':
            add(a.href, 'link', `${name} href`);
            break;
          case 'link': {
            const rels = (a.rel ?? '').toLowerCase().split(/\s+/);
            if (rels.includes('canonical')) add(a.href, 'self', 'link canonical');
            else add(a.href, rels.some((r) => ASSET_RELS.has(r)) ? 'asset' : 'link', `link ${a.rel ?? ''}`.trim());
            if (a.imagesrcset) for (const u of srcsetUrls(a.imagesrcset)) add(u, 'asset', 'link imagesrcset');
            break;
          }
          case 'script':
            add(a.src, 'asset', 'script src');
            break;
          case 'img':
          case 'source':
          case 'audio':
          case 'track':
          case 'iframe':
          case 'embed':
          case 'input':
            add(a.src, 'asset', `${name} src`);
            if (a.srcset) for (const u of srcsetUrls(a.srcset)) add(u, 'asset', `${name} srcset`);
            break;
          case 'video':
            add(a.src, 'asset', 'video src');
            add(a.poster, 'asset', 'video poster');
            break;
          case 'object':
            add(a.data, 'asset', 'object data');
            break;
          case 'form':
            add(a.action, 'link', 'form action');
            break;
          case 'use':
          case 'image':
            add(a.href ?? a['xlink:href'], 'asset', `${name} href`);
            break;
          case 'meta': {
            const key = (a.property ?? a.name ?? '').toLowerCase();
            if (SELF_META.has(key)) add(a.content, 'self', `meta ${key}`);
            if ((a['http-equiv'] ?? '').toLowerCase() === 'refresh') {
              const m = /url\s*=\s*['"]?([^'"]+)/i.exec(a.content ?? '');
              if (m) add(m[1], 'link', 'meta refresh');
            }
            break;
          }
          case 'style':
            inStyle = true;
            styleText = '';
            break;
        }
      },
      ontext(text) {
        if (inStyle) styleText += text;
      },
      onclosetag(name) {
        if (name === 'style' && inStyle) {
          inStyle = false;
          for (const u of cssUrls(styleText)) add(u, 'asset', 'style url()');
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return { ids, twice, refs };
}
