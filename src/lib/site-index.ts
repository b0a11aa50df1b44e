/**
 * Indexes over the published reports, built once per state of the content (src/astro/site-data.ts) so that no
 * page walks every report: the listings by organisation, region, theme and year, and each report's related
 * reports. A build renders one page per report plus the listings; a scan of all reports on each of those
 * pages made the build quadratic in the number of reports.
 */
import type { Report } from './model.ts';

/** Group items by a key in one pass, keeping their order inside each group. */
export function groupInOrder<T, K>(items: readonly T[], key: (x: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const x of items) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}

export interface SiteIndex {
  /** Organisation id → its reports, newest first (the order of `published`). */
  byOrg: Map<string, Report[]>;
  /** Province → its reports. */
  byProvince: Map<string, Report[]>;
  /** Province → city → its reports. */
  byCity: Map<string, Map<string, Report[]>>;
  /** Theme name → its reports. */
  byTheme: Map<string, Report[]>;
  /** Year → its reports. */
  byYear: Map<number, Report[]>;
  /** Up to `RELATED` related reports of a published report (see relatedOf). */
  related: (r: Report) => Report[];
}

export const RELATED = 4;

export function buildSiteIndex(published: readonly Report[]): SiteIndex {
  const byProvince = groupInOrder(published, (r) => r.org.region.province);
  const byCity = new Map<string, Map<string, Report[]>>();
  for (const [province, rs] of byProvince) {
    byCity.set(province, groupInOrder(rs.filter((r) => r.org.region.city), (r) => r.org.region.city!));
  }
  const byTheme = new Map<string, Report[]>();
  for (const r of published) {
    for (const t of new Set(r.themes)) {
      const list = byTheme.get(t);
      if (list) list.push(r);
      else byTheme.set(t, [r]);
    }
  }
  const related = relatedOf(published, RELATED);
  const memo = new Map<string, Report[]>();
  const byOrg = groupInOrder(published, (r) => r.org.id);
  return {
    byOrg,
    byProvince,
    byCity,
    byTheme,
    byYear: groupInOrder(published, (r) => r.year),
    related: (r) => {
      let got = memo.get(r.slug);
      if (!got) memo.set(r.slug, (got = related(r)));
      return got;
    },
  };
}

/**
 * The related reports of src/lib/aggregate.ts `relatedReports`, computed from an index instead of a scan:
 * up to n reports sharing the organisation or themes, the organisation counting as two shared themes, most
 * shared first, then newest first (then the order of `all`, which is newest first).
 *
 * A candidate's score depends only on whether it shares the organisation and on its set of themes. So the
 * reports are bucketed by theme set (and by organisation and theme set): within a bucket every report scores
 * the same for a given report, and only a bucket's first n (newest) can make the list. A report looks at the
 * first n of each bucket instead of at every report.
 */
export function relatedOf(all: readonly Report[], n: number): (report: Report) => Report[] {
  const position = new Map<Report, number>();
  all.forEach((r, i) => position.set(r, i));
  const themeBit = new Map<string, bigint>();
  const maskOf = (r: Report) => {
    let m = 0n;
    for (const t of r.themes) {
      let bit = themeBit.get(t);
      if (bit === undefined) themeBit.set(t, (bit = 1n << BigInt(themeBit.size)));
      m |= bit;
    }
    return m;
  };
  const masks = new Map<Report, bigint>();
  for (const r of all) masks.set(r, maskOf(r));
  const byMask = groupInOrder(all, (r) => masks.get(r)!);
  const byOrgMask = groupInOrder(all, (r) => `${r.org.id}\u0000${masks.get(r)!.toString(36)}`);
  const byOrg = groupInOrder(all, (r) => r.org.id);
  const shared = (a: bigint, b: bigint) => {
    let x = a & b;
    let c = 0;
    while (x) {
      x &= x - 1n;
      c++;
    }
    return c;
  };

  return (report) => {
    const mine = masks.get(report) ?? maskOf(report);
    const candidates: { r: Report; score: number }[] = [];
    // Same organisation: score 2 + shared themes, the newest n of each theme set.
    const orgMasks = new Set((byOrg.get(report.org.id) ?? []).map((r) => masks.get(r)!));
    for (const m of orgMasks) {
      let taken = 0;
      for (const r of byOrgMask.get(`${report.org.id}\u0000${m.toString(36)}`) ?? []) {
        if (r.slug === report.slug) continue;
        candidates.push({ r, score: 2 + shared(m, mine) });
        if (++taken === n) break;
      }
    }
    // Other organisations: the shared themes alone, the newest n of each theme set that shares any.
    for (const [m, rs] of byMask) {
      const score = shared(m, mine);
      if (score === 0) continue;
      let taken = 0;
      for (const r of rs) {
        if (r.org.id === report.org.id || r.slug === report.slug) continue;
        candidates.push({ r, score });
        if (++taken === n) break;
      }
    }
    return candidates
      .sort((a, b) => b.score - a.score || b.r.date.localeCompare(a.r.date) || position.get(a.r)! - position.get(b.r)!)
      .slice(0, n)
      .map((x) => x.r);
  };
}
