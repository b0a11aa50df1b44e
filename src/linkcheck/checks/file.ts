import type { Finding } from '../types.ts';

/**
 * The file a URL path names under the base, resolved the way a plain static server does: a path ending in /
 * needs its index.html, nothing is guessed.
 */
export function targetFile(target: URL, base: string, files: ReadonlySet<string>): { file: string } | Finding {
  if (!target.pathname.startsWith(base)) {
    return { problem: 'outside-base', reason: `地址不在子路径 ${base} 下，部署到子路径后会找不到` };
  }
  let rel: string;
  try {
    rel = target.pathname.slice(base.length).split('/').map(decodeURIComponent).join('/');
  } catch {
    return { problem: 'bad-url', reason: '网址里的百分号编码无效' };
  }
  if (rel === '' || rel.endsWith('/')) {
    const file = `${rel}index.html`;
    return files.has(file) ? { file } : { problem: 'missing', reason: `找不到文件 ${file}` };
  }
  if (files.has(rel)) return { file: rel };
  if (files.has(`${rel}/index.html`)) {
    return { problem: 'no-slash', reason: `这是一个目录，网址要以 / 结尾（${target.pathname}/），否则要多一次跳转，服务器不允许时就找不到` };
  }
  return { problem: 'missing', reason: `找不到文件 ${rel}` };
}
