/**
 * What a zip file (a .docx) holds, read from its central directory before anything is unpacked: each part's
 * name, packed and unpacked size, and where its data is. mammoth unpacks through jszip, which unpacks a part
 * whole whatever it turns out to be and keeps these sizes to itself; so the sizes are read here, held to the
 * limits, and then held to themselves: each part is unpacked once with its stated size as a hard cap, so a
 * directory that understates a part is caught too, before mammoth is given the file.
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else jszip cannot unpack either. */
  method: number;
  packed: number;
  /** Unpacked size as the directory states it. */
  size: number;
  /** Offset of the part's local header. */
  header: number;
}

export type ZipFault =
  | { kind: 'truncated' }
  | { kind: 'corrupt'; name?: string }
  | { kind: 'entries'; count: number }
  | { kind: 'entry-size'; name: string; size: number }
  | { kind: 'ratio'; name: string; size: number; ratio: number }
  | { kind: 'total'; size: number }
  /** The part unpacks to more than the directory says. */
  | { kind: 'understated'; name: string; size: number };

export interface ZipLimits {
  entries: number;
  entryBytes: number;
  totalBytes: number;
  ratio: number;
  /** Parts smaller than this unpacked are not held to `ratio`. */
  ratioFrom: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

class Fault extends Error {
  readonly fault: ZipFault;
  constructor(fault: ZipFault) {
    super(fault.kind);
    this.fault = fault;
  }
}

const u16 = (b: Buffer, at: number) => (at + 2 <= b.length ? b.readUInt16LE(at) : fail());
const u32 = (b: Buffer, at: number) => (at + 4 <= b.length ? b.readUInt32LE(at) : fail());
const u64 = (b: Buffer, at: number) => (at + 8 <= b.length ? Number(b.readBigUInt64LE(at)) : fail());

function fail(fault: ZipFault = { kind: 'truncated' }): never {
  throw new Fault(fault);
}

/** The end-of-central-directory record: within the last 64 KB (its comment) + 22 bytes, or the file is cut short. */
function endRecord(b: Buffer): { count: number; offset: number; size: number } {
  for (let at = b.length - 22; at >= Math.max(0, b.length - 22 - MAX16); at--) {
    if (b.readUInt32LE(at) !== EOCD) continue;
    let count = u16(b, at + 10);
    let size = u32(b, at + 12);
    let offset = u32(b, at + 16);
    if ((count === MAX16 || size === MAX32 || offset === MAX32) && at >= 20 && b.readUInt32LE(at - 20) === EOCD64_LOCATOR) {
      const rec = u64(b, at - 12);
      if (u32(b, rec) !== EOCD64) fail({ kind: 'corrupt' });
      count = u64(b, rec + 32);
      size = u64(b, rec + 40);
      offset = u64(b, rec + 48);
    }
    if (offset + size > at) fail();
    return { count, offset, size };
  }
  return fail();
}

/** Every part the central directory lists. Throws a fault; never unpacks anything. */
function entries(b: Buffer, limits: ZipLimits): ZipEntry[] {
  const end = endRecord(b);
  if (end.count > limits.entries) fail({ kind: 'entries', count: end.count });
  const out: ZipEntry[] = [];
  let at = end.offset;
  for (let i = 0; i < end.count; i++) {
    if (u32(b, at) !== CENTRAL) fail({ kind: 'corrupt' });
    const flags = u16(b, at + 8);
    const nameLength = u16(b, at + 28);
    const extraLength = u16(b, at + 30);
    const commentLength = u16(b, at + 32);
    if (at + 46 + nameLength > b.length) fail();
    const name = b.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength);
    const entry: ZipEntry = { name, method: u16(b, at + 10), packed: u32(b, at + 20), size: u32(b, at + 24), header: u32(b, at + 42) };
    // ZIP64: the fields set to 0xFFFFFFFF are in the extra field 0x0001, in this order.
    if (entry.size === MAX32 || entry.packed === MAX32 || entry.header === MAX32) {
      for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength;) {
        const id = u16(b, x);
        const length = u16(b, x + 2);
        if (id === 1) {
          let f = x + 4;
          if (entry.size === MAX32) (entry.size = u64(b, f)), (f += 8);
          if (entry.packed === MAX32) (entry.packed = u64(b, f)), (f += 8);
          if (entry.header === MAX32) entry.header = u64(b, f);
          break;
        }
        x += 4 + length;
      }
    }
    out.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

/** Where a part's packed data starts, from its local header; the data must lie inside the file. */
function dataOf(b: Buffer, e: ZipEntry): Buffer {
  if (u32(b, e.header) !== LOCAL) fail(e.header + 4 > b.length ? { kind: 'truncated' } : { kind: 'corrupt', name: e.name });
  const start = e.header + 30 + u16(b, e.header + 26) + u16(b, e.header + 28);
  if (start + e.packed > b.length) fail();
  return b.subarray(start, start + e.packed);
}

/**
 * Why this zip file must not be unpacked, or undefined when it may: the directory's sizes within the limits and
 * every part unpacking to no more than its stated size. Work is bounded by the limits, whatever the file holds.
 */
export function zipFault(bytes: Uint8Array, limits: ZipLimits): ZipFault | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    const list = entries(b, limits);
    let total = 0;
    for (const e of list) {
      if (e.size > limits.entryBytes) return { kind: 'entry-size', name: e.name, size: e.size };
      const ratio = e.size / Math.max(e.packed, 1);
      if (e.size > limits.ratioFrom && ratio > limits.ratio) return { kind: 'ratio', name: e.name, size: e.size, ratio };
      total += e.size;
    }
    if (total > limits.totalBytes) return { kind: 'total', size: total };
    for (const e of list) {
      const data = dataOf(b, e);
      if (e.method === 0 && e.packed !== e.size) return { kind: 'corrupt', name: e.name };
      if (e.method !== 8) continue;
      let unpacked: number;
      try {
        // Stops with ERR_BUFFER_TOO_LARGE as soon as the output passes the stated size.
        unpacked = inflateRawSync(data, { maxOutputLength: Math.max(e.size, 1) }).length;
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return { kind: 'understated', name: e.name, size: e.size };
        return { kind: 'corrupt', name: e.name };
      }
      if (unpacked > e.size) return { kind: 'understated', name: e.name, size: e.size };
    }
    return undefined;
  } catch (err) {
    if (err instanceof Fault) return err.fault;
    throw err;
  }
}
