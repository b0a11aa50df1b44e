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

/** A block of a Word file as the layout fixtures describe it (test/fixtures/import/layouts/*.docx.json). */
export type WordBlock =
  | { p: string; style?: 'Title' | 'Heading1' | 'Heading2'; bold?: boolean; center?: boolean }
  | { table: string[][] }
  | { image: true };

const STYLES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
  + '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
  + '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>'
  + '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>'
  + '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style></w:styles>';
const RICH_TYPES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>';
/** A 1×1 PNG: the photo of a Word file, as far as an import cares. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const binaryPart = (name: string, raw: Buffer): Part => ({ name, data: deflateRawSync(raw), size: raw.length, crc: crc32(raw) });

/** A Word file as an editor saves it: title and heading styles, bold runs, centred lines, tables and photos. */
export function richDocx(blocks: WordBlock[]): Buffer {
  let images = 0;
  const run = (text: string, bold?: boolean) => `<w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${xmlText(text)}</w:t></w:r>`;
  const para = (text: string, o: { style?: string; bold?: boolean; center?: boolean } = {}) => {
    const pPr = o.style || o.center ? `<w:pPr>${o.style ? `<w:pStyle w:val="${o.style}"/>` : ''}${o.center ? '<w:jc w:val="center"/>' : ''}</w:pPr>` : '';
    return `<w:p>${pPr}${run(text, o.bold)}</w:p>`;
  };
  const body = blocks.map((b) => {
    if ('table' in b) return `<w:tbl>${b.table.map((row) => `<w:tr>${row.map((cell) => `<w:tc>${para(cell)}</w:tc>`).join('')}</w:tr>`).join('')}</w:tbl>`;
    if ('image' in b) {
      const id = ++images;
      return `<w:p><w:r><w:drawing><wp:inline><wp:extent cx="952500" cy="952500"/><wp:docPr id="${id}" name="图片 ${id}"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="${id}" name="image${id}.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdImg${id}"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`;
    }
    return para(b.p, b);
  }).join('');
  const ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"';
  const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${ns}><w:body>${body}</w:body></w:document>`;
  const rels = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    + '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    + Array.from({ length: images }, (_, i) => `<Relationship Id="rIdImg${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image${i + 1}.png"/>`).join('')
    + '</Relationships>';
  return zip([
    part('[Content_Types].xml', RICH_TYPES), part('_rels/.rels', RELS), part('word/document.xml', doc), part('word/styles.xml', STYLES),
    part('word/_rels/document.xml.rels', rels), ...Array.from({ length: images }, (_, i) => binaryPart(`word/media/image${i + 1}.png`, PIXEL)),
  ]);
}
