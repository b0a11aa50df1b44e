/** The poster's QR code, generated locally: the poster must not call any service. */
import QRCode from 'qrcode';

/**
 * A PNG data URI at the size the poster shows it: a raster image is much cheaper for the SVG rasteriser than
 * a nested SVG with hundreds of path segments.
 */
export async function qrPngDataUri(text: string, size = 260): Promise<string> {
  const png = await QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: size, color: { dark: '#000000', light: '#ffffff' } });
  return `data:image/png;base64,${png.toString('base64')}`;
}
