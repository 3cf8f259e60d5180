/** The findings' rules: their codes, severities, articles and titles, in the order findings are listed. */

export const findingSeverities = ['error', 'warning', 'info'] as const;
export type FindingSeverity = (typeof findingSeverities)[number];

/**
 * Every rule, by stable code, in the order findings are listed. Severity: `error` when the
 * register shows a GDPR requirement unmet, `warning` for a likely gap a DPO should judge.
 */
export const ruleCatalogue = {
  'controller-missing': { severity: 'error', article: 'Art. 30(1)(a), 30(2)(a)', title: 'No controller recorded' },
  'controller-contact-missing': { severity: 'error', article: 'Art. 30(1)(a), 30(2)(a)', title: 'Controller without contact details' },
  'purpose-missing': { severity: 'error', article: 'Art. 30(1)(b), 30(2)(b)', title: 'No purpose recorded' },
  'data-subjects-missing': { severity: 'error', article: 'Art. 30(1)(c)', title: 'No data subject category recorded' },
  'data-categories-missing': { severity: 'error', article: 'Art. 30(1)(c)', title: 'No data category recorded' },
  'legal-basis-missing': { severity: 'error', article: 'Art. 6(1)', title: 'Purpose without an Art. 6(1) legal basis' },
  'special-category-condition-missing': {
    severity: 'error',
    article: 'Art. 9(1)–(2)',
    title: 'Special-category data without an Art. 9(2) condition',
  },
  'criminal-data-condition-missing': { severity: 'error', article: 'Art. 10', title: 'Criminal-offence data without an Art. 10 basis' },
  'stated-absence-contradicted': {
    severity: 'error',
    article: 'Art. 30(1), 5(2)',
    title: 'The record states an absence that its own links contradict',
  },
  'dpo-missing': { severity: 'error', article: 'Art. 37(1), 30(1)(a)', title: 'A DPO must be designated, and none is recorded' },
  'joint-controller-alone': { severity: 'error', article: 'Art. 26(1)', title: 'A joint-controller record with one controller' },
  'consent-withdrawal-not-stated': {
    severity: 'error',
    article: 'Art. 7(3), 13(2)(c)',
    title: 'Consent without a way to withdraw it in the privacy policy',
  },
  'processor-agreement-missing': { severity: 'error', article: 'Art. 28(3)', title: 'Processor without a processing agreement' },
  'transfer-not-recorded': {
    severity: 'error',
    article: 'Art. 30(1)(e), 44',
    title: 'Recipient outside the EEA without a recorded transfer',
  },
  'system-transfer-not-recorded': {
    severity: 'error',
    article: 'Art. 30(1)(e), 44',
    title: 'System hosted outside the EEA without a recorded transfer',
  },
  'system-special-category-condition-missing': {
    severity: 'error',
    article: 'Art. 9(1)–(2)',
    title: 'System holding special-category data that no activity states an Art. 9(2) condition for',
  },
  'transfer-mechanism-missing': { severity: 'error', article: 'Art. 44–49', title: 'Transfer without a transfer mechanism' },
  'adequacy-decision-missing': {
    severity: 'error',
    article: 'Art. 45(1)',
    title: 'Adequacy relied on for a country without an adequacy decision',
  },
  'retention-exceeds-maximum': { severity: 'error', article: 'Art. 5(1)(e)', title: 'Retention longer than its stated maximum' },
  'recipients-missing': { severity: 'warning', article: 'Art. 30(1)(d)', title: 'No recipient recorded' },
  'retention-missing': { severity: 'warning', article: 'Art. 30(1)(f), 5(1)(e)', title: 'Data category without a retention rule' },
  'retention-not-stated': { severity: 'warning', article: 'Art. 30(1)(f), 5(1)(e)', title: 'Retention recorded as not stated' },
  'security-measures-missing': { severity: 'warning', article: 'Art. 30(1)(g), 30(2)(d)', title: 'No security measure recorded' },
  'legitimate-interest-undocumented': {
    severity: 'warning',
    article: 'Art. 6(1)(f), 5(2), 13(1)(d)',
    title: 'Legitimate interests without the interest or its assessment',
  },
  'transfer-safeguard-missing': {
    severity: 'warning',
    article: 'Art. 46(1), 49(1) second subparagraph, 30(1)(e)',
    title: 'Transfer without documented safeguards',
  },
  'dpia-not-recorded': { severity: 'warning', article: 'Art. 35(1), (3); WP248 rev.01', title: 'DPIA likely required but not recorded' },
  'joint-arrangement-missing': {
    severity: 'warning',
    article: 'Art. 26(1)–(2)',
    title: 'Joint controllers without a recorded arrangement',
  },
  'automated-decision-safeguards-missing': {
    severity: 'warning',
    article: 'Art. 22(3), 13(2)(f)',
    title: 'Automated decisions without recorded safeguards',
  },
  'review-overdue': { severity: 'warning', article: 'Art. 24(1), 5(2)', title: 'Review date passed' },
  'retired-entry-linked': { severity: 'warning', article: 'Art. 30(1), 24(1)', title: 'Active activity links a retired entry' },
  'system-unused': { severity: 'warning', article: 'Art. 30(1), 5(1)(e), 5(2)', title: 'System linked by no activity' },
  'notice-right-missing': {
    severity: 'warning',
    article: 'Art. 13(2)(b), (d); 14(2)(c), (e)',
    title: 'Privacy policy does not name a right that applies',
  },
  'access-fee-stated': { severity: 'warning', article: 'Art. 12(5), 15(3)', title: 'Privacy policy asks a fee for access' },
} as const satisfies Record<string, { severity: FindingSeverity; article: string; title: string }>;

export type FindingCode = keyof typeof ruleCatalogue;
export const findingCodes = Object.keys(ruleCatalogue) as FindingCode[];
