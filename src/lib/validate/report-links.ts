/**
 * Links from one report's body to another report's page (src/lib/body/links.ts finds them): the page must be
 * on the site, so the report must exist and be published. A check across reports, run after every report file
 * has been read — by `npm run check` and by the build's reports loader alike, so both give the same verdict.
 */
import { todayInShanghai, type IsoDay } from '../dates.ts';
import type { Problem } from '../problems.ts';
import { publicationState } from '../published.ts';
import { quoteList, suggest } from '../suggest.ts';

/** A body link whose target is a report's page. */
export interface ReportLink {
  url: string;
  line: number;
  column: number;
  /** The slug of the report linked to. */
  report: string;
}

/** What a linked report is: its file and publication inputs, or null when its own errors leave that open. */
export type LinkedReport = { file: string; draft: boolean; date: IsoDay } | null;

const FIELD = '正文';
const LEAVE = '先删掉链接、只留文字，等那份报告上了网站再加；或者改成链接已经发布的报告。';

/**
 * Problems of `file`'s links to other reports. `reports` holds every report file of the content folder by
 * slug (a report without an entry does not exist).
 */
export function reportLinkProblems(file: string, links: readonly ReportLink[], reports: ReadonlyMap<string, LinkedReport>, now: Date): Problem[] {
  const today = todayInShanghai(now);
  const out: Problem[] = [];
  for (const link of links) {
    const at = { severity: 'error' as const, file, line: link.line, column: link.column, field: FIELD };
    const written = `链接“${link.url}”指向报告 ${link.report}（网址 reports/${link.report}/）`;
    if (!reports.has(link.report)) {
      const guesses = suggest(link.report, reports.keys(), 3);
      out.push({
        ...at, code: 'body-link-report-missing',
        title: '链接指向的报告不存在',
        what: `${written}，但内容文件夹的 reports/ 里没有 ${link.report}.md 或 ${link.report}.mdx。`,
        why: '读者在报告页、年度案例汇编和打印稿上点开它，看到的都是“找不到页面”。',
        fix: guesses.length > 0 ? `是不是想写 ${quoteList(guesses.map((g) => `../${g}/`))}？报告的网址就是它的文件名。` : `写成 ../报告文件名/（如 ../jiexiu-2025q1/），报告的网址就是它的文件名；${LEAVE}`,
      });
      continue;
    }
    const target = reports.get(link.report);
    if (!target) continue; // Its own errors are reported on it, and stop the build anyway.
    const state = publicationState(target, today);
    if (state === 'draft') {
      out.push({
        ...at, code: 'body-link-report-draft',
        title: '链接指向的报告还是草稿',
        what: `${written}，而 ${target.file} 写着 draft: true，网站上没有这一页。`,
        why: '草稿不会发布：读者点开看到的是“找不到页面”，链接还会让人知道有这份未发布的报告。',
        fix: LEAVE,
      });
    } else if (state === 'embargoed') {
      out.push({
        ...at, code: 'body-link-report-embargoed',
        title: '链接指向的报告还没到发布日期',
        what: `${written}，而 ${target.file} 的日期是 ${target.date}，在今天（${today}）之后，到那天才会出现在网站上。`,
        why: '在那之前读者点开看到的是“找不到页面”，链接还会提前透露这份报告。',
        fix: `${LEAVE}也可以在 ${target.date} 以后再构建发布这份报告。`,
      });
    }
  }
  return out;
}
