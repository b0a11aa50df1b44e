import type { Finding, Ref } from '../types.ts';

/** 404.html is served at any missing address, so a relative reference in it resolves somewhere else each time. */
export function relativeIn404(r: Ref): Finding | undefined {
  if (r.from === '404.html' && r.kind !== 'self' && !/^([a-z][a-z0-9+.-]*:|\/|#)/i.test(r.url)) {
    return { problem: 'relative-in-404', reason: '404 页面在任何找不到的网址下显示，页面里的相对地址会指向别处，请写成以子路径开头的地址' };
  }
  return undefined;
}
