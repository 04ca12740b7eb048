import { AppError } from '../errors.js';

/**
 * A cap on the image work one API process does at once (decoding, turning, cutting lines):
 * each decode holds its pixels in memory, so a burst of requests must queue, not pile up. A
 * queue already this long answers 503 at once rather than growing without end.
 */
export class ImageWork {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  done = 0;

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting = 32,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active < this.concurrency) {
      this.active += 1;
    } else {
      if (this.waiting.length >= this.maxWaiting) throw new AppError('unavailable', { key: 'photo.busy' });
      // The slot is handed over by the one that finishes: `active` stays as it is.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    try {
      return await work();
    } finally {
      this.done += 1;
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}
