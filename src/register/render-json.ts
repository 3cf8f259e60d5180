import type { RegisterSource } from './reader';

export const documentType = 'gdpr-art30-register';
export const formatVersion = 1;

/**
 * The register as the JSON document of openapi/register.schema.json, written as it is read: the
 * header, then one chunk per page of activities, then the totals. One activity per line.
 */
export async function* renderJson(source: RegisterSource): AsyncGenerator<string> {
  const head = JSON.stringify({
    documentType,
    formatVersion,
    generatedAt: source.generatedAt,
    filters: source.filters,
    organisations: source.organisations,
    legalBases: source.legalBases,
  });
  yield `${head.slice(0, -1)},\n"controllerRegister":{"article":"GDPR Art. 30(1)","controllers":${JSON.stringify(source.controllers)},"activities":[`;
  let first = true;
  for await (const page of source.controllerPages()) {
    yield page.map((activity) => `${first ? ((first = false), '\n') : ',\n'}${JSON.stringify(activity)}`).join('');
  }
  yield `]},\n"processorRegister":{"article":"GDPR Art. 30(2)","processors":${JSON.stringify(source.processors)},"controllers":[`;
  // undefined: no group opened yet; null: the group of records naming no controller.
  let group: string | null | undefined;
  let firstInGroup = true;
  for await (const page of source.processorPages()) {
    let chunk = '';
    for (const { controllerId, activity } of page) {
      if (controllerId !== group) {
        const controller = controllerId === null ? null : (source.organisation(controllerId) ?? null);
        chunk += `${group === undefined ? '' : ']},'}\n{"controller":${JSON.stringify(controller)},"activities":[`;
        group = controllerId;
        firstInGroup = true;
      }
      chunk += `${firstInGroup ? '\n' : ',\n'}${JSON.stringify(activity)}`;
      firstInGroup = false;
    }
    yield chunk;
  }
  yield `${group === undefined ? '' : ']}'}]},\n"totals":${JSON.stringify(source.totals)}}\n`;
}
