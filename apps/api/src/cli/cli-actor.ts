import { userInfo } from 'node:os';

/** Whoever runs the CLI on the server: recorded as such in the audit log. */
export const cliActor = `cli:${userInfo().username}`;
