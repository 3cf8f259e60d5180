import type { NoticeStatement, PrivacyNoticeResponse } from './dto';
import { dictionaries, languageName, noticeLanguage } from './words';

/** Text from the register is data, not markup: characters Markdown would act on are escaped. */
const text = (value: string) => value.replace(/([\\`*_[\]<>|#])/g, '\\$1').replace(/\s*\n\s*/g, ' ');
const bold = (value: string) => `**${text(value)}**`;
const code = (value: string) => `\`${value.replace(/`/g, "'")}\``;
const sentence = (value: string | null | undefined) => (value ? `: ${text(value)}` : '');

const statements = (list: NoticeStatement[]) => list.map((s) => `- ${bold(s.topic)}${sentence(s.text)}`);
const period = (value: string) => (/[.!?]$/.test(value) ? value : `${value}.`);

/**
 * The notice as a Markdown document, section by section in the order of the JSON, in the
 * notice's language. It prints the words the JSON carries (kindText, period, countryName…), never
 * the codes beside them.
 */
export function renderMarkdown(notice: PrivacyNoticeResponse): string {
  const { dataCollected, collection, purposes, automatedDecisions, sharing, storage, marketing, cookies, other, rights, contact, changes } =
    notice;
  const words = dictionaries[noticeLanguage(notice.language)];
  const md = words.md;
  const lines: string[] = [`# ${text(md.title(notice.organisation.name))}`, ''];
  lines.push(
    text(
      md.generated(
        notice.organisation.name,
        notice.policy?.name ?? null,
        notice.policy ? languageName(notice.policy.language, noticeLanguage(notice.language)) : '',
      ),
    ),
  );
  lines.push('', text(md.informs(notice.framework.noticeArticles)));
  const section = (title: string, body: string[]) => lines.push('', `## ${text(title)}`, '', ...(body.length > 0 ? body : [md.nothing]));

  section(dataCollected.title, [
    md.subjects,
    '',
    ...dataCollected.dataSubjectCategories.map((s) => `- ${bold(s.name)}${sentence(s.description)}`),
    '',
    md.categories,
    '',
    ...dataCollected.dataCategories.map(
      (d) =>
        `${d.parent && dataCollected.dataCategories.some((p) => p.name === d.parent) ? '  ' : ''}- ${bold(d.name)}${sentence(d.description)}${
          d.examples.length > 0 ? ` (${text(md.forExample(d.examples.join(', ')))})` : ''
        }${d.sensitivityText ? ` (${text(d.sensitivityText)})` : ''}`,
    ),
  ]);
  section(
    collection.title,
    collection.channels.map((c) => `- ${bold(c.name)} (${text(c.mechanismText)}), ${text(c.sourceTypeText)}${sentence(c.description)}`),
  );
  section(
    purposes.title,
    purposes.purposes.map(
      (p) =>
        `- ${bold(p.name)}${sentence(p.description)} ${md.legalBasis}: ${
          p.legalBases.length > 0
            ? p.legalBases
                .map((b) => `${text(b.name)} (${text(b.citation)}${b.notes.length > 0 ? `: ${text(b.notes.join('; '))}` : ''})`)
                .join('; ')
            : md.notRecorded
        }.${p.legitimateInterests.length > 0 ? ` ${md.legitimateInterests}: ${p.legitimateInterests.map(text).join(' ')}` : ''}`,
    ),
  );
  // Activities that state the same without details share one line; each with automated decisions gets its own.
  const grouped = new Map<string, string[]>();
  const detailed: string[] = [];
  for (const a of automatedDecisions.activities) {
    if (a.status === 'yes' || a.logic || a.significance || a.safeguards) {
      const detail = (label: string, value: string | null, missing: string) => (value ? `${label}: ${text(period(value))}` : missing);
      detailed.push(
        `- ${bold(a.activity)}: ${text(a.statement)}${
          a.status === 'yes'
            ? ` ${detail(words.adm.logic, a.logic, words.adm.logicNotStated)} ${detail(words.adm.significance, a.significance, words.adm.significanceNotStated)} ${detail(words.adm.safeguards, a.safeguards, words.adm.safeguardsNotStated)}`
            : ''
        }`,
      );
    } else grouped.set(a.statement, [...(grouped.get(a.statement) ?? []), a.activity]);
  }
  section(automatedDecisions.title, [
    ...detailed,
    ...[...grouped].map(([statement, names]) => `- ${text(statement)} ${md.activities}: ${names.map(text).join('; ')}.`),
  ]);
  section(sharing.title, [
    ...sharing.recipients.map(
      (r) =>
        `- ${bold(r.name)} (${text(r.kindText)}${r.countryName ? `, ${text(r.countryName)}` : ''})${sentence(r.description)}${
          r.processingAgreement ? ` ${text(r.processingAgreement)}` : ''
        }`,
    ),
    ...(sharing.transfers.length > 0
      ? [
          '',
          `${text(sharing.transfersTitle)}:`,
          '',
          ...sharing.transfers.map(
            (t) =>
              `- ${bold(t.recipient)} (${text(t.countryName)}): ${t.mechanism ? `${text(t.mechanism.name)} (${text(t.mechanism.citation)})` : md.noMechanism}.${
                t.safeguard ? ` ${md.safeguards}: ${text(t.safeguard)}` : ''
              }`,
          ),
        ]
      : []),
  ]);
  section(storage.title, [
    md.securityMeasures,
    '',
    ...storage.securityMeasures.map(
      (m) => `- ${bold(m.name)}${m.standardReference ? ` (${text(m.standardReference)})` : ''}${sentence(m.description)}`,
    ),
    ...(storage.standards.length > 0 ? ['', `${md.standards}: ${storage.standards.map(text).join(', ')}.`] : []),
    '',
    md.howLong,
    '',
    ...storage.retention.map(
      (r) =>
        `- ${bold(r.name)}: ${text(r.period)}${r.conditions.length > 0 ? ` ${text(r.conditions.map(period).join(' '))}` : ''}${
          r.dataCategories.length > 0 ? ` ${md.appliesTo}: ${text(r.dataCategories.join(', '))}.` : ''
        }${r.activities.length > 0 ? ` ${md.allDataOf}: ${text(r.activities.join('; '))}.` : ''}`,
    ),
  ]);
  section(marketing.title, [...statements(marketing.statements), `- ${text(marketing.objection)}`]);
  section(cookies.title, [
    ...(cookies.cookies.length > 0
      ? [
          `| ${md.cookieColumns.join(' | ')} |`,
          '|---|---|---|---|---|---|',
          ...cookies.cookies.map(
            (c) =>
              `| ${text(c.name)} | ${text(c.provider ?? md.notStated)} | ${text(c.partyText)} | ${text(c.purpose ?? md.notStated)} | ${text(c.lifetimeText ?? md.notStated)} | ${c.names.map(code).join(', ')} |`,
          ),
          '',
        ]
      : []),
    ...statements(cookies.statements),
  ]);
  if (other.statements.length > 0) section(other.title, statements(other.statements));
  section(rights.title, [
    ...rights.rights.map(
      (r) =>
        `- ${bold(r.name)} (${text(r.article)}): ${text(r.description)}${r.feeNote ? ` ${md.fee}: ${text(r.feeNote)}` : ''}${
          r.activities.length > 0 ? '' : ` ${md.namedOnly}`
        }`,
    ),
  ]);
  const place = [contact.address, contact.countryName];
  section(contact.title, [
    `${bold(contact.controller)}${place.map((part) => (part ? `, ${text(part)}` : '')).join('')}${
      (place.filter(Boolean).at(-1) ?? contact.controller).endsWith('.') ? '' : '.'
    }`,
    ...(contact.email ? ['', text(md.sendRequests(contact.email))] : []),
    ...(contact.responseDays ? ['', md.answerWithin(contact.responseDays)] : []),
    ...(contact.phone ? ['', `${md.phone}: ${text(contact.phone)}.`] : []),
    ...(contact.website ? ['', `${md.website}: ${contact.website}`] : []),
    ...(contact.dpoName || contact.dpoEmail
      ? ['', `${md.dpo}: ${text([contact.dpoName, contact.dpoEmail].filter(Boolean).join(', '))}.`]
      : []),
    ...(contact.representative ? ['', `${md.representative}: ${text(contact.representative)}.`] : []),
  ]);
  section(changes.title, [
    ...statements(changes.statements),
    ...(changes.lastChanged ? ['', `${md.lastChanged}: ${changes.lastChanged}.`] : []),
  ]);
  return `${lines.join('\n')}\n`;
}
