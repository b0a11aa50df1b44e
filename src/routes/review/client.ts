/**
 * The review page in the browser: a decision by click or key (↑ ↓ between rows, 1–4 for the four decisions,
 * Enter for the proposal, Esc from a field back to its row, Ctrl+S to save), saving through file.json, and
 * the page fetched again after a save so that rows, text and the check's problems are the server's rendering.
 *
 * Saving writes a content file, and the dev server answers every content change with a full reload of every
 * open page. This page holds those reloads back and follows its own file instead: a change made elsewhere
 * reloads it when nothing would be lost, and otherwise it says that a save would be refused.
 */
import { DECISIONS, splitNames, type Decision, type DecisionKind, type ReviewEdits, type RowEdit } from '../../lib/review/decisions.ts';

const KIND_OF_KEY = new Map<string, DecisionKind>(DECISIONS.map((d) => [d.key, d.kind]));
const TITLE_OF_KIND = new Map<DecisionKind, string>(DECISIONS.map((d) => [d.kind, d.title]));

let dirty = false;
let saving: Promise<void> | undefined;
/** Saves begun, so that a look at the file taken during one is not read as a change made elsewhere. */
let saves = 0;

const main = () => document.querySelector<HTMLElement>('[data-review]');
const rowEls = () => [...document.querySelectorAll<HTMLElement>('.rv-row')];
const field = <T extends HTMLElement>(row: HTMLElement, name: string) => row.querySelector<T>(`[data-field="${name}"]`)!;

function status(text: string): void {
  const el = document.getElementById('rv-status');
  if (el) el.textContent = text;
}

function changed(row?: HTMLElement): void {
  dirty = true;
  if (row) {
    const now = row.querySelector('.rv-now');
    if (now) now.textContent = `改为：${TITLE_OF_KIND.get(row.dataset.kind as DecisionKind) ?? ''}（未保存）`;
  }
  const why = document.getElementById('rv-publish-why');
  const publish = document.getElementById('rv-publish');
  if (why && publish && main()?.dataset.draft === 'true') {
    publish.setAttribute('aria-disabled', 'false');
    why.textContent = '有未保存的修改：点“保存”看检查结果；点“可以发布”会先保存，检查通过才删掉 draft: true。';
  }
  status('有未保存的修改。');
}

function setKind(row: HTMLElement, kind: DecisionKind): void {
  row.dataset.kind = kind;
  for (const b of row.querySelectorAll<HTMLElement>('.rv-choice')) b.setAttribute('aria-pressed', String(b.dataset.kind === kind));
  const mark = document.querySelector<HTMLElement>(`.rv-mark[data-row="${row.dataset.id}"]`);
  if (mark) mark.dataset.kind = kind;
  changed(row);
}

function acceptProposal(row: HTMLElement): void {
  const p = JSON.parse(row.dataset.proposal ?? '{}') as Decision;
  if (p.kind === 'key') field<HTMLSelectElement>(row, 'key').value = p.key ?? '';
  if (p.scope !== undefined) field<HTMLInputElement>(row, 'scope').value = p.scope;
  if (p.label !== undefined) field<HTMLInputElement>(row, 'label').value = p.label;
  const listed = field<HTMLInputElement>(row, 'listed');
  listed.checked = p.kind === 'context' && !!p.listed;
  row.dataset.listed = String(listed.checked);
  setKind(row, p.kind);
}

function collect(): Omit<ReviewEdits, 'hash'> {
  const value = (id: string) => (document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement | null)?.value;
  const themes = [...document.querySelectorAll<HTMLInputElement>('.rv-themes input[name="themes"]')].filter((c) => c.checked).map((c) => c.value);
  const rows: Record<string, RowEdit> = {};
  for (const row of rowEls()) {
    const kind = row.dataset.kind as DecisionKind;
    const key = field<HTMLSelectElement>(row, 'key').value;
    rows[row.dataset.id!] = {
      kind,
      key: key || null,
      scope: field<HTMLInputElement>(row, 'scope').value,
      label: field<HTMLInputElement>(row, 'label').value,
      listed: field<HTMLInputElement>(row, 'listed').checked,
      asOf: field<HTMLInputElement>(row, 'asOf').value,
    };
  }
  return {
    fields: {
      title: value('rv-title') ?? '', summary: value('rv-summary') ?? '', org: value('rv-org') ?? '', date: value('rv-date') ?? '',
      authors: splitNames(value('rv-authors') ?? ''), themes,
    },
    rows,
  };
}

/** Fetches the page again and puts its review part in place of this one, keeping the writer's place. */
async function refresh(): Promise<void> {
  const active = document.activeElement as HTMLElement | null;
  const rowId = active?.closest<HTMLElement>('.rv-row')?.dataset.id;
  const activeId = active?.id;
  const scroll = window.scrollY;
  const res = await fetch(location.href, { headers: { accept: 'text/html' }, cache: 'no-store' });
  const html = await res.text();
  const fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('#rv-main');
  const current = document.querySelector('#rv-main');
  if (!fresh || !current) return;
  current.replaceWith(document.importNode(fresh, true));
  window.scrollTo(0, scroll);
  const target = (activeId && document.getElementById(activeId)) || (rowId && document.getElementById(`row-${rowId}`));
  (target as HTMLElement | null)?.focus({ preventScroll: true });
}

interface SaveAnswer {
  hash?: string;
  saved?: boolean;
  published?: boolean;
  refused?: string;
  errors?: number;
  warnings?: number;
  reason?: string;
}

async function save(publish: boolean): Promise<void> {
  if (saving) return;
  const root = main();
  if (!root?.dataset.file) return;
  let done!: () => void;
  saves++;
  saving = new Promise<void>((r) => (done = r));
  try {
    status(publish ? '正在保存并检查……' : '正在保存……');
    const body: ReviewEdits = { ...collect(), hash: root.dataset.hash ?? '', publish };
    const res = await fetch(root.dataset.file, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), cache: 'no-store' });
    const answer = (await res.json().catch(() => ({}))) as SaveAnswer;
    if (!res.ok) {
      status(answer.reason ?? `保存没有成功（${res.status}）。`);
      return;
    }
    if (answer.hash) root.dataset.hash = answer.hash;
    dirty = false;
    await refresh();
    const check = answer.errors === 0 && answer.warnings === 0 ? '检查通过。' : `检查：${answer.errors} 个错误，${answer.warnings} 个提醒，见“检查结果”。`;
    if (answer.published) status(`已发布：删掉了 draft: true。${check}`);
    else if (answer.refused) status(`${answer.saved ? '已保存。' : ''}${answer.refused}`);
    else status(`${answer.saved ? '已保存。' : '没有改动。'}${check}`);
  } catch (e) {
    status(`保存没有成功：${e instanceof Error ? e.message : String(e)}`);
  } finally {
    saving = undefined;
    done();
  }
}

function publishClicked(button: HTMLElement): void {
  if (button.getAttribute('aria-disabled') === 'true' && !dirty) {
    status(document.getElementById('rv-publish-why')?.textContent ?? '还不能发布。');
    return;
  }
  void save(true);
}

function move(row: HTMLElement, by: number | 'first' | 'last'): void {
  const all = rowEls();
  const i = all.indexOf(row);
  const next = by === 'first' ? all[0] : by === 'last' ? all[all.length - 1] : all[Math.min(all.length - 1, Math.max(0, i + by))];
  next?.focus();
}

document.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
    if (!main()) return;
    e.preventDefault();
    void save(false);
    return;
  }
  const target = e.target as HTMLElement;
  const row = target.closest?.<HTMLElement>('.rv-row');
  if (!row) return;
  const onRow = target === row || target.classList.contains('rv-choice');
  if (!onRow) {
    if (e.key === 'Escape') {
      e.preventDefault();
      row.focus();
    }
    return;
  }
  if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
  const kind = KIND_OF_KEY.get(e.key);
  if (kind) {
    e.preventDefault();
    setKind(row, kind);
  } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    move(row, e.key === 'ArrowDown' ? 1 : -1);
  } else if (e.key === 'Home' || e.key === 'End') {
    e.preventDefault();
    move(row, e.key === 'Home' ? 'first' : 'last');
  } else if (e.key === 'Enter' && target === row) {
    e.preventDefault();
    acceptProposal(row);
  }
});

document.addEventListener('click', (e) => {
  const t = e.target as HTMLElement;
  const choice = t.closest<HTMLElement>('.rv-choice');
  if (choice) {
    setKind(choice.closest<HTMLElement>('.rv-row')!, choice.dataset.kind as DecisionKind);
    return;
  }
  const mark = t.closest<HTMLAnchorElement>('.rv-mark');
  if (mark) {
    e.preventDefault();
    const row = document.getElementById(`row-${mark.dataset.row}`);
    row?.scrollIntoView({ block: 'center' });
    row?.focus({ preventScroll: true });
    return;
  }
  const fill = t.closest<HTMLElement>('.rv-fill');
  if (fill) {
    const input = document.getElementById(fill.dataset.fill ?? '') as HTMLInputElement | null;
    if (input) {
      input.value = fill.dataset.value ?? '';
      changed();
    }
    return;
  }
  if (t.closest('#rv-save')) void save(false);
  else if (t.closest('#rv-publish')) publishClicked(t.closest<HTMLElement>('#rv-publish')!);
});

document.addEventListener('input', (e) => {
  const t = e.target as HTMLElement;
  if (!t.closest('#rv-main')) return;
  const row = t.closest<HTMLElement>('.rv-row') ?? undefined;
  if (row && t.dataset.field === 'listed') row.dataset.listed = String((t as HTMLInputElement).checked);
  changed(row);
});

document.addEventListener('submit', (e) => {
  if ((e.target as HTMLElement).closest('#rv-main')) e.preventDefault();
});

/** Whether the file on disk is no longer the one this page shows (a save finishing is waited for). */
async function changedElsewhere(): Promise<boolean> {
  await saving;
  const root = main();
  if (!root?.dataset.file) return false;
  const before = saves;
  try {
    const res = await fetch(root.dataset.file, { cache: 'no-store' });
    if (!res.ok) return false;
    const { hash } = (await res.json()) as { hash?: string };
    // A save that began meanwhile changed the file itself.
    if (saves !== before || saving) return false;
    return !!hash && hash !== main()?.dataset.hash;
  } catch {
    return false;
  }
}

/** Reloads the page when the file changed elsewhere and nothing here is unsaved; else says so. */
async function followFile(): Promise<void> {
  if (document.visibilityState !== 'visible' || !(await changedElsewhere())) return;
  if (!dirty) {
    location.reload();
    return;
  }
  status('这个文件在别处被改过了。保存会被拒绝：先记下要改的地方，再刷新本页。');
}

// The dev server's reloads are held for good: this page follows its file itself, and a reload of the server's
// would throw away unsaved edits and the writer's place, after every save the page makes.
if (import.meta.hot) import.meta.hot.on('vite:beforeFullReload', () => new Promise<never>(() => undefined));
window.addEventListener('focus', () => void followFile());
setInterval(() => void followFile(), 2000);
