import type { KnownLegalBasis } from '../problems';
import { normalise } from './cells';
import type { At, ProblemList } from './problem-list';

const kindLabels: Record<string, string> = {
  'lawful-basis': 'an Art. 6 lawful basis',
  'special-category-condition': 'an Art. 9 special-category condition',
  'criminal-data-condition': 'an Art. 10 criminal-data condition',
  'transfer-mechanism': 'an Art. 45–49 transfer mechanism',
  'processing-basis': 'an Art. 6 lawful basis or an Art. 9 or Art. 10 condition',
};
const kindLabel = (kind: string) => kindLabels[kind] ?? `of kind ${kind}`;

/** The kinds a column of bases for the whole activity takes: any basis of the processing itself, not a transfer mechanism. */
export const processingBasis = 'processing-basis';
const processingKinds = ['lawful-basis', 'special-category-condition', 'criminal-data-condition'];

/**
 * The code of the legal basis a line names, of the kind its column takes (`processingBasis`: any
 * basis of the processing itself); undefined (and a problem) when it names none.
 */
export type LegalBasisReader = (line: string, kind: string, where: At) => string | undefined;

/**
 * Reads a legal basis the way people write one in a spreadsheet: as the export does ("Art. 6(1)(b)
 * Contract"), as its code, as its article alone, or with a dash or colon between article and name.
 */
export function legalBasisReader(known: KnownLegalBasis[], problems: ProblemList): LegalBasisReader {
  const byLabel = new Map<string, KnownLegalBasis[]>();
  const byCode = new Map<string, KnownLegalBasis[]>();
  const byArticle = new Map<string, KnownLegalBasis[]>();
  const addTo = (map: Map<string, KnownLegalBasis[]>, key: string, basis: KnownLegalBasis) =>
    map.set(key, [...(map.get(key) ?? []), basis]);
  for (const basis of known) {
    addTo(byLabel, normalise(`${basis.article} ${basis.name}`), basis);
    addTo(byCode, normalise(basis.code), basis);
    addTo(byArticle, normalise(basis.article), basis);
  }
  const articlesLongestFirst = [...known].sort((a, b) => b.article.length - a.article.length);

  return (line, kind, where) => {
    const key = normalise(line);
    let candidates = byLabel.get(key) ?? byCode.get(key) ?? byArticle.get(key);
    if (!candidates) {
      // "Art. 6(1)(b) - Contract", "Art. 6(1)(b): Contract"
      const loose = articlesLongestFirst.find((basis) => {
        const article = normalise(basis.article);
        return (
          key.startsWith(article) &&
          /^[\s:–—-]+/.test(key.slice(article.length)) &&
          key.slice(article.length).replace(/^[\s:–—-]+/, '') === normalise(basis.name)
        );
      });
      if (loose) candidates = [loose];
    }
    if (!candidates || candidates.length === 0) {
      return void problems.report(
        where,
        line,
        `Unknown legal basis: write it as the export does ("Art. 6(1)(b) Contract"), as its code (gdpr-6-1-b) or as its article`,
      );
    }
    const fitting = candidates.filter((basis) => (kind === processingBasis ? processingKinds.includes(basis.kind) : basis.kind === kind));
    if (fitting.length === 0) {
      const found = candidates[0]!;
      return void problems.report(
        where,
        line,
        `${found.article} ${found.name} (${found.code}) is ${kindLabel(found.kind)}; this column takes ${kindLabel(kind)}`,
      );
    }
    if (fitting.length > 1) {
      return void problems.report(
        where,
        line,
        `Ambiguous legal basis: it matches ${fitting.map((basis) => basis.code).join(', ')}; write its code`,
      );
    }
    return fitting[0]!.code;
  };
}
