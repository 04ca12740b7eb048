import type { FastifyInstance } from 'fastify';

export function deskPages(_app: FastifyInstance): void {}
