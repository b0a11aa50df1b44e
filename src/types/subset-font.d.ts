declare module 'subset-font' {
  /** Subset a TTF/OTF/WOFF/WOFF2 font to the characters of `text` (HarfBuzz hb-subset, wasm). */
  export default function subsetFont(
    font: Buffer | Uint8Array,
    text: string,
    options?: { targetFormat?: 'sfnt' | 'truetype' | 'woff' | 'woff2'; preserveNameIds?: number[] },
  ): Promise<Buffer>;
}
