import { ZErrorResponse } from '@crosstally/shared';

/** The error answers a group of routes documents: each the same body, `{ error, message }`. */
export function errorResponses<const S extends readonly number[]>(
  ...statuses: S
): { [K in S[number]]: typeof ZErrorResponse } {
  return Object.fromEntries(statuses.map((status) => [status, ZErrorResponse])) as {
    [K in S[number]]: typeof ZErrorResponse;
  };
}
