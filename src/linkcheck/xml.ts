import { Parser } from 'htmlparser2';
import type { Ref } from './types.ts';

/** Item links of an RSS/Atom feed or a sitemap: absolute URLs of the site's own pages. */
export function scanXml(file: string, xml: string): Ref[] {
  const refs: Ref[] = [];
  let textOf: string | null = null;
  let text = '';
  const parser = new Parser(
    {
      onopentag(name, a) {
        if ((name === 'link' || name === 'loc' || name === 'guid') && a.ispermalink !== 'false') {
          textOf = name;
          text = '';
        }
        if (name === 'atom:link' || (name === 'link' && a.href)) refs.push({ from: file, url: a.href ?? '', kind: 'self', where: `${name} href` });
        if (name === 'enclosure' && a.url) refs.push({ from: file, url: a.url, kind: 'self', where: 'enclosure url' });
      },
      ontext(t) {
        if (textOf) text += t;
      },
      onclosetag(name) {
        if (textOf === name) {
          const url = text.trim();
          if (/^https?:\/\//i.test(url)) refs.push({ from: file, url, kind: 'self', where: name });
          textOf = null;
        }
      },
    },
    { xmlMode: true, decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(xml);
  parser.end();
  return refs;
}
