/**
 * Whether a region path lies in the subtree of `region`: the region itself or any region
 * below it ("Minsk/Frunzensky" is in "Minsk"; "Minskaya" is not). Its SQL twin is
 * `inRegionSubtree` in the evidence read model.
 */
export function isInRegionSubtree(path: string, region: string): boolean {
  return path === region || path.startsWith(`${region}/`);
}
