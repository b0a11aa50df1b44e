/** "Did you mean" for names an author typed: metric keys, org names, field names, themes. */

/** Levenshtein distance over code points (a CJK character counts as one). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[y.length]!;
}

/**
 * The closest candidates to `input`, best first. A candidate that contains the input, or is contained in it,
 * also counts (介休农商行 ↔ 介休农商银行), since writers abbreviate more often than they misspell.
 */
export function suggest(input: string, candidates: Iterable<string>, max = 3): string[] {
  const needle = input.trim().toLowerCase();
  if (!needle) return [];
  const scored: { c: string; score: number }[] = [];
  for (const c of new Set(candidates)) {
    const hay = c.toLowerCase();
    const d = editDistance(needle, hay);
    const len = Math.max([...needle].length, [...hay].length);
    const contains = hay.includes(needle) || needle.includes(hay);
    const shared = commonChars(needle, hay) / Math.max(1, [...needle].length);
    const limit = Math.max(2, Math.ceil(len * 0.4));
    if (d <= limit || (contains && Math.min(needle.length, hay.length) >= 2) || shared >= 0.75) {
      scored.push({ c, score: d - (contains ? 1.5 : 0) - shared });
    }
  }
  return scored.sort((a, b) => a.score - b.score || a.c.localeCompare(b.c)).slice(0, max).map((s) => s.c);
}

function commonChars(a: string, b: string): number {
  const pool = [...b];
  let n = 0;
  for (const ch of a) {
    const i = pool.indexOf(ch);
    if (i >= 0) {
      n++;
      pool.splice(i, 1);
    }
  }
  return n;
}

/** “A”、“B”或“C” */
export function quoteList(items: readonly string[], joiner = '或'): string {
  const q = items.map((s) => `“${s}”`);
  if (q.length <= 1) return q.join('');
  return `${q.slice(0, -1).join('、')}${joiner}${q[q.length - 1]}`;
}
