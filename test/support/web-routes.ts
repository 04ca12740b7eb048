/** The web site's routes (pages, their assets, the root redirect), as opposed to the JSON API. */
export function isWebRoute(url: string): boolean {
  return url === '/' || url.startsWith('/:lang') || url.startsWith('/static/');
}
