import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

let prepared: Promise<unknown> | undefined;

/**
 * zxing-wasm would fetch its .wasm from a CDN; we hand it the binary the package ships, so
 * QR reading works with no network (and contacts no third party).
 */
function prepare(): Promise<unknown> {
  prepared ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = require.resolve('zxing-wasm/reader/zxing_reader.wasm');
    const wasmBinary = (await readFile(wasmPath)).buffer as ArrayBuffer;
    return prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
  })();
  return prepared;
}

/** Every QR code text found in the image, best first. */
export async function readQrTexts(image: {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}): Promise<string[]> {
  await prepare();
  const results = await readBarcodes(
    { data: image.data, width: image.width, height: image.height, colorSpace: 'srgb' } as unknown as Parameters<
      typeof readBarcodes
    >[0],
    { formats: ['QRCode'], tryHarder: true, maxNumberOfSymbols: 4 },
  );
  return results.filter((r) => r.isValid && r.text).map((r) => r.text);
}
