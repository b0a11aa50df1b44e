/**
 * The card font: Noto Sans SC from the npm registry (TTF; satori cannot read the TTC files Debian ships),
 * loaded once per build, checked for every character the cards need, subset to exactly those glyphs, and
 * measured with HarfBuzz so templates can fit text before satori lays it out.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import subsetFont from 'subset-font';

const require = createRequire(import.meta.url);

export interface FontFile {
  name: string;
  weight: 400 | 700;
  data: Buffer;
}

export interface FontSet {
  files: FontFile[];
  /** sha256 over the font files: part of every card's cache key. */
  hash: string;
}

/** Noto Sans SC Regular and Bold as shipped by @expo-google-fonts/noto-sans-sc. */
export function loadSourceFonts(): FontSet {
  const root = path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
  return loadFontFiles(path.join(root, '400Regular', 'NotoSansSC_400Regular.ttf'), path.join(root, '700Bold', 'NotoSansSC_700Bold.ttf'));
}

/** A regular and a bold TTF/OTF file (tests use committed subsets so their snapshots never drift). */
export function loadFontFiles(regular: string, bold: string): FontSet {
  const files: FontFile[] = [
    { name: 'Noto Sans SC', weight: 400, data: readFileSync(regular) },
    { name: 'Noto Sans SC', weight: 700, data: readFileSync(bold) },
  ];
  const h = createHash('sha256');
  for (const f of files) h.update(f.data);
  return { files, hash: h.digest('hex') };
}

interface HbFace { collectUnicodes: () => Uint32Array; upem: number; destroy: () => void }
interface HbFont { setScale: (x: number, y: number) => void; destroy: () => void }
interface HbBuffer { addText: (t: string) => void; guessSegmentProperties: () => void; json: () => { ax: number }[]; destroy: () => void }
interface Hb {
  createBlob: (b: ArrayBuffer | Uint8Array) => { destroy: () => void };
  createFace: (blob: unknown, i: number) => HbFace;
  createFont: (face: HbFace) => HbFont;
  createBuffer: () => HbBuffer;
  shape: (font: HbFont, buffer: HbBuffer) => void;
}

let hbPromise: Promise<Hb> | undefined;
function harfbuzz(): Promise<Hb> {
  hbPromise ??= require('harfbuzzjs') as Promise<Hb>;
  return hbPromise;
}

/** Measures text with a font's real advances (one HarfBuzz font per weight, per-character cache). */
export interface Measurer {
  /** Width in px of `text` set at `size` px. */
  width: (text: string, size: number, weight?: 400 | 700) => number;
  /** Characters of `text` the font has no glyph for. */
  missing: (text: string) => string[];
}

export async function createMeasurer(fonts: FontSet): Promise<Measurer> {
  const hb = await harfbuzz();
  const loaded = fonts.files.map((f) => {
    const blob = hb.createBlob(f.data);
    const face = hb.createFace(blob, 0);
    const font = hb.createFont(face);
    // Advance in em per code point: laying out a poster measures thousands of strings over a few hundred characters.
    return { weight: f.weight, face, font, upem: face.upem, cache: new Map<number, number>() };
  });
  const regular = loaded.find((x) => x.weight === 400) ?? loaded[0]!;
  const bold = loaded.find((x) => x.weight === 700) ?? loaded[0]!;
  const unicodes = new Set(loaded[0]!.face.collectUnicodes());
  const shapeAdvance = (f: (typeof loaded)[number], cp: number) => {
    const buf = hb.createBuffer();
    buf.addText(String.fromCodePoint(cp));
    buf.guessSegmentProperties();
    hb.shape(f.font, buf);
    const a = buf.json().reduce((s, g) => s + g.ax, 0) / f.upem;
    buf.destroy();
    f.cache.set(cp, a);
    return a;
  };
  return {
    width: (text, size, weight = 400) => {
      const f = weight === 700 ? bold : regular;
      let em = 0;
      for (let i = 0; i < text.length; i++) {
        const cp = text.codePointAt(i)!;
        if (cp > 0xffff) i++;
        em += f.cache.get(cp) ?? shapeAdvance(f, cp);
      }
      return em * size;
    },
    missing: (text) => [...new Set([...text])].filter((ch) => !/\s/.test(ch) && !unicodes.has(ch.codePointAt(0)!)),
  };
}

/** Both weights cut down to the given characters (plus digits, Latin and common punctuation). */
export async function subsetFonts(fonts: FontSet, text: string): Promise<FontFile[]> {
  const chars = `${text}0123456789.,%+-·…：:（）()ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz 年月日截至余超近约`;
  const unique = [...new Set([...chars])].join('');
  return Promise.all(
    fonts.files.map(async (f) => ({ ...f, data: Buffer.from(await subsetFont(f.data, unique, { targetFormat: 'truetype' })) })),
  );
}
