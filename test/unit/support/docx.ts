/**
 * Word files made in the tests: a minimal .docx (one paragraph per string) and a zip bomb whose
 * word/document.xml really unpacks to the stated size, built from one flushed deflate block repeated, so
 * making it costs milliseconds and no memory of that size.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface Part {
  name: string;
  /** Deflated data. */
  data: Buffer;
  size: number;
  crc: number;
  /** The packed size the directory states, when it is not the data's length. */
  packed?: number;
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

/** A zip file of deflated parts, as Word writes it (no data descriptors, UTF-8 names). */
export function zip(parts: Part[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const common = Buffer.concat([u16(20), u16(0x800), u16(8), u16(0), u16(0x21), u32(p.crc), u32(p.packed ?? p.data.length), u32(p.size), u16(name.length), u16(0)]);
    const header = Buffer.concat([u32(0x04034b50), common, name]);
    local.push(header, p.data);
    central.push(Buffer.concat([u32(0x02014b50), u16(20), common, u16(0), u16(0), u16(0), u32(0), u32(offset), name]));
    offset += header.length + p.data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(parts.length), u16(parts.length), u32(dir.length), u32(offset), u16(0)]);
  return Buffer.concat([...local, dir, end]);
}

export const part = (name: string, text: string): Part => {
  const raw = Buffer.from(text, 'utf8');
  return { name, data: deflateRawSync(raw), size: raw.length, crc: crc32(raw) };
};

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The parts every .docx has besides its text. */
export const packageParts = (): Part[] => [part('[Content_Types].xml', CONTENT_TYPES), part('_rels/.rels', RELS)];

/** Paragraphs of plain text, each typed as it is into its own Word paragraph. */
export function docx(paragraphs: string[], extra: Part[] = []): Buffer {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${xmlText(p)}</w:t></w:r></w:p>`).join('');
  const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
  return zip([...packageParts(), part('word/document.xml', doc), ...extra]);
}

/**
 * A .docx whose word/document.xml unpacks to `mb` MB of spaces. With `statedMb` the directory states that size
 * instead (a file that lies about its part).
 */
export function zipBomb(mb: number, statedMb = mb): Buffer {
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  // A full flush ends the block on a byte boundary and forgets the history: copies of it concatenate.
  const block = deflateRawSync(chunk, { finishFlush: constants.Z_FULL_FLUSH });
  const last = deflateRawSync(Buffer.alloc(0));
  let crc = 0;
  for (let i = 0; i < mb; i++) crc = crc32(chunk, crc);
  const data = Buffer.concat([...Array.from({ length: mb }, () => block), last]);
  return zip([...packageParts(), { name: 'word/document.xml', data, size: statedMb * 1024 * 1024, crc }]);
}
