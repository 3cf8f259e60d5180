import { recordsProvision, sharedFramework } from '../gdpr/frameworks';
import type { RegisterSource } from './reader';

export const documentType = 'gdpr-art30-register';
export const formatVersion = 2;

/**
 * The register as the JSON document of openapi/register.schema.json, written as it is read: the
 * header, then one piece per activity (small strings are young-generation garbage; a page-sized
 * one would not be), then the totals. One activity per line.
 */
export async function* renderJson(source: RegisterSource): AsyncGenerator<string> {
  const head = JSON.stringify({
    documentType,
    formatVersion,
    generatedAt: source.generatedAt,
    filters: source.filters,
    notApproved: source.notApproved,
    organisationalUnits: source.organisationalUnits,
    organisations: source.organisations,
    legalBases: source.legalBases,
    privacyPolicies: source.privacyPolicies,
    systems: source.systems,
    dataFlows: source.dataFlows,
    internalNotes: source.internalNotes,
  });
  yield `${head.slice(0, -1)},\n"controllerRegister":{"article":${JSON.stringify(recordsProvision(sharedFramework(source.controllers), 1))},"controllers":${JSON.stringify(source.controllers)},"activities":[`;
  let first = true;
  for await (const page of source.controllerPages()) {
    for (const activity of page) yield `${first ? ((first = false), '\n') : ',\n'}${JSON.stringify(activity)}`;
  }
  yield `]},\n"processorRegister":{"article":${JSON.stringify(recordsProvision(sharedFramework(source.processors), 2))},"processors":${JSON.stringify(source.processors)},"controllers":[`;
  // undefined: no group opened yet; null: the group of records naming no controller.
  let group: string | null | undefined;
  let firstInGroup = true;
  for await (const page of source.processorPages()) {
    for (const { controllerId, activity } of page) {
      let opening = '';
      if (controllerId !== group) {
        const controller = controllerId === null ? null : (source.organisation(controllerId) ?? null);
        opening = `${group === undefined ? '' : ']},'}\n{"controller":${JSON.stringify(controller)},"activities":[`;
        group = controllerId;
        firstInGroup = true;
      }
      yield `${opening}${firstInGroup ? '\n' : ',\n'}${JSON.stringify(activity)}`;
      firstInGroup = false;
    }
  }
  yield `${group === undefined ? '' : ']}'}]},\n"totals":${JSON.stringify(source.totals)}}\n`;
}
