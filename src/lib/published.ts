/**
 * The one rule for what a reader may see. A report is published when it is not a draft and its date (a day in
 * Beijing) is not after today in Beijing. Every output — pages, listings, feed, search records, cards,
 * downloads — asks this function, directly or through the reports loader, which keeps nothing else in a build.
 */
import { todayInShanghai, type IsoDay } from './dates.ts';

export type PublicationState = 'published' | 'draft' | 'embargoed';

export function publicationState(report: { draft: boolean; date: IsoDay }, today: IsoDay): PublicationState {
  if (report.draft) return 'draft';
  return report.date > today ? 'embargoed' : 'published';
}

export function isPublished(report: { draft: boolean; date: IsoDay }, now: Date): boolean {
  return publicationState(report, todayInShanghai(now)) === 'published';
}
