/**
 * Proactive content negotiation (RFC 9110 §12.5.1) for the routes that answer in several
 * representations (the register export, the privacy notice): a `format=` query parameter wins;
 * otherwise the representation the Accept header prefers; the first candidate by default and on
 * ties.
 */

/** The quality an Accept header gives a media type (exact, type/*, or * / *), 0 when absent. */
export function acceptQuality(accept: string | undefined, mediaType: string): number {
  if (!accept) return 0;
  const [type] = mediaType.split('/');
  let best = -1;
  let specificity = -1;
  for (const part of accept.split(',')) {
    const [range, ...params] = part
      .trim()
      .split(';')
      .map((p) => p.trim().toLowerCase());
    const matches = range === mediaType ? 3 : range === `${type}/*` ? 2 : range === '*/*' ? 1 : 0;
    if (matches === 0 || matches < specificity) continue;
    const q = params.find((p) => p.startsWith('q='));
    const quality = q ? Number(q.slice(2)) : 1;
    if (matches > specificity || quality > best) {
      specificity = matches;
      best = Number.isFinite(quality) ? quality : 0;
    }
  }
  return Math.max(0, best);
}

/** `format` if given; else the candidate (name, media type) the Accept header prefers, exact mentions outranking wildcards. */
export function negotiate<F extends string>(format: F | undefined, accept: string | undefined, candidates: readonly [F, string][]): F {
  if (format) return format;
  let chosen = candidates[0]![0];
  let best = 0;
  for (const [name, mediaType] of candidates) {
    const exact = (accept ?? '').toLowerCase().includes(mediaType);
    const score = acceptQuality(accept, mediaType) + (exact ? 0.0001 : 0);
    if (score > best) {
      best = score;
      chosen = name;
    }
  }
  return chosen;
}
