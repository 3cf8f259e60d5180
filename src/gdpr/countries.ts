/**
 * The European Economic Area: the 27 EU Member States plus Iceland, Liechtenstein and Norway.
 * Sending personal data to a recipient established here is not a transfer under Chapter V GDPR.
 */
export const eeaCountries: ReadonlySet<string> = new Set([
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'IS',
  'LI',
  'NO',
]);

/**
 * Third countries with an EU adequacy decision (Art. 45(3) GDPR, or Art. 25(6) of Directive
 * 95/46/EC kept in force by Art. 45(9)).
 *
 * Source: European Commission, "Adequacy decisions",
 * https://commission.europa.eu/law/law-topic/data-protection/international-dimension-data-protection/adequacy-decisions_en,
 * checked 2026-11-25. Includes the United Kingdom (decisions renewed 19 December 2025, until 2031)
 * and Brazil (adopted 26 January 2026). Partial decisions count as adequate here; the transfer's
 * safeguard should say why the recipient is covered:
 * - US: only organisations certified under the EU–US Data Privacy Framework (Implementing Decision
 *   (EU) 2023/1795 of 10 July 2023);
 * - CA: only commercial organisations subject to PIPEDA.
 * Update this list when the Commission adopts, amends or withdraws a decision.
 */
export const adequacyCountries: ReadonlyMap<string, string> = new Map([
  ['AD', 'Andorra'],
  ['AR', 'Argentina'],
  ['BR', 'Brazil'],
  ['CA', 'Canada (commercial organisations)'],
  ['CH', 'Switzerland'],
  ['FO', 'Faroe Islands'],
  ['GB', 'United Kingdom'],
  ['GG', 'Guernsey'],
  ['IL', 'Israel'],
  ['IM', 'Isle of Man'],
  ['JE', 'Jersey'],
  ['JP', 'Japan'],
  ['KR', 'Republic of Korea'],
  ['NZ', 'New Zealand'],
  ['US', 'United States (EU–US Data Privacy Framework)'],
  ['UY', 'Uruguay'],
]);
