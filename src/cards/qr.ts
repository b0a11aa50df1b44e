/** The poster's QR code, generated locally: the poster must not call any service. */
import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import { fitImage, type Box, type Pixels } from './render.ts';

interface QrRendererOptions {
  width?: number;
  margin: number;
  scale: number;
  color: { dark: { r: number; g: number; b: number; a: number }; light: { r: number; g: number; b: number; a: number } };
}
/**
 * qrcode's own pixel renderer, the one behind its PNG output: drawing straight into RGBA pixels spares a PNG
 * encode (in JavaScript) and a decode per poster, which cost more than the rest of the QR code together.
 */
const renderer = createRequire(import.meta.url)('qrcode/lib/renderer/utils.js') as {
  getOptions(o: { margin: number; width: number; color: { dark: string; light: string } }): QrRendererOptions;
  getImageWidth(qrSize: number, opts: QrRendererOptions): number;
  qrToImageData(into: Uint8Array, qr: QRCode.QRCode, opts: QrRendererOptions): void;
};

/** RGBA pixels of the QR code for `text`, exactly the size of its box (black on white, two modules of margin). */
export async function qrPixels(text: string, box: Box): Promise<Pixels> {
  const opts = renderer.getOptions({ margin: 2, width: box.width, color: { dark: '#000000', light: '#ffffff' } });
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const side = renderer.getImageWidth(qr.modules.size, opts);
  const data = Buffer.alloc(side * side * 4);
  renderer.qrToImageData(data, qr, opts);
  const px = { data, width: side, height: side };
  return side === box.width && side === box.height ? px : fitImage(px, box);
}
