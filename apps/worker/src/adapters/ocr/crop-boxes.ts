import type { TBox } from '@crosstally/shared';
import sharp from 'sharp';
import { binarizeBox } from './binarize-box.js';
import type { TGreyImage } from './grey-image.js';
import type { THomography } from './homography.js';

export type TCropOptions = {
  /** Sampling pixels per layout unit: finer than the photo, so the threshold follows the strokes. */
  scale: number;
  /**
   * Layout units dropped inside each box edge, so the printed border (2–2.5 units wide,
   * centred on the edge) stays out of the crop even when blurred; handwriting reaches to
   * ~3 units from the edge, so more would cut it.
   */
  inset: number;
};

export const defaultCropOptions: TCropOptions = { scale: 3, inset: 4 };

/**
 * Ink to read (`render` makes the PNG for tesseract with the ink scaled to a height in
 * pixels, so a reader can try another size), or why there is none (see TBinarized).
 */
export type TCrop =
  { kind: 'ink'; glyphs: number; render: (inkHeight: number) => Promise<Buffer> } | { kind: 'blank' } | { kind: 'cut' };
export type TInkCrop = Extract<TCrop, { kind: 'ink' }>;

/**
 * Cuts one layout box out of the photo for tesseract: sampled upright at a fixed scale
 * whatever the photo's tilt and distance, binarized on its own (light varies across a
 * photographed sheet), then cut to its ink, to be scaled and padded.
 */
export async function cropBox(
  image: TGreyImage,
  h: THomography,
  box: TBox,
  options = defaultCropOptions,
): Promise<TCrop> {
  const result = binarizeBox(sampleBox(image, h, box, options), options.scale);
  if (result.kind !== 'ink') return result;
  const { binary, bounds } = result;
  const render = async (inkHeight: number) => {
    const pad = Math.round(inkHeight * 0.4);
    return sharp(binary.data, { raw: { width: binary.width, height: binary.height, channels: 1 } })
      .extract(bounds)
      .resize({ height: inkHeight })
      .extend({ top: pad, bottom: pad, left: pad, right: pad, background: '#ffffff' })
      .png({ compressionLevel: 1 })
      .toBuffer();
  };
  return { kind: 'ink', glyphs: result.glyphs, render };
}

/**
 * The box, upright, at `scale` pixels per layout unit, `inset` units inside its edges: each
 * output pixel is mapped through the homography (inverse mapping, so no holes) and read
 * with bilinear interpolation.
 */
export function sampleBox(image: TGreyImage, h: THomography, box: TBox, options = defaultCropOptions): TGreyImage {
  const { scale, inset } = options;
  const width = Math.max(1, Math.round((box.width - 2 * inset) * scale));
  const height = Math.max(1, Math.round((box.height - 2 * inset) * scale));
  const data = new Uint8Array(width * height);
  // The projective map's numerators and denominator are linear along a row: stepping them
  // avoids a matrix product and an object per pixel (~80k pixels a box).
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = h;
  const step = 1 / scale;
  for (let j = 0; j < height; j += 1) {
    const x = box.x + inset + 0.5 * step;
    const y = box.y + inset + (j + 0.5) * step;
    let u = h0 * x + h1 * y + h2;
    let v = h3 * x + h4 * y + h5;
    let w = h6 * x + h7 * y + h8;
    for (let i = 0; i < width; i += 1) {
      data[j * width + i] = sampleBilinear(image, u / w, v / w);
      u += h0 * step;
      v += h3 * step;
      w += h6 * step;
    }
  }
  return { data, width, height };
}

/** Pixel centres at integer coordinates; outside the photo is white paper. */
function sampleBilinear(image: TGreyImage, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  if (x0 < 0 || y0 < 0 || x0 + 1 >= image.width || y0 + 1 >= image.height) return 255;
  const fx = x - x0;
  const fy = y - y0;
  const at = y0 * image.width + x0;
  const d = image.data;
  const top = d[at]! + (d[at + 1]! - d[at]!) * fx;
  const bottom = d[at + image.width]! + (d[at + image.width + 1]! - d[at + image.width]!) * fx;
  return Math.round(top + (bottom - top) * fy);
}
