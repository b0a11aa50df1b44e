/**
 * Dev only: <base>_review/<slug>/file.json. GET: the file's hash and the check's counts, for the open review
 * page to learn whether the file changed under it. POST (JSON, same origin): the writer's decisions and fields
 * written into the frontmatter (src/lib/review/edit.ts) if the file is still the one the page read; with
 * `publish`, draft is removed as well, but only if the check passes for the file as it would be written —
 * otherwise the edits are saved as a draft and the answer says why it was not published.
 */
import type { APIRoute } from 'astro';
import { applyReview, editsProblem } from '../../lib/review/edit.ts';
import type { ReviewEdits } from '../../lib/review/decisions.ts';
import { factsOf, requestRefusal } from '../../lib/review/guard.ts';
import { readDraft } from '../../lib/review/rows.ts';
import { parseReportSource } from '../../lib/frontmatter.ts';
import { checkReviewFile, readReviewFile, reviewFileOf, reviewSetting, writeReviewFile } from '../../review/disk.ts';

// Answered on each request: it reads the request's peer address and body, and writes.
export const prerender = false;

const MAX_BODY = 256 * 1024;

const json = (status: number, data: unknown) =>
  new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });

function counts(problems: readonly { severity: string }[]): { errors: number; warnings: number } {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { errors, warnings: problems.length - errors };
}

export const GET: APIRoute = async ({ request, clientAddress, params }) => {
  const refused = requestRefusal(factsOf(request, clientAddress));
  if (refused) return json(403, { reason: refused });
  const s = reviewSetting();
  const found = reviewFileOf(s.contentDir, String(params.slug));
  if (!found.ok) return json(found.status, { reason: found.reason });
  const { hash } = readReviewFile(found.found);
  return json(200, { hash });
};

export const POST: APIRoute = async ({ request, clientAddress, params }) => {
  const refused = requestRefusal(factsOf(request, clientAddress));
  if (refused) return json(403, { reason: refused });
  const raw = await request.text();
  if (raw.length > MAX_BODY) return json(413, { reason: '保存的内容太大。' });
  let edits: ReviewEdits;
  try {
    edits = JSON.parse(raw) as ReviewEdits;
  } catch {
    return json(400, { reason: '保存的内容不是 JSON。' });
  }
  const s = reviewSetting();
  const found = reviewFileOf(s.contentDir, String(params.slug));
  if (!found.ok) return json(found.status, { reason: found.reason });
  const f = found.found;
  const { text, hash } = readReviewFile(f);
  if (!edits || typeof edits !== 'object' || edits.hash !== hash) {
    return json(409, { reason: `${f.file} 在页面打开之后被改过了（编辑器或别的窗口）。重新载入页面再改；这次的修改没有保存。` });
  }
  const read = readDraft(text, f.file, s.review);
  const parsed = parseReportSource(text, f.file);
  if (!read.ok || !parsed.ok) return json(422, { reason: `${f.file} 开头的信息块读不出来：先按检查结果在编辑器里改正，再回到这里。` });
  const problem = editsProblem(edits, read.draft, s.config.catalog, s.config.site);
  if (problem) return json(400, { reason: problem });

  const saved = applyReview(text, parsed.source.body, read.draft, { ...edits, publish: false }, s.config.catalog);
  if (!saved.ok) return json(422, { reason: saved.reason });
  let next = saved.text;
  let published = false;
  let refusedPublish: string | undefined;
  if (edits.publish) {
    const release = applyReview(text, parsed.source.body, read.draft, { ...edits, publish: true }, s.config.catalog);
    if (!release.ok) return json(422, { reason: release.reason });
    const problems = await checkReviewFile(f, s, release.text);
    const { errors } = counts(problems);
    if (errors === 0) {
      next = release.text;
      published = true;
    } else {
      const first = problems.find((p) => p.severity === 'error')!;
      refusedPublish = `还有 ${errors} 个错误，没有发布（draft: true 还在）。先改正：${first.title}（${first.field ?? first.file}）。`;
    }
  }
  if (next !== text && !writeReviewFile(f, next, hash)) {
    return json(409, { reason: `${f.file} 刚刚在别处被改过了。重新载入页面再改；这次的修改没有保存。` });
  }
  const after = readReviewFile(f);
  const problems = await checkReviewFile(f, s);
  return json(200, { hash: after.hash, saved: next !== text, published, ...(refusedPublish ? { refused: refusedPublish } : {}), ...counts(problems) });
};
