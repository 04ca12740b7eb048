import QRCode from 'qrcode';

export type TRenderQrOptions = {
  /** Width and height of the SVG in px; omitted, the SVG scales to its container. */
  size?: number;
};

/**
 * Renders a protocol QR payload as an SVG string, to print on or beside the protocol.
 * Level M (15% recovery) survives a crease or a smudge while keeping the symbol small for a
 * typical 20-line protocol; the 4-module quiet zone is what the QR standard requires for
 * phones to find the symbol on a busy page. Rejects when the text does not fit a QR code.
 */
export async function renderProtocolQrSvg(text: string, options: TRenderQrOptions = {}): Promise<string> {
  return QRCode.toString(text, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 4,
    ...(options.size === undefined ? {} : { width: options.size }),
  });
}
