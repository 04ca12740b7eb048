import { languages } from '@crosstally/shared';

const prefixes = languages.map((l) => `/${l}`);

/** Whether an address is one of the site's pages (`/be`, `/ru/…`, `/en?x`), not the JSON API. */
export function isWebPath(url: string): boolean {
  return prefixes.some((p) => url === p || url.startsWith(`${p}/`) || url.startsWith(`${p}?`));
}
