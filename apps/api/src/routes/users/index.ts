import { roles, ZErrorResponse } from '@crosstally/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { appendAudit } from '../../audit/audit-log.js';
import { hashPassword, minPasswordLength } from '../../auth/passwords.js';
import { actorOf } from '../../auth/principal.js';
import { AppError } from '../../errors.js';
import { requireRole } from '../../plugins/auth.js';

const ZUser = z.object({ id: z.number(), username: z.string(), role: z.enum(roles), disabled: z.boolean() });
const errors = {
  400: ZErrorResponse,
  401: ZErrorResponse,
  403: ZErrorResponse,
  404: ZErrorResponse,
  409: ZErrorResponse,
};
const params = z.object({ id: z.coerce.number().int().positive() });

/** Admins manage the other accounts; every change goes to the audit log with the change. */
export async function userRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', requireRole('admin'));

  api.post('/v1/admin/users', {
    schema: {
      summary: 'Create an account',
      tags: ['users'],
      body: z.object({
        username: z.string().regex(/^[a-z0-9._-]{3,40}$/i, '3–40 letters, digits, ".", "_" or "-"'),
        password: z.string().min(minPasswordLength, `at least ${minPasswordLength} characters`).max(1000),
        role: z.enum(roles),
      }),
      response: { 201: ZUser, ...errors },
    },
    handler: async (request, reply) => {
      const { username, password, role } = request.body;
      const passwordHash = await hashPassword(password);
      const user = await db.transaction().execute(async (trx) => {
        const created = await trx
          .insertInto('app_user')
          .values({ username: username.toLowerCase(), password_hash: passwordHash, role })
          .onConflict((oc) => oc.constraint('app_user_username_uq').doNothing())
          .returning(['id', 'username', 'role'])
          .executeTakeFirst();
        if (!created) throw new AppError('conflict', `the username ${username} is taken`);
        await appendAudit(trx, {
          actor: actorOf(request.principal),
          action: 'user.create',
          subject: { user: created.id, username: created.username, role },
        });
        return created;
      });
      return reply.status(201).send({ ...user, disabled: false });
    },
  });

  api.get('/v1/admin/users', {
    schema: {
      summary: 'Every account',
      tags: ['users'],
      response: { 200: z.object({ users: z.array(ZUser) }), ...errors },
    },
    handler: async () => {
      const rows = await db
        .selectFrom('app_user')
        .select(['id', 'username', 'role', 'disabled_at'])
        .orderBy('id')
        .execute();
      return {
        users: rows.map((u) => ({ id: u.id, username: u.username, role: u.role, disabled: u.disabled_at !== null })),
      };
    },
  });

  api.patch('/v1/admin/users/:id', {
    schema: {
      summary: 'Change an account’s role or disable it (its sessions and tokens stop at once)',
      tags: ['users'],
      params,
      body: z.object({ role: z.enum(roles).optional(), disabled: z.boolean().optional() }),
      response: { 200: ZUser, ...errors },
    },
    handler: async (request) => {
      const { role, disabled } = request.body;
      return db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('app_user')
          .set({
            ...(role ? { role } : {}),
            ...(disabled === undefined ? {} : { disabled_at: disabled ? sql`now()` : null }),
          })
          .where('id', '=', request.params.id)
          .returning(['id', 'username', 'role', 'disabled_at'])
          .executeTakeFirst();
        if (!updated) throw new AppError('not_found', `no user ${request.params.id}`);
        if (disabled)
          await trx
            .updateTable('user_session')
            .set({ revoked_at: sql`now()` })
            .where('user_id', '=', updated.id)
            .where('revoked_at', 'is', null)
            .execute();
        await appendAudit(trx, {
          actor: actorOf(request.principal),
          action: 'user.update',
          subject: { user: updated.id, role, disabled },
        });
        return {
          id: updated.id,
          username: updated.username,
          role: updated.role,
          disabled: updated.disabled_at !== null,
        };
      });
    },
  });

  api.post('/v1/admin/users/:id/revoke-sessions', {
    schema: {
      summary: 'Log an account out everywhere',
      tags: ['users'],
      params,
      response: { 200: z.object({ revoked: z.number() }), ...errors },
    },
    handler: async (request) =>
      db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('user_session')
          .set({ revoked_at: sql`now()` })
          .where('user_id', '=', request.params.id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        await appendAudit(trx, {
          actor: actorOf(request.principal),
          action: 'user.revoke_sessions',
          subject: { user: request.params.id },
        });
        return { revoked: Number(result.numUpdatedRows) };
      }),
  });

  api.post('/v1/admin/users/:id/grants', {
    schema: {
      summary: 'Grant an account a region subtree of an election',
      tags: ['users'],
      params,
      body: z.object({ election: z.string(), region: z.string().min(1) }),
      response: { 201: z.object({ id: z.number(), election: z.string(), region: z.string() }), ...errors },
    },
    handler: async (request, reply) => {
      const { election, region } = request.body;
      const grant = await db.transaction().execute(async (trx) => {
        const target = await trx
          .selectFrom('region')
          .innerJoin('election', 'election.id', 'region.election_id')
          .select(['region.id', 'region.election_id'])
          .where('election.code', '=', election)
          .where('region.path', '=', region)
          .executeTakeFirst();
        if (!target) throw new AppError('not_found', `no region ${region} in election ${election}`);
        const user = await trx
          .selectFrom('app_user')
          .select('id')
          .where('id', '=', request.params.id)
          .executeTakeFirst();
        if (!user) throw new AppError('not_found', `no user ${request.params.id}`);
        const row = await trx
          .insertInto('region_grant')
          .values({ user_id: user.id, election_id: target.election_id, region_id: target.id })
          .onConflict((oc) => oc.constraint('region_grant_user_region_uq').doUpdateSet({ region_id: target.id }))
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(trx, {
          actor: actorOf(request.principal),
          action: 'grant.create',
          subject: { user: user.id, election, region },
        });
        return row;
      });
      return reply.status(201).send({ id: grant.id, election, region });
    },
  });

  api.delete('/v1/admin/users/:id/grants/:grant', {
    schema: {
      summary: 'Withdraw a grant',
      tags: ['users'],
      params: params.extend({ grant: z.coerce.number().int().positive() }),
      response: { 200: z.object({ status: z.string() }), ...errors },
    },
    handler: async (request) =>
      db.transaction().execute(async (trx) => {
        const removed = await trx
          .deleteFrom('region_grant')
          .where('id', '=', request.params.grant)
          .where('user_id', '=', request.params.id)
          .executeTakeFirst();
        if (removed.numDeletedRows === 0n) throw new AppError('not_found', `no grant ${request.params.grant}`);
        await appendAudit(trx, {
          actor: actorOf(request.principal),
          action: 'grant.delete',
          subject: { user: request.params.id, grant: request.params.grant },
        });
        return { status: 'deleted' };
      }),
  });
}
