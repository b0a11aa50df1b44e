/**
 * The data downloads of the current content (src/lib/downloads.ts), for the endpoints under src/pages/data/ and
 * the 数据下载 page. Made from `published` only: in dev the collection also holds drafts and embargoed reports
 * for their preview pages, and none of them may reach a download.
 */
import { contentType } from '../lib/mime.ts';
import { byteLength, downloadSets, toCsv, toJson, type DownloadKind, type DownloadSet } from '../lib/downloads.ts';
import { getSiteData, type SiteData } from './site-data.ts';

const memo = new WeakMap<SiteData, DownloadSet[]>();

/** Every download, computed once per state of the content (getSiteData keeps its object while nothing changed). */
export async function getDownloads(): Promise<DownloadSet[]> {
  const data = await getSiteData();
  let sets = memo.get(data);
  if (!sets) {
    sets = downloadSets(data.published, data.model.catalog, { site: data.site, base: data.base });
    memo.set(data, sets);
  }
  return sets;
}

/** getStaticPaths of a kind's endpoints: one path per set. */
export async function downloadPaths(kind: Exclude<DownloadKind, 'site'>, param: string) {
  return (await getDownloads()).filter((s) => s.kind === kind).map((s) => ({ params: { [param]: s.id } }));
}

type Made = { text?: string; bytes?: number };
const made = new WeakMap<DownloadSet, Partial<Record<'csv' | 'json', Made>>>();

function madeFile(set: DownloadSet, format: 'csv' | 'json'): Made {
  let files = made.get(set);
  if (!files) made.set(set, (files = {}));
  return (files[format] ??= {});
}

function text(set: DownloadSet, format: 'csv' | 'json'): string {
  return format === 'csv' ? toCsv(set.rows) : toJson(set, set.rows);
}

/**
 * The size of one file as the endpoint writes it. The 数据下载 page shows every file's size and the build then
 * writes every file: the text made here waits for its endpoint, which takes it (each file is written once).
 */
export function downloadBytes(set: DownloadSet, format: 'csv' | 'json'): number {
  const f = madeFile(set, format);
  if (f.bytes === undefined) {
    f.text = text(set, format);
    f.bytes = byteLength(f.text);
  }
  return f.bytes;
}

function takeBytes(set: DownloadSet, format: 'csv' | 'json'): Uint8Array<ArrayBuffer> {
  const f = madeFile(set, format);
  const bytes = new TextEncoder().encode(f.text ?? text(set, format));
  f.text = undefined;
  f.bytes = bytes.length;
  return bytes;
}

/** The file of one set, as the build writes it and the dev server serves it. */
export async function downloadResponse(kind: DownloadKind, id: string, format: 'csv' | 'json'): Promise<Response> {
  const set = (await getDownloads()).find((s) => s.kind === kind && s.id === id);
  if (!set) return new Response('没有这个文件', { status: 404, headers: { 'content-type': contentType('.txt') } });
  return new Response(takeBytes(set, format), { headers: { 'content-type': contentType(`.${format}`) } });
}
