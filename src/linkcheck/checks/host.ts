import type { ExternalLink, Finding, Ref } from '../types.ts';

/**
 * Which host an absolute reference points at. Only the site's own host goes on to the file checks; an asset
 * from elsewhere is a problem (the intranet has no internet, and the CSP allows only the site's own files),
 * a link to elsewhere is only listed.
 */
export type HostVerdict = { own: true } | { own: false; finding?: Finding; external?: ExternalLink };

export function checkHost(r: Ref, target: URL, site: string | null): HostVerdict {
  if (!/^https?:$/.test(target.protocol)) {
    return { own: false, finding: r.kind === 'asset' ? { problem: 'external-asset', reason: `页面加载了 ${target.protocol} 协议的资源，内网读者的浏览器加载不了` } : undefined };
  }
  const own = site !== null && target.origin === site;
  if (r.kind === 'self') {
    if (site !== null && !own) {
      return { own: false, finding: { problem: 'foreign-self', reason: `站点自己的地址应当在 ${site} 上，这里是 ${target.origin}（检查 SHOWCASE_SITE）` } };
    }
  } else if (!own) {
    if (r.kind === 'asset') return { own: false, finding: { problem: 'external-asset', reason: `资源来自其他主机 ${target.host}：内网没有外网，而且内容安全策略只允许本站资源` } };
    return { own: false, external: { ...r, host: target.host } };
  }
  return { own: true };
}
