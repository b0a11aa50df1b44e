/**
 * Reading a URL the way a browser resolves it against a report page, without resolving it: which ones leave
 * the site (another host), which are files beside the report, which are something else. Browsers trim spaces
 * and control characters at the ends, delete tabs and newlines anywhere, and read `\` as `/`; so does this.
 */

export type UrlKind =
  | { kind: 'empty' }
  /** images/a.jpg, ./images/a.jpg, ../x/ — relative to the report. */
  | { kind: 'relative' }
  /** /images/a.jpg — the site's root, not the report's folder (and not the deployment's sub-path). */
  | { kind: 'root' }
  /** http:, https:, or //host — another host unless it is the site's own. */
  | { kind: 'remote'; host: string }
  /** C:\…, file:///… — a path on the writer's computer. */
  | { kind: 'computer' }
  | { kind: 'scheme'; scheme: string };

export function browserUrl(url: string): string {
  return url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
}

export function classifyUrl(url: string): UrlKind {
  const u = browserUrl(url);
  if (u === '') return { kind: 'empty' };
  if (/^[\\/]{2}/.test(u)) return { kind: 'remote', host: hostOf(`http:${u.replace(/\\/g, '/')}`) };
  if (/^[\\/]/.test(u)) return { kind: 'root' };
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(u)?.[1]?.toLowerCase();
  if (!scheme) return { kind: 'relative' };
  // A single letter before the colon is a Windows drive (C:\Users\…), not a scheme.
  if (scheme.length === 1 || scheme === 'file') return { kind: 'computer' };
  if (scheme === 'http' || scheme === 'https') return { kind: 'remote', host: hostOf(u.replace(/\\/g, '/')) };
  return { kind: 'scheme', scheme };
}

function hostOf(u: string): string {
  try {
    return new URL(u).host;
  } catch {
    return u.replace(/^[a-z]+:\/*/i, '').split(/[/?#]/)[0] ?? '';
  }
}

/** The host of the site's own address (site.yaml `site`), to tell own links from others. */
export function siteHost(site: string | undefined): string | undefined {
  if (!site) return undefined;
  try {
    return new URL(site).host;
  } catch {
    return undefined;
  }
}

/** The file path an image URL names, as Astro reads it (percent escapes decoded). */
export function localPath(url: string): string {
  const u = browserUrl(url).replace(/\\/g, '/');
  try {
    return decodeURI(u);
  } catch {
    return u;
  }
}
