/** The poster's QR code, generated locally: the poster must not call any service. */
import QRCode from 'qrcode';
import { fitImage, type Box, type Pixels } from './render.ts';

/** RGBA pixels of the QR code for `text`, exactly the size of its box (black on white, two modules of margin). */
export async function qrPixels(text: string, box: Box): Promise<Pixels> {
  const png = await QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: box.width, color: { dark: '#000000', light: '#ffffff' } });
  return fitImage(png, box);
}
