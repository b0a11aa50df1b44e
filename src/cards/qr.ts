/** The poster's QR code, generated locally: the poster must not call any service. */
import QRCode from 'qrcode';
import { fitImage, type Box, type Pixels } from './render.ts';

/** Light modules around the code, in modules: the quiet zone readers need, kept small on a poster. */
const MARGIN = 2;
/** Pixels per module when the box is smaller than the code: it is drawn larger, then shrunk to fit the box. */
const FALLBACK_SCALE = 4;

/**
 * RGBA pixels of the QR code for `text`, exactly the size of its box (black on white, two modules of margin).
 * The modules are drawn straight into pixels, which spares a PNG encode (in JavaScript) and a decode per poster,
 * the larger part of the QR code's cost. The scale may be fractional, as in qrcode's own PNG output: each pixel
 * takes the module its top-left corner falls in, so the code fills the box without blank rows.
 */
export async function qrPixels(text: string, box: Box): Promise<Pixels> {
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const span = size + MARGIN * 2;
  const scale = box.width >= span ? box.width / span : FALLBACK_SCALE;
  const side = Math.floor(span * scale);
  const margin = MARGIN * scale;
  const pixels = Buffer.alloc(side * side * 4, 0xff);
  for (let y = 0; y < side; y++) {
    if (y < margin || y >= side - margin) continue;
    const row = Math.floor((y - margin) / scale) * size;
    for (let x = 0; x < side; x++) {
      if (x < margin || x >= side - margin || !data[row + Math.floor((x - margin) / scale)]) continue;
      pixels.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
    }
  }
  const px = { data: pixels, width: side, height: side };
  return side === box.width && side === box.height ? px : fitImage(px, box);
}
