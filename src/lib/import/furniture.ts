/**
 * Page furniture: what the page prints around the articles and what is not part of any of them — page numbers,
 * the newspaper's name and date line, column headers, 责任编辑, WeChat headers and footers. Dates found in it
 * are kept: a page's date line is the publication date of every item on it.
 */
import { CJK } from './text.ts';
import { parseNames } from './names.ts';

export interface PrintedDate {
  day: string;
}

const DATE = /(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?/;

function pad(n: string): string {
  return n.padStart(2, '0');
}

export function dateIn(s: string): string | undefined {
  const m = DATE.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  return `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`;
}

export type FurnitureKind = 'page-number' | 'masthead' | 'editor' | 'date' | 'wechat' | 'credit' | 'issue' | 'related';

export interface Furniture {
  kind: FurnitureKind;
  /** The publication date this line prints, if any. */
  date?: string;
  /** Writers named in a footer (文字：郭晓东). */
  authors?: string[];
  /** A photographer named in a footer (图片：王静). */
  photographer?: string;
}

const NEWSPAPER = /^[\u3400-\u9fff]{2,8}(?:日报|时报|晚报|晨报|商报|周报|导报|金融报|经济报|经营报|信息报)$/;
const EDITOR = /(?:责任编辑|责编|美术编辑|美编|版式设计|版式|校对|组版|图片编辑|值班编辑)\s*[：:]/;
const WEEKDAY = /星期[一二三四五六日天]|周[一二三四五六日]/;
const FOOTER = /^(来源|出处|编辑|审核|初审|复审|终审|审校|校对|排版|监制|出品|统筹|责编|供稿|投稿|文字|文图|撰稿|作者|文|图片|图|摄影|视频)\s*[：:｜|/]\s*(.*)$/;
/** The list of other posts a WeChat page ends with: everything after this line is other articles' titles. */
const RELATED = /^(?:往期推荐|往期回顾|往期精彩|推荐阅读|精彩推荐|相关阅读|延伸阅读|相关链接|猜你喜欢|更多精彩|近期热文)[：:]?$/;
/** Header fields of a web page or a pasted article: 作者：汪洋 储诚 up to the next field. */
const HEADER_AUTHORS = /(?:^|\s)(?:作者|撰稿|文)\s*[：:]\s*(.+?)(?=\s+(?:来源|出处|发布|发表|时间|日期|浏览|阅读|点击|编辑|责任编辑|字号|分享)|$)/;
const WECHAT_NOISE = /^(阅读(原文)?\s*\d*|阅读\s*\d+万?\+?|在看|点赞|分享|收藏|留言|写留言|赞|END|—\s*END\s*—|点击.*关注.*|长按.*二维码.*|扫码.*关注.*|关注我们|往期回顾|推荐阅读|精彩推荐|预览时标签不可点|微信扫一扫.*)$/i;

/** What kind of furniture a line is, or undefined when it is text. `orgName` tells whether a word names an org. */
export function furniture(line: string, isOrgName: (s: string) => boolean): Furniture | undefined {
  const t = line.trim();
  if (!t) return undefined;
  const compact = t.replace(/\s+/g, '');
  // — 7 — / 7 / 第7版 / - 12 -
  if (/^[-—–－\s]*\d{1,3}[-—–－\s]*$/.test(t) || /^第?\s*[\d一二三四五六七八九十]+\s*版$/.test(compact)) return { kind: 'page-number' };
  if (EDITOR.test(t)) return { kind: 'editor' };
  if (NEWSPAPER.test(compact)) return { kind: 'masthead' };
  const date = dateIn(t);
  if (date && (WEEKDAY.test(t) || /第\s*[\d一二三四五六七八九十]+\s*版/.test(t) || NEWSPAPER.test(t.split(/\s+/)[0] ?? ''))) return { kind: 'masthead', date };
  // 原创 平遥农商银行 平遥农商银行 2025年05月28日 18:06 山西
  // A WeChat header: 原创 公众号 作者 2025年05月28日 18:06 山西 / 公众号 2025-06-18 09:30 湖南
  if (date && (/^原创/.test(t) || /\d{1,2}:\d{2}/.test(t) && t.replace(DATE, '').replace(/\d{1,2}:\d{2}(?::\d{2})?/, '').replace(/\s+/g, '').length <= 24 && !/[，。；]/.test(t))) return { kind: 'wechat', date };
  // A line that is a date, or an org or office and a date: 2025年6月5日 / 湖南中行2023-8-1 / 某某办公室 2025年6月10日
  if (date) {
    const rest = t.replace(DATE, '').replace(/[\s　]+/g, '');
    if (!rest || rest.length <= 20 && (isOrgName(rest) || /(?:办公室|部|室|中心|委员会|党委|工会|团委)$/.test(rest))) return { kind: 'date', date };
  }
  // 发布时间：2025年9月3日 来源：… 作者：汪洋 储诚 — the header fields of a pasted web page.
  if (date && /^(?:发布|发表|发稿|刊发|刊登|撰稿)?(?:时间|日期)\s*[：:]/.test(t)) {
    const by = HEADER_AUTHORS.exec(t);
    const names = by ? parseNames(by[1]!) : undefined;
    return { kind: 'date', date, ...(names ? { authors: names } : {}) };
  }
  if (/^(?:\d{4}年)?第\s*[\d一二三四五六七八九十]+\s*期(?:[（(]总第?\s*\d+\s*期[）)])?$/.test(compact) || /^(?:工作)?(?:简报|动态|快讯|信息|专刊)$/.test(compact)) return { kind: 'issue' };
  if (RELATED.test(compact)) return { kind: 'related' };
  if (WECHAT_NOISE.test(compact)) return { kind: 'wechat' };
  const footer = FOOTER.exec(t);
  if (footer && t.length <= 40) {
    const [, role, who = ''] = footer;
    const names = parseNames(who.replace(/[（(].*$/, ''));
    if (role === '文字' || role === '撰稿' || role === '作者' || role === '文' || role === '文图') return { kind: 'credit', ...(names ? { authors: names } : {}) };
    if ((role === '图片' || role === '图' || role === '摄影') && names) return { kind: 'credit', photographer: names.join(' ') };
    return { kind: 'credit' };
  }
  // A short column header between a rule and the page (党建·文化) is indistinguishable from a heading; only
  // the combined header line (党建·文化 责任编辑：…) is recognised above.
  if (!CJK.test(t) && /^[\s\d\-—_=*·.]+$/.test(t)) return { kind: 'page-number' };
  return undefined;
}
