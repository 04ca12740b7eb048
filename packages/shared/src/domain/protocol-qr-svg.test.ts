import { describe, it, expect } from 'vitest';
import QRCode from 'qrcode';
import { encodeProtocolQr } from './protocol-qr.js';
import { renderProtocolQrSvg } from './protocol-qr-svg.js';
import { compileFormTemplate } from './form-template.js';
import { presidentialDefinition, presidentialSampleValues } from './fixtures/presidential-form.js';

const template = compileFormTemplate(presidentialDefinition);
const lines = Object.fromEntries(template.lines.map((l) => [l.number, presidentialSampleValues[l.key] ?? 0]));
const text = encodeProtocolQr({ election: presidentialDefinition.code, station: '01-123', lines });

describe('renderProtocolQrSvg', () => {
  it('renders a self-contained SVG that scales when no size is given', async () => {
    const svg = await renderProtocolQrSvg(text);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 (\d+) \1"/);
    expect(svg).not.toMatch(/width=|href=/);
  });

  it('sets width and height when a size is given', async () => {
    expect(await renderProtocolQrSvg(text, { size: 240 })).toMatch(/width="240" height="240"/);
  });

  it('is deterministic, and the symbol carries the payload at level M with a quiet zone', async () => {
    expect(await renderProtocolQrSvg(text)).toBe(await renderProtocolQrSvg(text));
    const symbol = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const modules = symbol.modules.size;
    expect(await renderProtocolQrSvg(text)).toContain(`viewBox="0 0 ${modules + 8} ${modules + 8}"`);
    // A 14-line protocol (~130 characters) fits a symbol of at most 57 modules (version
    // 10), which a phone reads from a photo of an A4 sheet.
    expect(symbol.version).toBeLessThanOrEqual(10);
  });

  it('rejects a text too long for any QR code', async () => {
    await expect(renderProtocolQrSvg('x'.repeat(3000))).rejects.toThrow();
  });
});
