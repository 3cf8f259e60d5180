import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { buildTestApp, call } from '../helper';
import {
  checkFidelity,
  corpusDir,
  corpusTable,
  loadCorpus,
  recordRegister,
  resolvePath,
  type CorpusRegister,
  type FidelityReport,
} from '../support/real-register-corpus';

// The fidelity test: every register of our real-register corpus is recorded through the API as a
// DPO would, exported (GET /v1/register) and checked against its source. It fails on a fact
// without a home (its target field is missing or holds something else), on a field the source
// leaves unstated that reads back with a value, and on any exported value of an enumerated or
// defaultable field that no fact of the source states. The findings of each register are kept in
// the corpus README's table, which must match what the register yields now
// (UPDATE_REAL_REGISTERS=1 rewrites it).

const corpus = loadCorpus();
const readmePath = join(corpusDir, 'README.md');
const tableStart = '<!-- real-registers:table:start -->';
const tableEnd = '<!-- real-registers:table:end -->';

async function exportOf(register: CorpusRegister, t: { teardown(fn: () => unknown): void }) {
  const app = await buildTestApp(t);
  await recordRegister(app, register);
  const exported = await call(app, 'GET', '/v1/register?state=working&internalNotes=true', undefined, 'auditor');
  if (exported.statusCode !== 200) throw new Error(`${register.slug}: export → ${exported.statusCode}: ${exported.body}`);
  const findings = await call(app, 'GET', '/v1/register/findings', undefined, 'reader');
  if (findings.statusCode !== 200) throw new Error(`${register.slug}: findings → ${findings.statusCode}: ${findings.body}`);
  return { document: exported.data, findings: [...new Set<string>(findings.data.summary.map((s: { code: string }) => s.code))].sort() };
}

t.test('the corpus: at least five registers, three countries, three kinds of organisation, each with its source', async (t) => {
  t.ok(corpus.length >= 5, `${corpus.length} registers`);
  t.ok(new Set(corpus.map((r) => r.source.country)).size >= 3, 'three countries or more');
  t.ok(new Set(corpus.map((r) => r.source.organisationKind)).size >= 3, 'three kinds of organisation or more');
  for (const register of corpus) {
    t.match(register.source, { url: /^https:\/\//, retrievedOn: /^\d{4}-\d{2}-\d{2}$/, language: /^[a-z]{2}$/, country: /^[A-Z]{2}$/ });
    t.ok(register.source.licence.length > 0, `${register.slug} says what its licence allows`);
    t.ok(register.facts.length > 0, `${register.slug} has facts`);
    for (const fact of register.facts)
      t.ok(fact.phrase.length > 0 && fact.target.length > 0, `${register.slug}: ${fact.target} has its phrase`);
  }
});

const rows: { register: CorpusRegister; report: FidelityReport; findings: string[] }[] = [];

for (const register of corpus) {
  t.test(`${register.slug}: every fact has a home and nothing is put in its mouth`, async (t) => {
    const { document, findings } = await exportOf(register, t);
    const report = checkFidelity(register, document);
    const shown = (value: unknown) => JSON.stringify(value)?.slice(0, 300);
    t.strictSame(
      report.homeless.map(({ fact, found }) => `${fact.target} = ${shown(fact.value)}, found ${shown(found)}`),
      [],
      'every source fact has a home holding its value',
    );
    t.strictSame(
      report.unstatedBroken.map(({ unstated, found }) => `${unstated.target}: ${shown(found)}`),
      [],
      'every field the source leaves unstated reads back as not stated',
    );
    t.strictSame(
      report.putInMouth.map(({ path, value }) => `${path} = ${shown(value)}`),
      [],
      'every exported value of a checked field is stated by the source',
    );
    rows.push({ register, report, findings });
    t.comment(
      `${register.slug}: ${report.facts} facts, ${report.homed} with a home, ${report.notStated} not stated; findings: ${findings.join(', ') || 'none'}`,
    );
  });
}

t.test('the corpus README carries the table of what the registers yield now', async (t) => {
  t.equal(rows.length, corpus.length, 'every register was checked');
  const table = corpusTable(rows.sort((a, b) => a.register.slug.localeCompare(b.register.slug)));
  t.comment(`\n${table}`);
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf(tableStart);
  const end = readme.indexOf(tableEnd);
  t.ok(start >= 0 && end > start, 'the README marks where the table goes');
  const updated = `${readme.slice(0, start + tableStart.length)}\n${table}\n${readme.slice(end)}`;
  if (process.env.UPDATE_REAL_REGISTERS === '1') writeFileSync(readmePath, updated);
  else t.equal(readme, updated, 'the README table is current (UPDATE_REAL_REGISTERS=1 rewrites it)');
});

t.test('the check can fail: a changed fact, an invented value and a missing field are each caught', async (t) => {
  const register = corpus.find((r) => r.slug === 'nl-tilburg-website');
  if (!register) throw new Error('the self-check reads the Tilburg register');
  const { document } = await exportOf(register, t);
  t.strictSame(checkFidelity(register, document).homeless, [], 'the register passes as recorded');

  // A fact whose value the export does not hold: "5 tot 7 jaar" read as six years.
  const mutated: CorpusRegister = structuredClone(register);
  const fact = mutated.facts.find((f) => f.target === 'retentionRules[5 tot 7 jaar].duration');
  if (!fact) throw new Error('the self-check mutates the 5-to-7-years fact');
  fact.value = 'P6Y';
  t.match(checkFidelity(mutated, document).homeless, [
    { fact: { target: 'retentionRules[5 tot 7 jaar].duration', value: 'P6Y' }, found: 'P5Y' },
  ]);

  // A fact whose field the model does not have.
  const homeless: CorpusRegister = structuredClone(register);
  homeless.facts.push({ phrase: 'raadsbesluit 2019', value: '2019', target: 'retentionRules[5 tot 7 jaar].decidedIn' });
  t.match(checkFidelity(homeless, document).homeless, [
    { fact: { target: 'retentionRules[5 tot 7 jaar].decidedIn' }, found: '(no such field)' },
  ]);

  // A value the source never stated: an end action defaulted to erase, a source type filled in.
  const distorted = structuredClone(document);
  const activity = distorted.controllerRegister.activities.find((a: any) => a.name === 'Webformulier');
  activity.retentionRules[0].endAction = 'erase';
  const assistant = distorted.controllerRegister.activities.find((a: any) => a.name === 'Virtuele assistent');
  assistant.collectionChannels[0].sourceType = 'data-subject';
  assistant.automatedDecisions = 'no';
  const report = checkFidelity(register, distorted);
  t.strictSame(
    report.putInMouth.map((p) => p.path).sort(),
    [
      'activities[Virtuele assistent].automatedDecisions',
      'collectionChannels[Virtuele assistent op tilburg.nl].sourceType',
      'retentionRules[5 tot 7 jaar].endAction',
    ],
    'each invented value is reported where it appears',
  );
  t.ok(
    report.unstatedBroken.some((u) => u.unstated.target === 'retentionRules[5 tot 7 jaar].endAction'),
    'and the unstated field is no longer unstated',
  );

  // Paths lead nowhere rather than somewhere wrong.
  t.equal(typeof resolvePath(document, 'activities[No such activity].role'), 'symbol');
  t.equal(resolvePath(document, 'activities[Webformulier].role'), 'controller');
});
