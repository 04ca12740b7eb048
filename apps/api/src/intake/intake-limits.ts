import type { FastifyRequest } from 'fastify';
import type { TApiConfig } from '../config.js';
import { AppError } from '../errors.js';
import { isLoopback, Quota, RateLimiter } from './rate-limiter.js';

/**
 * The limits anonymous intake lives under: requests per network address per minute, reports
 * per voter per minute, photos per voter per election. Counters are in memory only.
 */
export class IntakeLimits {
  private readonly perAddress: RateLimiter;
  private readonly reportsPerVoter: RateLimiter;
  private readonly photosPerVoter: Quota;

  constructor(private readonly config: TApiConfig) {
    this.perAddress = new RateLimiter(config.intakePerAddressPerMinute, 60_000);
    this.reportsPerVoter = new RateLimiter(config.reportsPerVoterPerMinute, 60_000);
    this.photosPerVoter = new Quota(config.photosPerVoter);
  }

  /** An onRequest hook for intake routes. */
  readonly byAddress = async (request: FastifyRequest): Promise<void> => {
    const address = request.ip;
    if (!this.config.limitLoopback && isLoopback(address)) return;
    if (!this.perAddress.take(address)) throw new AppError('too_many_requests', { key: 'intake.tooMany' });
  };

  report(voterKey: string): void {
    if (!this.reportsPerVoter.take(voterKey)) throw new AppError('too_many_requests', { key: 'selfReport.tooOften' });
  }

  photo(voterKey: string): void {
    if (!this.photosPerVoter.take(voterKey)) {
      throw new AppError('too_many_requests', {
        key: 'photo.voterQuota',
        params: { limit: this.config.photosPerVoter },
      });
    }
  }
}
