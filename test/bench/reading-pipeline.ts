import { availableParallelism } from 'node:os';
import { compileFormTemplate, presidentialDefinition } from '@crosstally/shared';
import { makeWorkingImage } from '../../apps/worker/src/adapters/image.adapter.js';
import { createProtocolOcr } from '../../apps/worker/src/adapters/ocr/read-protocol.js';
import { readQrTexts } from '../../apps/worker/src/adapters/qr.adapter.js';

const { relations } = compileFormTemplate(presidentialDefinition);
const lines = presidentialDefinition.form.lines;

export type TPipelineScope = 'reader' | 'job';

/**
 * Protocols per second with every core busy, in this process, as the worker runs by default:
 * one tesseract thread per core and two photos per core in flight.
 * 'reader': the working copy and OCR only; 'job': all the photo job does besides the queue
 * and the database, i.e. also the QR attempt.
 */
export async function pipelineRate(
  photos: Buffer[],
  scope: TPipelineScope,
): Promise<{ perSecond: number; cpuMsPerPhoto: number }> {
  const cores = availableParallelism();
  const ocr = await createProtocolOcr({ workers: cores });
  let next = 0;
  try {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 2 * cores }, async () => {
        while (next < photos.length) {
          const working = await makeWorkingImage(photos[next++]!, 1, 64e6);
          if (scope === 'reader') {
            await ocr.read({ image: working.grey, lines, relations });
            continue;
          }
          const texts = await readQrTexts(working.grey);
          if (texts.length === 0) await ocr.read({ image: working.grey, lines, relations });
        }
      }),
    );
    const used = process.cpuUsage(cpu);
    return {
      perSecond: (1000 * photos.length) / (performance.now() - started),
      cpuMsPerPhoto: (used.user + used.system) / 1000 / photos.length,
    };
  } finally {
    await ocr.close();
  }
}
