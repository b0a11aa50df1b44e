/**
 * Who may use the review page: it shows draft files and writes them, so only the writer's own browser on this
 * computer. A request is refused unless it comes from a loopback address, names a loopback host (a web page
 * elsewhere can point a name of its own at 127.0.0.1, but its requests then carry that name), and — for a
 * write — is a same-origin fetch with a JSON body: a page on another origin can neither send JSON without the
 * browser asking first (which nothing here answers) nor forge the Origin header.
 */

export interface RequestFacts {
  method: string;
  /** The TCP peer's address. */
  remote: string | undefined;
  host: string | null;
  origin: string | null;
  /** Sec-Fetch-Site, which browsers send with every request. */
  fetchSite: string | null;
  contentType: string | null;
}

const LOOPBACK_ADDRESS = /^(?:127(?:\.\d{1,3}){3}|::1|::ffff:127(?:\.\d{1,3}){3})$/;
const LOOPBACK_HOST = /^(?:127(?:\.\d{1,3}){3}|localhost|\[::1\])(?::\d{1,5})?$/i;

export function isLoopbackAddress(a: string | undefined): boolean {
  return !!a && LOOPBACK_ADDRESS.test(a);
}

/** Why the request is refused (Chinese, for the response), or undefined when it may go on. */
export function requestRefusal(r: RequestFacts): string | undefined {
  if (!isLoopbackAddress(r.remote)) return '审阅页面只能在运行 npm run dev 的这台电脑上打开（地址 127.0.0.1）。';
  if (!r.host || !LOOPBACK_HOST.test(r.host)) return '审阅页面只接受发给本机地址（127.0.0.1 或 localhost）的请求。';
  if (r.origin !== null && r.origin !== `http://${r.host}`) return '审阅页面只接受它自己页面发来的请求。';
  if (r.fetchSite !== null && !['same-origin', 'none'].includes(r.fetchSite)) return '审阅页面只接受它自己页面发来的请求。';
  if (r.method !== 'GET' && r.method !== 'HEAD') {
    if (r.origin === null) return '保存请求缺少来源（Origin），不予处理：请在审阅页面上点“保存”。';
    if (!/^application\/json\b/i.test(r.contentType ?? '')) return '保存请求要用 JSON 格式发送：请在审阅页面上点“保存”。';
  }
  return undefined;
}

/** The facts of a Fetch API request and its peer address. */
export function factsOf(request: Request, remote: string | undefined): RequestFacts {
  const h = request.headers;
  return { method: request.method.toUpperCase(), remote, host: h.get('host'), origin: h.get('origin'), fetchSite: h.get('sec-fetch-site'), contentType: h.get('content-type') };
}
