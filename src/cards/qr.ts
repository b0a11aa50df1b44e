/** A QR code as an SVG image (one path), generated locally: the poster must not call any service. */
import QRCode from 'qrcode';

export function qrSvg(text: string, opts: { color?: string; margin?: number } = {}): { svg: string; modules: number } {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const margin = opts.margin ?? 4;
  let d = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (qr.modules.get(y, x)) d += `M${x + margin} ${y + margin}h1v1h-1z`;
    }
  }
  const dim = size + margin * 2;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${dim} ${dim}" shape-rendering="crispEdges"><rect width="${dim}" height="${dim}" fill="#fff"/><path d="${d}" fill="${opts.color ?? '#000'}"/></svg>`;
  return { svg, modules: size };
}

export function qrDataUri(text: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(qrSvg(text).svg).toString('base64')}`;
}
