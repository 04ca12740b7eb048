import type { FastifyInstance } from 'fastify';

export function digitizePages(_app: FastifyInstance): void {}
