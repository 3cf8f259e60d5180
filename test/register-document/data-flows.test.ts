import t from 'tap';
import { parse } from 'yaml';
import { buildTestApp, call } from '../helper';
import { download, upload, woktronWithFlows } from '../support/data-map-fixtures';

// The register document (YAML and JSON) holds the recorded data flows: export → import into an
// empty installation → the identical document.

t.test('the register document (YAML and JSON) holds the recorded data flows, ends and categories by name', async (t) => {
  const source = await woktronWithFlows(t);
  const yaml = await download(source, 'yaml', '&internalNotes=true');
  t.equal(yaml.statusCode, 200);
  const document = parse(yaml.body);
  t.equal(document.systems.length, 5, 'the five systems');
  t.same(
    document.dataFlows,
    [
      {
        name: 'Server logs to the SIEM',
        description: 'Log lines of the servers, for security monitoring',
        fromKind: 'system',
        from: 'Woktron servers',
        toKind: 'system',
        to: 'Security information and event management solutions',
        dataCategories: ['Website usage and cookie data'],
      },
      { name: 'Visits', fromKind: 'data-subject-category', from: 'Website visitors', toKind: 'system', to: 'Woktron servers' },
      {
        name: 'Website statistics to Google',
        fromKind: 'system',
        from: 'Google Analytics',
        toKind: 'recipient',
        to: 'Google Analytics',
        dataCategories: ['Website usage and cookie data'],
        transferCountry: 'US',
        transferMechanism: 'gdpr-45',
        transferSafeguard: 'EU-US Data Privacy Framework',
        sourcePhrase: 'recorded for the test, not from the policy',
      },
    ],
    'by name, sorted; the end of the kind its kind field says',
  );

  const target = await buildTestApp(t);
  const imported = await upload(target, yaml.body, 'application/yaml');
  t.equal(imported.statusCode, 200, imported.body.slice(0, 2000));
  t.match(imported.data.byResource['data-flows'], { create: 3 });
  t.equal((await download(target, 'yaml', '&internalNotes=true')).body, yaml.body, 'the identical YAML document');

  const json = JSON.parse((await download(source, 'document', '&internalNotes=true')).body);
  const jsonTarget = await buildTestApp(t);
  const fromJson = await upload(jsonTarget, json);
  t.equal(fromJson.statusCode, 200, fromJson.body.slice(0, 2000));
  t.same(JSON.parse((await download(jsonTarget, 'document', '&internalNotes=true')).body), json, 'the identical JSON document');

  // The document is the whole register: replacing with it keeps the flows (it deleted them when it had none).
  const replaced = await call(source, 'POST', '/v1/register/import?mode=replace', yaml.body, 'admin', {
    'content-type': 'application/yaml',
  });
  t.equal(replaced.statusCode, 200, replaced.body.slice(0, 1000));
  t.match(replaced.data.counts, { create: 0, change: 0, delete: 0 });

  // A flow's end names an entry of its kind: a system's name is no recipient.
  const wrong = parse(yaml.body);
  wrong.dataFlows[0].to = 'Google Analytics';
  wrong.dataFlows[0].toKind = 'data-subject-category';
  const refused = await upload(await buildTestApp(t), JSON.stringify(wrong), 'application/json');
  t.equal(refused.statusCode, 422, refused.body.slice(0, 1000));
  t.match(refused.data.problems, [{ path: '/dataFlows/0/to', value: 'Google Analytics', message: /data subject category/ }]);
});
