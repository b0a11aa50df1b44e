/** References inside attribute values, stylesheets and bundled scripts, read as text. */
/** srcset candidates: URLs separated by commas, each optionally followed by a descriptor (HTML spec, simplified). */
export function srcsetUrls(srcset: string): string[] {
  const urls: string[] = [];
  let i = 0;
  while (i < srcset.length) {
    while (i < srcset.length && /[\s,]/.test(srcset[i]!)) i++;
    if (i >= srcset.length) break;
    let j = i;
    while (j < srcset.length && !/\s/.test(srcset[j]!)) j++;
    let url = srcset.slice(i, j);
    let endsCandidate = false;
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
      endsCandidate = true;
    }
    if (url) urls.push(url);
    i = j;
    if (!endsCandidate) {
      // Skip the descriptor up to the next comma (descriptors never contain one outside parentheses).
      let depth = 0;
      while (i < srcset.length && (srcset[i] !== ',' || depth > 0)) {
        if (srcset[i] === '(') depth++;
        else if (srcset[i] === ')') depth--;
        i++;
      }
    }
  }
  return urls;
}

/** url(...) and @import targets in a piece of CSS. */
export function cssUrls(css: string): string[] {
  const out: string[] = [];
  const noComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const m of noComments.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)/gi)) out.push((m[1] ?? m[2] ?? m[3] ?? '').trim());
  for (const m of noComments.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/gi)) out.push((m[1] ?? m[2] ?? '').trim());
  return out.filter((u) => u !== '');
}

/** Relative module specifiers in a bundled script: static imports, re-exports and literal dynamic imports. */
export function jsImports(js: string): string[] {
  const out: string[] = [];
  const re = /\bimport\s*\(\s*(["'`])([^"'`]+)\1\s*\)|\b(?:import|export)\b[^"'`;()]*?\bfrom\s*(["'])([^"']+)\3|\bimport\s*(["'])([^"']+)\5/g;
  for (const m of js.matchAll(re)) {
    const spec = m[2] ?? m[4] ?? m[6] ?? '';
    // Only paths: bare names would be resolved by a bundler, and the built output has none.
    if (/^\.{1,2}\//.test(spec) || spec.startsWith('/')) out.push(spec);
  }
  return out;
}
