import type { TRole } from '@crosstally/shared';

/** Who is asking. Voters are anonymous: they never have an account. */
export type TPrincipal =
  | { kind: 'anonymous' }
  | { kind: 'root' }
  | { kind: 'user'; id: number; username: string; role: TRole; via: 'session' | 'token' };

export function roleOf(principal: TPrincipal): TRole | 'anonymous' {
  switch (principal.kind) {
    case 'anonymous':
      return 'anonymous';
    case 'root':
      return 'admin';
    case 'user':
      return principal.role;
  }
}

/** The name the audit log records for a person (root: the bootstrap token of the server). */
export function actorOf(principal: TPrincipal): string {
  return principal.kind === 'user' ? `user:${principal.id}:${principal.username}` : principal.kind;
}
