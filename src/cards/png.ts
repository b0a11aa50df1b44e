/**
 * A cheap structural check of a PNG file, without decoding it: the signature, an IHDR chunk first with a valid
 * CRC (and the expected size, when known), and the IEND chunk with its CRC as the last 12 bytes. A file cut
 * short by a crash, a full disk or a half-finished copy fails it. Reads 33 bytes at the start and 12 at the end.
 */
import { closeSync, fstatSync, openSync, readSync, unlinkSync } from 'node:fs';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Length 0, type IEND, CRC-32 of “IEND” (AE 42 60 82). */
const IEND = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
/** Signature (8) + IHDR length and type (8) + IHDR data (13) + CRC (4). */
const HEAD = 33;

let crcTable: Uint32Array | undefined;

export function crc32(buf: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Why a PNG file is unusable, or undefined when it passes. */
export function pngProblem(file: string, expected?: { width: number; height: number }): string | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return '文件不存在或无法读取';
  }
  try {
    const size = fstatSync(fd).size;
    if (size < HEAD + IEND.length) return `文件只有 ${size} 字节`;
    const head = Buffer.alloc(HEAD);
    const tail = Buffer.alloc(IEND.length);
    readSync(fd, head, 0, HEAD, 0);
    readSync(fd, tail, 0, IEND.length, size - IEND.length);
    if (!head.subarray(0, 8).equals(SIGNATURE)) return '不是 PNG 文件';
    if (head.readUInt32BE(8) !== 13 || head.toString('latin1', 12, 16) !== 'IHDR') return '缺少 IHDR';
    if (crc32(head.subarray(12, 29)) !== head.readUInt32BE(29)) return 'IHDR 校验和不符';
    const width = head.readUInt32BE(16);
    const height = head.readUInt32BE(20);
    if (width === 0 || height === 0) return '尺寸为 0';
    if (expected && (width !== expected.width || height !== expected.height)) return `尺寸 ${width}×${height}，应为 ${expected.width}×${expected.height}`;
    if (!tail.equals(IEND)) return '文件不完整（结尾没有 IEND）';
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * The card cache's lookup: true when the cached PNG may be reused. A damaged entry is deleted, so the caller
 * renders it again instead of copying a broken card into the site.
 */
export function usableCachedPng(file: string, expected?: { width: number; height: number }): boolean {
  const problem = pngProblem(file, expected);
  if (problem === undefined) return true;
  try {
    unlinkSync(file);
  } catch {
    // Missing already (the usual case: not cached yet).
  }
  return false;
}
