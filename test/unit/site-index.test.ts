/**
 * The site's indexes give the same answers as the scans they replace: related reports as
 * src/lib/aggregate.ts relatedReports computes them by walking every report, listings in the order of the
 * published list.
 */
import { describe, expect, it } from 'vitest';
import { relatedReports } from '../../src/lib/aggregate.ts';
import type { Report } from '../../src/lib/model.ts';
import { buildSiteIndex, groupInOrder, relatedOf } from '../../src/lib/site-index.ts';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const THEMES = ['党建引领', '普惠金融', '乡村振兴', '反诈宣传', '清廉金融', '志愿服务'];

/** Reports as the site orders them: newest first, then by file name; many share dates, orgs and themes. */
function corpus(n: number, orgs: number, seed: number): Report[] {
  const r = rng(seed);
  const reports = Array.from({ length: n }, (_, i) => {
    const org = Math.floor(r() * orgs);
    const themes = [...new Set(Array.from({ length: 1 + Math.floor(r() * 3) }, () => THEMES[Math.floor(r() * THEMES.length)]!))];
    return {
      slug: `r-${String(i).padStart(4, '0')}`,
      org: { id: `org-${org}`, name: `机构${org}`, region: { province: `省${org % 5}`, city: org % 3 ? `市${org % 7}` : undefined } },
      themes,
      // Few distinct dates, so ties on the date are common and the list order has to break them.
      date: `2025-0${1 + Math.floor(r() * 3)}-1${Math.floor(r() * 3)}`,
      year: 2025,
    } as unknown as Report;
  });
  return reports.sort((a, b) => b.date.localeCompare(a.date) || a.slug.localeCompare(b.slug));
}

describe('related reports from the index', () => {
  for (const [n, orgs, seed] of [[60, 3, 1], [300, 12, 2], [500, 40, 3], [200, 1, 4]] as const) {
    it(`equal the scan for ${n} reports of ${orgs} organisations`, () => {
      const all = corpus(n, orgs, seed);
      const related = relatedOf(all, 4);
      for (const r of all) expect(related(r).map((x) => x.slug), r.slug).toEqual(relatedReports(r, all).map((x) => x.slug));
    });
  }

  it('find nothing for a report that shares neither organisation nor theme', () => {
    const all = corpus(50, 5, 9);
    const alone = { ...all[0]!, slug: 'alone', org: { ...all[0]!.org, id: 'nobody' }, themes: ['员工关怀'] } as Report;
    expect(relatedOf([alone, ...all], 4)(alone)).toEqual([]);
  });
});

describe('listings', () => {
  it('keep the published order inside each group', () => {
    const all = corpus(300, 10, 5);
    const index = buildSiteIndex(all);
    for (const [org, rs] of index.byOrg) expect(rs).toEqual(all.filter((r) => r.org.id === org));
    for (const [theme, rs] of index.byTheme) expect(rs).toEqual(all.filter((r) => r.themes.includes(theme)));
    for (const [province, rs] of index.byProvince) {
      expect(rs).toEqual(all.filter((r) => r.org.region.province === province));
      for (const [city, crs] of index.byCity.get(province)!) expect(crs).toEqual(rs.filter((r) => r.org.region.city === city));
    }
    expect([...index.byYear.keys()]).toEqual([2025]);
  });

  it('group in one pass', () => {
    expect([...groupInOrder([3, 1, 4, 1, 5, 9, 2, 6], (x) => x % 2)]).toEqual([[1, [3, 1, 1, 5, 9]], [0, [4, 2, 6]]]);
  });
});
