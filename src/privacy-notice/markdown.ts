import type { NoticeStatement, PrivacyNoticeResponse } from './dto';

/** Text from the register is data, not markup: characters Markdown would act on are escaped. */
const text = (value: string) => value.replace(/([\\`*_[\]<>|#])/g, '\\$1').replace(/\s*\n\s*/g, ' ');
const bold = (value: string) => `**${text(value)}**`;
const code = (value: string) => `\`${value.replace(/`/g, "'")}\``;
const sentence = (value: string | null | undefined) => (value ? `: ${text(value)}` : '');

const sourceTypes: Record<string, string> = {
  'data-subject': 'from you',
  'third-party': 'from third parties (Art. 14 GDPR)',
  observed: 'observed when you use our services',
  derived: 'derived from other data',
};

const statements = (list: NoticeStatement[]) => list.map((s) => `- ${bold(s.topic)}${sentence(s.text)}`);

/** The notice as a Markdown document, section by section in the order of the JSON. */
export function renderMarkdown(notice: PrivacyNoticeResponse): string {
  const { dataCollected, collection, purposes, sharing, storage, marketing, cookies, other, rights, contact, changes } = notice;
  const lines: string[] = [`# Privacy notice: ${text(notice.organisation.name)}`, ''];
  lines.push(
    `Generated from the record of processing activities of ${text(notice.organisation.name)}${
      notice.policy ? `, completing the privacy policy "${text(notice.policy.name)}" (${notice.policy.language})` : ''
    }.`,
  );
  const section = (title: string, body: string[]) =>
    lines.push('', `## ${text(title)}`, '', ...(body.length > 0 ? body : ['Nothing recorded.']));

  section(dataCollected.title, [
    'We process personal data about:',
    '',
    ...dataCollected.dataSubjectCategories.map((s) => `- ${bold(s.name)}${sentence(s.description)}`),
    '',
    'The personal data we process:',
    '',
    ...dataCollected.dataCategories.map(
      (d) =>
        `${d.parent && dataCollected.dataCategories.some((p) => p.name === d.parent) ? '  ' : ''}- ${bold(d.name)}${sentence(d.description)}${
          d.examples.length > 0 ? ` (for example ${text(d.examples.join(', '))})` : ''
        }${d.sensitivity === 'special' ? ' (special category, Art. 9 GDPR)' : d.sensitivity === 'criminal' ? ' (criminal offences, Art. 10 GDPR)' : ''}`,
    ),
  ]);
  section(
    collection.title,
    collection.channels.map((c) => `- ${bold(c.name)}, ${sourceTypes[c.sourceType] ?? text(c.sourceType)}${sentence(c.description)}`),
  );
  section(
    purposes.title,
    purposes.purposes.map(
      (p) =>
        `- ${bold(p.name)}${sentence(p.description)} Legal basis: ${
          p.legalBases.length > 0 ? p.legalBases.map((b) => `${text(b.name)} (${text(b.article)})`).join('; ') : 'not recorded'
        }.${p.legitimateInterests.length > 0 ? ` Legitimate interests: ${p.legitimateInterests.map(text).join(' ')}` : ''}`,
    ),
  );
  section(sharing.title, [
    ...sharing.recipients.map((r) => `- ${bold(r.name)} (${r.kind}${r.country ? `, ${r.country}` : ''})${sentence(r.description)}`),
    ...(sharing.transfers.length > 0
      ? [
          '',
          'Transfers outside the European Economic Area:',
          '',
          ...sharing.transfers.map(
            (t) =>
              `- ${bold(t.recipient)} in ${t.country}: ${t.mechanism ? `${text(t.mechanism.name)} (${text(t.mechanism.article)})` : 'no transfer mechanism recorded'}.${
                t.safeguard ? ` Safeguards: ${text(t.safeguard)}` : ''
              }`,
          ),
        ]
      : []),
  ]);
  section(storage.title, [
    'Security measures:',
    '',
    ...storage.securityMeasures.map(
      (m) => `- ${bold(m.name)}${m.standardReference ? ` (${text(m.standardReference)})` : ''}${sentence(m.description)}`,
    ),
    ...(storage.standards.length > 0 ? ['', `Standards: ${storage.standards.map(text).join(', ')}.`] : []),
    '',
    'How long we keep your data:',
    '',
    ...storage.retention.map(
      (r) =>
        `- ${bold(r.name)}: ${r.durationText ?? 'not stated'}${r.maximumDurationText ? `, at most ${r.maximumDurationText}` : ''}${r.startEvent ? `, counted from ${text(r.startEvent)}` : ''}; then ${r.endAction}. Applies to: ${text(
          r.dataCategories.join(', '),
        )}.`,
    ),
  ]);
  section(marketing.title, [...statements(marketing.statements), `- ${text(marketing.objection)}`]);
  section(cookies.title, [
    ...(cookies.cookies.length > 0
      ? [
          '| Cookie | Provider | Party | Purpose | Lifetime | Names |',
          '|---|---|---|---|---|---|',
          ...cookies.cookies.map(
            (c) =>
              `| ${text(c.name)} | ${text(c.provider ?? 'not stated')} | ${c.party} | ${text(c.purpose ?? 'not stated')} | ${text(c.lifetimeText ?? 'not stated')} | ${c.names.map(code).join(', ')} |`,
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
        `- ${bold(r.name)} (${r.article}): ${text(r.description)}${r.feeNote ? ` Fee: ${text(r.feeNote)}` : ''}${
          r.activities.length > 0 ? '' : ' (Named in the policy, though no recorded activity gives rise to it.)'
        }`,
    ),
  ]);
  section(contact.title, [
    `${bold(contact.controller)}${[contact.address, contact.country].map((part) => (part ? `, ${text(part)}` : '')).join('')}${
      ([contact.address, contact.country].filter(Boolean).at(-1) ?? contact.controller).endsWith('.') ? '' : '.'
    }`,
    ...(contact.email ? ['', `Send requests about your personal data to ${contact.email}.`] : []),
    ...(contact.responseDays ? ['', `We answer within ${contact.responseDays} days.`] : []),
    ...(contact.phone ? ['', `Phone: ${text(contact.phone)}.`] : []),
    ...(contact.website ? ['', `Website: ${contact.website}`] : []),
    ...(contact.dpoName || contact.dpoEmail
      ? ['', `Data protection officer: ${text([contact.dpoName, contact.dpoEmail].filter(Boolean).join(', '))}.`]
      : []),
    ...(contact.representative ? ['', `Representative in the EU: ${text(contact.representative)}.`] : []),
  ]);
  section(changes.title, [
    ...statements(changes.statements),
    ...(changes.lastChanged ? ['', `Last changed: ${changes.lastChanged}.`] : []),
  ]);
  return `${lines.join('\n')}\n`;
}
