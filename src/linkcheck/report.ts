import { groupInOrder } from '../lib/site-index.ts';
import { urlPathOf } from './site.ts';
import type { LinkCheckResult } from './types.ts';

/** The Chinese report: broken references grouped by target, each with the pages that contain it. */
export function formatReport(res: LinkCheckResult, opts: { maxPagesPerTarget?: number } = {}): string {
  const max = opts.maxPagesPerTarget ?? 5;
  const lines: string[] = [];
  const secs = (res.ms / 1000).toFixed(1);
  lines.push(
    `链接检查：子路径 ${res.base}${res.site ? `，站点 ${res.site}` : ''}；页面 ${res.pages} 个，样式表 ${res.stylesheets} 个，引用 ${res.refs} 处；用时 ${secs} 秒`,
  );
  if (res.problems.length) {
    lines.push('', `✖ 断链 ${res.problems.length} 处：`);
    for (const [, items] of groupInOrder(res.problems, (p) => `${p.problem}\u0000${p.url}\u0000${p.reason}`)) {
      const p = items[0]!;
      const froms = [...new Set(items.map((x) => urlPathOf(res.base, x.from)))];
      const shown = froms.slice(0, max);
      for (const from of shown) lines.push(`  ${from} → ${p.url}`);
      if (froms.length > shown.length) lines.push(`  …另有 ${froms.length - shown.length} 个页面引用了同一地址`);
      lines.push(`    原因：${p.reason}（${p.where}）`);
    }
  } else {
    lines.push('✔ 没有断链。');
  }
  if (res.external.length) {
    const hosts = groupInOrder(res.external, (e) => e.host);
    lines.push('', `提醒：指向其他主机的链接 ${res.external.length} 个（${hosts.size} 个主机），内网读者可能打不开：`);
    for (const [host, items] of hosts) {
      const froms = [...new Set(items.map((x) => urlPathOf(res.base, x.from)))];
      lines.push(`  ${host}：${froms.slice(0, max).join('、')}${froms.length > max ? ` 等 ${froms.length} 个页面` : ''}`);
    }
  }
  return lines.join('\n');
}
