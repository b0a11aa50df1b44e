/**
 * One encoding rule for every reader of a writer's file (src/lib/encoding.ts): the report check refuses what
 * is not UTF-8, the importer and --fix-encoding convert it, and they agree on what the bytes are.
 */
import { describe, expect, it } from 'vitest';
import { firstNonUtf8Line, sniffText } from '../../src/lib/encoding.ts';
import { decodeReportFile, toUtf8 } from '../../src/node/decode.ts';

const bytes = (hex: string) => Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
const utf16le = (s: string) => Uint8Array.from([...s].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]));
// 介休农商银行 in GBK.
const GBK = 'bde9d0ddc5a9c9ccd2f8d0d0';

describe('sniffText', () => {
  it('names each encoding a writer saves in and returns the text without a BOM', () => {
    expect(sniffText(new TextEncoder().encode('介休'))).toEqual({ text: '介休', encoding: 'utf-8' });
    expect(sniffText(bytes(`efbbbf${Buffer.from('介休').toString('hex')}`))).toEqual({ text: '介休', encoding: 'utf-8-bom' });
    expect(sniffText(bytes(GBK))).toEqual({ text: '介休农商银行', encoding: 'gb18030' });
    expect(sniffText(Uint8Array.from([0xff, 0xfe, ...utf16le('介休')]))).toEqual({ text: '介休', encoding: 'utf-16le' });
    expect(sniffText(utf16le('title: 介休\n'))).toEqual({ text: 'title: 介休\n', encoding: 'utf-16le' });
  });

  it('says binary for NUL characters and unknown for bytes no encoding decodes', () => {
    expect(sniffText(new TextEncoder().encode('a\u0000b'))).toEqual({ encoding: 'utf-8', problem: 'binary' });
    expect(sniffText(bytes('ff80ff80ff'))).toEqual({ problem: 'unknown' });
  });

  it('points at the first line that is not UTF-8', () => {
    expect(firstNonUtf8Line(bytes(`610a620a${GBK}0a63`))).toBe(3);
  });
});

describe('the report check and --fix-encoding read bytes by the same rule', () => {
  it('refuses UTF-16 without a BOM as UTF-16, and --fix-encoding converts it', () => {
    const b = utf16le('---\ntitle: 介休\n---\n');
    expect(decodeReportFile(b, 'a.md').problems.map((p) => p.code)).toEqual(['encoding-utf16']);
    expect(toUtf8(b)).toBe('---\ntitle: 介休\n---\n');
  });

  it('refuses GBK naming it, and leaves a binary file alone', () => {
    const gbk = decodeReportFile(bytes(GBK), 'a.md');
    expect([gbk.detected, gbk.problems[0]?.code]).toEqual(['gb18030', 'encoding-not-utf8']);
    expect(decodeReportFile(new TextEncoder().encode('a\u0000'), 'a.md').problems.map((p) => p.code)).toEqual(['encoding-binary']);
    expect(toUtf8(new TextEncoder().encode('a\u0000'))).toBeUndefined();
  });

  it('reads UTF-8 with a BOM and Windows line endings as plain text', () => {
    expect(decodeReportFile(bytes(`efbbbf${Buffer.from('a\r\nb').toString('hex')}`), 'a.md')).toEqual({ text: 'a\nb', problems: [] });
  });
});
