/**
 * A writer on the review page, counted: every click and every key is one action, typing into a field one
 * action. The writer fills what the draft lacks, and until 可以发布 succeeds, does what the page shows for each
 * error of the check: a figure's row whose proposal differs from the file gets the proposal (click the
 * row, Enter); a figure without a label gets the words its sentence prints after it; a missing title is
 * written, a missing theme gets the first theme ticked. Used to measure the actions from an imported draft
 * to a passing check.
 */
import type { Page } from 'playwright-core';

export interface WriterRun {
  actions: number;
  published: boolean;
  /** What was done, in order, and what the page said when it stopped. */
  log: string[];
}

/** Waits for the answer to a save or publish (the status line after 正在…). */
export async function waitForAnswer(page: Page, timeout = 30_000): Promise<string> {
  await page.waitForFunction(() => {
    const t = document.getElementById('rv-status')?.textContent ?? '';
    return t !== '' && !t.startsWith('正在') && !t.startsWith('有未保存');
  }, null, { timeout, polling: 100 });
  return (await page.textContent('#rv-status')) ?? '';
}

/** Empties the status line, so that the next answer is told from the last one. */
export async function clearStatus(page: Page): Promise<void> {
  await page.evaluate(() => {
    const el = document.getElementById('rv-status');
    if (el) el.textContent = '';
  });
}

export async function reviewLikeAWriter(page: Page, url: string, opts: { date: string; title: string }): Promise<WriterRun> {
  const run: WriterRun = { actions: 0, published: false, log: [] };
  const act = async (what: string, fn: () => Promise<unknown>) => {
    run.actions++;
    run.log.push(what);
    await fn();
  };
  await page.goto(url);
  await page.waitForSelector('#rv-main');
  if ((await page.inputValue('#rv-date')) === '') await act(`填发布日期 ${opts.date}`, () => page.fill('#rv-date', opts.date));
  for (let round = 0; round < 5; round++) {
    // The button says why it cannot be pressed while the check finds errors and nothing is changed yet.
    let answer = (await page.textContent('#rv-publish-why')) ?? '';
    if ((await page.getAttribute('#rv-publish', 'aria-disabled')) !== 'true') {
      await clearStatus(page);
      await act('点“可以发布”', () => page.click('#rv-publish'));
      answer = await waitForAnswer(page);
      if (answer.startsWith('已发布')) {
        run.published = true;
        return run;
      }
    }
    const fields = await page.$$eval('.rv-check .problem-error .problem-head code:nth-of-type(2)', (els) => els.map((e) => e.textContent ?? ''));
    let did = false;
    const done = new Set<string>();
    for (const field of fields) {
      const m = /^metrics\[(\d+)\]/.exec(field);
      if (m && !done.has(m[1]!)) {
        done.add(m[1]!);
        const row = page.locator(`.rv-row[data-index="${m[1]}"]`);
        if ((await row.count()) !== 1) continue;
        if ((await row.getAttribute('data-differs')) === 'true') {
          await act(`点第 ${Number(m[1]) + 1} 个数字那一行`, () => row.locator('.rv-printed').click());
          await act('按 Enter 采用建议', () => page.keyboard.press('Enter'));
          did = true;
        } else if (field.endsWith('.label') && (await row.locator('[data-field="label"]').inputValue()) === '') {
          // What the figure counts, in the words the sentence prints after it (有50人是本地人 → 是本地人).
          const words = (await row.locator('.rv-sentence').evaluate((p) => p.querySelector('mark')?.nextSibling?.textContent ?? '')).split(/[，。；、]/)[0]!.replace(/^是/, '');
          await act(`写 label ${words}`, () => row.locator('[data-field="label"]').fill(words || '数字说明'));
          did = true;
        }
      } else if (field === 'title' && !done.has('title')) {
        done.add('title');
        await act(`写标题 ${opts.title}`, () => page.fill('#rv-title', opts.title));
        did = true;
      } else if (field === 'themes' && !done.has('themes')) {
        done.add('themes');
        await act('勾选第一个主题', () => page.locator('.rv-themes input').first().check());
        did = true;
      }
    }
    if (!did) {
      run.log.push(`停在：${answer}；错误字段：${fields.join('、')}`);
      return run;
    }
  }
  return run;
}
