import { distance } from 'fastest-levenshtein';

/**
 * The known name closest to a mistyped one, when it is close enough to be a slip of the fingers
 * (`stauts` → `status`, `--dryrun` → `--dry-run`); undefined when nothing is that close.
 */
export function closestName(typed: string, known: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(typed.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const d = distance(typed.toLowerCase(), name.toLowerCase());
    if (d <= limit && (best === undefined || d < best.distance)) best = { name, distance: d };
  }
  // A prefix is a strong hint too: `sla stat` meant `status`.
  return (
    best?.name ?? (typed.length >= 3 ? known.find((name) => name.startsWith(typed.toLowerCase())) : undefined)
  );
}

/** ` (did you mean 'status'?)`, or nothing. */
export function didYouMean(typed: string, known: readonly string[]): string {
  const name = closestName(typed, known);
  return name === undefined ? '' : `; did you mean '${name}'?`;
}
