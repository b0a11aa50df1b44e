import { urlPathOf } from '../site.ts';
import type { Finding, Ref } from '../types.ts';

/** A #fragment must name exactly one element on the target page: a link to a repeated id lands on the first. */
export function checkAnchor(
  r: Ref,
  target: URL,
  file: string,
  base: string,
  ids: ReadonlyMap<string, Set<string>>,
  twice: ReadonlyMap<string, Set<string>>,
): Finding | undefined {
  const hash = target.hash.slice(1);
  if (!hash || !file.endsWith('.html')) return undefined;
  let id: string;
  try {
    id = decodeURIComponent(hash);
  } catch {
    id = hash;
  }
  const page = file === r.from ? '本页' : `页面 ${urlPathOf(base, file)} `;
  // `#top` scrolls to the top even without such an element (HTML spec).
  if (id.toLowerCase() !== 'top' && !ids.get(file)?.has(id)) return { problem: 'anchor', reason: `${page}上没有 id="${id}" 的元素` };
  if (twice.get(file)?.has(id)) return { problem: 'anchor-twice', reason: `${page}上不止一个元素的 id 是“${id}”，链接只会到第一个` };
  return undefined;
}
