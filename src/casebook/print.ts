/**
 * The printed casebook: lays a copy of the casebook out on A4 sheets, one element per printed page, just
 * before the browser prints (src/casebook/client.ts). Chromium has no target-counter(), so a table of contents
 * cannot ask the browser on which page a report starts; laying the pages out here makes every page an element
 * whose number is known, so the contents, the running head (each report's organisation) and the page numbers
 * are filled in from the same layout that prints, in any browser, with no library.
 *
 * The rules (src/styles/casebook.css sets the sheet's size):
 * - a report starts on a new sheet; the cover and the contents have sheets of their own;
 * - a figure, a table, a figure card, the figures panel, a chart and a heading with what follows it are kept
 *   on one sheet when they fit on one: otherwise they move to the next sheet. Only what is taller than a whole
 *   sheet is divided: a table between rows (its header repeated), a figures panel between figures;
 * - a paragraph or list item is divided between lines, leaving at least two lines on each sheet.
 *
 * The sheets are measured on screen, before printing, at their printed size; the print style sheet changes
 * nothing inside them. A sheet keeps a reserve below its content, so that a line that wraps differently in
 * print still fits.
 */

/** Elements kept on one sheet when they fit on one. */
const KEEP = 'figure, table, tr, pre, h1, h2, h3, h4, h5, h6, .metric, .metrics-panel, .chart, .toc-entry, .casebook-report-head, .cover';
/** Headings stay with what follows them. */
const HEADING = 'h1, h2, h3, h4, h5, h6, .chart-title';
/** Never divided, even when taller than a sheet (images are limited in height by the style sheet). */
const ATOMIC = 'img, tr, h1, h2, h3, h4, h5, h6, .metric, .toc-entry, .casebook-report-head, hr, canvas, svg, video';

export interface Layout {
  root: HTMLElement;
  sheets: HTMLElement[];
  /** Section id → number of the sheet (1 = the cover) where the report starts. */
  starts: Map<string, number>;
}

type Kind = 'cover' | 'toc' | 'report';

function div(cls: string, text?: string): HTMLElement {
  const d = document.createElement('div');
  d.className = cls;
  if (text !== undefined) d.textContent = text;
  return d;
}

const isBlank = (n: Node) => n.nodeType === Node.TEXT_NODE && !/\S/.test(n.textContent ?? '');
/** `n` or the nearest sibling before it that is not white space. */
const lastShown = (n: Node | null): Node | null => {
  while (n && isBlank(n)) n = n.previousSibling;
  return n;
};
const isElement = (n: Node): n is HTMLElement => n.nodeType === Node.ELEMENT_NODE;

/** Has text or inline content of its own: divided between lines, not between children. */
function isInlineContainer(el: HTMLElement): boolean {
  for (const n of el.childNodes) {
    if (n.nodeType === Node.TEXT_NODE && !isBlank(n)) return true;
    if (isElement(n) && getComputedStyle(n).display.startsWith('inline')) return true;
  }
  return false;
}

/**
 * Lays out `book` (the casebook article on the page) on sheets inside a new element appended to <body>, and
 * returns it. Ids are prefixed (the copy sits beside the original) and the copy is hidden from assistive
 * technology: it is what prints, the original is what is read on screen.
 */
export function layOut(book: HTMLElement): Layout {
  const title = book.dataset.title ?? document.title;
  const root = div('book-print');
  root.setAttribute('aria-hidden', 'true');
  root.inert = true;
  document.body.append(root);

  const copy = book.cloneNode(true) as HTMLElement;
  for (const el of copy.querySelectorAll<HTMLElement>('[id]')) el.id = `print-${el.id}`;
  for (const a of copy.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')) a.setAttribute('href', `#print-${a.getAttribute('href')!.slice(1)}`);
  for (const img of copy.querySelectorAll('img')) img.loading = 'eager';

  const sheets: HTMLElement[] = [];
  /** Copies of a divided element's outer tag, one per sheet it spans. */
  const shells = new Set<HTMLElement>();
  let body!: HTMLElement;
  let limit = 0;
  /** Has anything been placed on the current sheet? Until then nothing can move to a later one. */
  let used = false;

  const newSheet = (kind: Kind, head = ''): HTMLElement => {
    const sheet = div(`book-sheet book-sheet-${kind}`);
    if (kind !== 'cover') {
      const h = div('sheet-head');
      h.append(div('sheet-head-left', head), div('sheet-head-right', title));
      sheet.append(h);
    }
    body = div('sheet-body');
    sheet.append(body);
    if (kind !== 'cover') sheet.append(div('sheet-foot'));
    root.append(sheet);
    sheets.push(sheet);
    const r = body.getBoundingClientRect();
    // The reserve: a line that wraps differently when printed must still fit above the foot.
    limit = r.bottom - parseFloat(getComputedStyle(body).paddingBottom || '0');
    used = false;
    return body;
  };

  /** Bottom of `node` including the padding and borders of its shells up to the sheet body. */
  const bottomOf = (node: Node): number => {
    let bottom: number;
    if (isElement(node)) bottom = node.getBoundingClientRect().bottom;
    else {
      const range = document.createRange();
      range.selectNodeContents(node);
      bottom = range.getBoundingClientRect().bottom;
    }
    for (let p = node.parentElement; p && p !== body; p = p.parentElement) {
      const s = getComputedStyle(p);
      bottom += parseFloat(s.paddingBottom) + parseFloat(s.borderBottomWidth);
    }
    return bottom;
  };
  const fits = (node: Node) => isBlank(node) || bottomOf(node) <= limit + 0.5;

  /**
   * Moves `node` to a new sheet: `reopen` starts it and returns the element at the level of `parent` there.
   * A heading just before `node` goes with it, unless it is all the old sheet has.
   */
  const moveOn = (node: Node, parent: HTMLElement, reopen: () => HTMLElement): HTMLElement => {
    // The heading is the last thing before `node`: in `parent`, or, while `parent` is still empty, just before
    // it (a month's heading, then its list).
    let up = 0;
    let at: HTMLElement = parent;
    let prev = lastShown(at.lastChild);
    while (!prev && at !== body && at.parentElement) {
      prev = lastShown(at.previousSibling);
      at = at.parentElement;
      up++;
    }
    const carry = prev && isElement(prev) && prev.matches(HEADING) && prev.getBoundingClientRect().top > body.getBoundingClientRect().top + 1 ? prev : null;
    carry?.remove();
    const next = reopen();
    if (carry) {
      // The same place on the new sheet: before the copy of the shell it preceded.
      let anchor: HTMLElement = next;
      for (let i = 1; i < up; i++) anchor = anchor.parentElement!;
      if (up === 0) next.append(carry);
      else anchor.before(carry);
      used = true;
    }
    return place(node, next, reopen);
  };

  /** Places `node` at the end of `parent`, continuing on new sheets; returns where its next sibling goes. */
  const place = (node: Node, parent: HTMLElement, reopen: () => HTMLElement): HTMLElement => {
    parent.append(node);
    if (fits(node)) {
      if (!isBlank(node)) used = true;
      return parent;
    }
    // Styles are read while the node is in the sheet: a detached element has none.
    const hidden = isElement(node) && getComputedStyle(node).display === 'none';
    const inline = isElement(node) && isInlineContainer(node);
    parent.removeChild(node);
    if (!isElement(node)) {
      // Loose text in a block: it moves as a whole.
      if (used) return moveOn(node, parent, reopen);
      parent.append(node);
      return parent;
    }
    if (used && node.matches(KEEP)) return moveOn(node, parent, reopen);
    if (node.matches(ATOMIC) || hidden) {
      if (used) return moveOn(node, parent, reopen);
      // Taller than a sheet and indivisible: it stays, cut by the sheet (the style sheet limits images).
      parent.append(node);
      node.dataset.overflow = '';
      used = true;
      return parent;
    }
    return inline ? splitLines(node, parent, reopen) : splitChildren(node, parent, reopen);
  };

  /** Divides a block between its children, the shell repeated on every sheet it spans. */
  const splitChildren = (el: HTMLElement, parent: HTMLElement, reopen: () => HTMLElement): HTMLElement => {
    const table = el instanceof HTMLTableElement ? el : null;
    const items: Node[] = table ? [...table.rows].filter((r) => r.parentElement !== table.tHead) : [...el.childNodes];
    let placed = 0;
    const shell = (first: boolean): { shell: HTMLElement; target: HTMLElement } => {
      const s = el.cloneNode(false) as HTMLElement;
      if (!first) {
        s.removeAttribute('id');
        s.classList.add('continued');
      }
      if (table) {
        if (first && table.caption) s.append(table.caption.cloneNode(true));
        if (table.tHead) s.append(table.tHead.cloneNode(true));
        const tb = document.createElement('tbody');
        s.append(tb);
        shells.add(s);
        return { shell: s, target: tb };
      }
      if (el instanceof HTMLOListElement && s instanceof HTMLOListElement && !first) {
        // Numbers go on from the items before (a divided item's rest keeps its number, without showing it).
        s.start = el.start + items.slice(0, placed).filter((n) => isElement(n) && n.tagName === 'LI').length;
      }
      if (!first) shells.add(s);
      return { shell: s, target: s };
    };
    let { shell: s, target } = shell(true);
    const firstShell = s;
    shells.add(s);
    parent.append(s);
    if (!fits(s) && used) {
      s.remove();
      return moveOn(el, parent, reopen);
    }
    const reopenHere = (): HTMLElement => {
      // Marked for the checks: this element is printed on more than one sheet.
      firstShell.dataset.divided = '';
      const up = reopen();
      const next = shell(false);
      up.append(next.shell);
      s = next.shell;
      return next.target;
    };
    for (const item of items) {
      target = place(item, target, reopenHere);
      placed++;
    }
    return s.parentElement!;
  };

  /** Divides a paragraph (or list item) between lines: at least two lines on each sheet. */
  const splitLines = (el: HTMLElement, parent: HTMLElement, reopen: () => HTMLElement): HTMLElement => {
    parent.append(el);
    let below = 0;
    for (let p = el.parentElement; p && p !== body; p = p.parentElement) {
      const s = getComputedStyle(p);
      below += parseFloat(s.paddingBottom) + parseFloat(s.borderBottomWidth);
    }
    const at = lineBreakBefore(el, limit - below);
    if (!at) {
      el.remove();
      if (used) return moveOn(el, parent, reopen);
      parent.append(el);
      el.dataset.overflow = '';
      used = true;
      return parent;
    }
    const range = document.createRange();
    range.setStart(el, 0);
    range.setEnd(at.node, at.offset);
    const first = el.cloneNode(false) as HTMLElement;
    first.dataset.divided = '';
    first.append(range.extractContents());
    parent.insertBefore(first, el);
    el.remove();
    el.removeAttribute('id');
    el.classList.add('continued');
    used = true;
    const next = reopen();
    return place(el, next, reopen);
  };

  // The cover, the contents, then each report from a new sheet.
  const cover = copy.querySelector<HTMLElement>('.casebook-cover');
  if (cover) place(cover, newSheet('cover'), () => newSheet('cover'));
  const toc = copy.querySelector<HTMLElement>('.casebook-toc');
  if (toc) place(toc, newSheet('toc', '目录'), () => newSheet('toc', '目录'));
  const starts = new Map<string, number>();
  for (const section of copy.querySelectorAll<HTMLElement>('.casebook-report')) {
    const id = section.id.replace(/^print-/, '');
    const org = section.dataset.org ?? '';
    place(section, newSheet('report', org), () => newSheet('report', org));
    starts.set(id, sheets.findIndex((s) => s.contains(root.querySelector(`#${CSS.escape(section.id)}`))) + 1);
  }

  // A shell left behind empty (all it held moved to the next sheet), innermost first.
  for (const s of [...shells].reverse()) {
    const rows = s instanceof HTMLTableElement ? s.querySelectorAll('tbody tr').length : 1;
    if (rows === 0 || [...s.childNodes].every(isBlank)) s.remove();
  }

  const total = sheets.length;
  sheets.forEach((sheet, i) => {
    sheet.dataset.sheet = String(i + 1);
    const foot = sheet.querySelector('.sheet-foot');
    if (foot) foot.textContent = `第 ${i + 1} 页 / 共 ${total} 页`;
  });
  for (const [id, n] of starts) sheets[n - 1]?.setAttribute('data-starts', id);
  for (const cell of root.querySelectorAll<HTMLElement>('.toc-page[data-page-of]')) {
    const n = starts.get(cell.dataset.pageOf!);
    if (n) cell.textContent = String(n);
  }
  return { root, sheets, starts };
}

/**
 * Where to divide `el` so that its first part ends above `limit`: the start of its last line that fits,
 * keeping two lines on each side. Undefined when fewer than two lines fit.
 */
function lineBreakBefore(el: HTMLElement, limit: number): { node: Text; offset: number } | undefined {
  const texts: Text[] = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n.textContent ?? '').length > 0) texts.push(n as Text);
  const chars: { node: Text; offset: number }[] = [];
  for (const t of texts) for (let i = 0; i < t.length; i++) chars.push({ node: t, offset: i });
  if (chars.length === 0) return undefined;
  const range = document.createRange();
  const rectOf = (i: number): DOMRect | undefined => {
    const c = chars[i]!;
    range.setStart(c.node, c.offset);
    range.setEnd(c.node, c.offset + 1);
    const rects = range.getClientRects();
    return rects.length > 0 && rects[0]!.height > 0 ? rects[0] : undefined;
  };
  // Characters that show (collapsed white space has no box), in reading order: their tops never go up.
  const shown: { i: number; top: number; bottom: number }[] = [];
  for (let i = 0; i < chars.length; i++) {
    const r = rectOf(i);
    if (r) shown.push({ i, top: r.top, bottom: r.bottom });
  }
  if (shown.length === 0) return undefined;
  // Line tops, in order.
  const lines: { top: number; bottom: number; first: number }[] = [];
  for (const s of shown) {
    const last = lines.at(-1);
    if (!last || s.top >= last.bottom - 1) lines.push({ top: s.top, bottom: s.bottom, first: s.i });
    else last.bottom = Math.max(last.bottom, s.bottom);
  }
  let fit = 0;
  while (fit < lines.length && lines[fit]!.bottom <= limit + 0.5) fit++;
  if (fit >= lines.length) return undefined;
  // Two lines at least on the next sheet, and two on this one.
  if (lines.length - fit < 2) fit = lines.length - 2;
  if (fit < 2) return undefined;
  return chars[lines[fit]!.first];
}
