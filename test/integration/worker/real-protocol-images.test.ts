import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFormTemplate, presidentialDefinition } from '@crosstally/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectImage } from '../../../apps/api/src/photos/index.js';
import { makeWorkingImage } from '../../../apps/worker/src/adapters/image.adapter.js';
import type { ProtocolOcr } from '../../../apps/worker/src/adapters/ocr.adapter.js';
import { createProtocolOcr } from '../../../apps/worker/src/adapters/ocr/read-protocol.js';
import { readQrTexts } from '../../../apps/worker/src/adapters/qr.adapter.js';
import { repoRoot } from '../../support/processes.js';

// Real protocol photos and scans (Indonesia's C1 forms, Kenya's Form 34; see their SOURCE.md
// files in ../shared/data/real/protocol-images). None is a CrossTally sheet, so the honest
// outcome is: decoded without trouble, no CrossTally QR, and no OCR reading at all — the
// photo goes to people. A confident reading of a form we do not know would be a guess.
const root = join(repoRoot, '..', 'shared', 'data', 'real', 'protocol-images');
const present = existsSync(root);
const images = present
  ? readdirSync(root).flatMap((dir) =>
      readdirSync(join(root, dir))
        .filter((f) => /\.jpe?g$/i.test(f))
        .map((f) => join(root, dir, f)),
    )
  : [];
const { lines, relations } = compileFormTemplate(presidentialDefinition);
let ocr: ProtocolOcr;

beforeAll(async () => {
  if (present) ocr = await createProtocolOcr({ workers: 1 });
});
afterAll(async () => ocr?.close());

describe.skipIf(!present)('real protocol images', () => {
  it(`go to people, unguessed (${images.length} images)`, async () => {
    const outcomes: string[] = [];
    for (const file of images) {
      const bytes = readFileSync(file);
      const inspected = inspectImage(bytes, { maxPixels: 64e6 });
      expect(inspected.ok, file).toBe(true);
      const orientation = inspected.ok ? inspected.value.orientation : 1;
      const working = await makeWorkingImage(bytes, orientation, 64e6);
      const texts = await readQrTexts(working.grey);
      const reading = await ocr.read({ image: working.grey, lines, relations });
      outcomes.push(
        `${file.split('/').slice(-1)[0]}: QR ${texts.length ? JSON.stringify(texts[0]!.slice(0, 40)) : 'none'}, OCR ${reading ? `${Object.keys(reading.lines).length} lines` : 'none (to people)'}`,
      );
      expect(
        texts.some((t) => t.startsWith('CT1|')),
        file,
      ).toBe(false);
      expect(reading, file).toBeNull();
    }
    console.log(outcomes.join('\n'));
  });
});

if (!present) console.log(`real protocol images not found at ${root}: skipped`);
