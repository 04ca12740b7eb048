import type { FastifyInstance } from 'fastify';

export function reportPages(_app: FastifyInstance): void {}
