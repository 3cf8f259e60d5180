import type { MigrationInterface, QueryRunner } from 'typeorm';

const gdpr = 'https://w3id.org/dpv/legal/eu/gdpr#';

/** [code, kind, article, name, description, DPV IRI] — the GDPR's own grounds, read-only via the API. */
const legalBases: [string, string, string, string, string, string][] = [
  ['gdpr-6-1-a', 'lawful-basis', 'Art. 6(1)(a)', 'Consent', 'The data subject has given consent to the processing for one or more specific purposes.', `${gdpr}A6-1-a`],
  ['gdpr-6-1-b', 'lawful-basis', 'Art. 6(1)(b)', 'Contract', 'Necessary for the performance of a contract with the data subject, or to take steps at their request before entering into one.', `${gdpr}A6-1-b`],
  ['gdpr-6-1-c', 'lawful-basis', 'Art. 6(1)(c)', 'Legal obligation', 'Necessary for compliance with a legal obligation to which the controller is subject.', `${gdpr}A6-1-c`],
  ['gdpr-6-1-d', 'lawful-basis', 'Art. 6(1)(d)', 'Vital interests', 'Necessary to protect the vital interests of the data subject or of another natural person.', `${gdpr}A6-1-d`],
  ['gdpr-6-1-e', 'lawful-basis', 'Art. 6(1)(e)', 'Public task', 'Necessary for a task carried out in the public interest or in the exercise of official authority vested in the controller.', `${gdpr}A6-1-e`],
  ['gdpr-6-1-f', 'lawful-basis', 'Art. 6(1)(f)', 'Legitimate interests', 'Necessary for the legitimate interests pursued by the controller or a third party, unless overridden by the interests or fundamental rights of the data subject.', `${gdpr}A6-1-f`],
  ['gdpr-9-2-a', 'special-category-condition', 'Art. 9(2)(a)', 'Explicit consent', 'The data subject has given explicit consent to the processing of special categories of data for one or more specified purposes.', `${gdpr}A9-2-a`],
  ['gdpr-9-2-b', 'special-category-condition', 'Art. 9(2)(b)', 'Employment and social security law', 'Necessary for obligations and rights in the field of employment, social security and social protection law.', `${gdpr}A9-2-b`],
  ['gdpr-9-2-c', 'special-category-condition', 'Art. 9(2)(c)', 'Vital interests (incapable of consent)', 'Necessary to protect vital interests where the data subject is physically or legally incapable of giving consent.', `${gdpr}A9-2-c`],
  ['gdpr-9-2-d', 'special-category-condition', 'Art. 9(2)(d)', 'Not-for-profit body', 'Legitimate activities of a foundation, association or other not-for-profit body, concerning its members or regular contacts.', `${gdpr}A9-2-d`],
  ['gdpr-9-2-e', 'special-category-condition', 'Art. 9(2)(e)', 'Made manifestly public', 'The data have manifestly been made public by the data subject.', `${gdpr}A9-2-e`],
  ['gdpr-9-2-f', 'special-category-condition', 'Art. 9(2)(f)', 'Legal claims and courts', 'Necessary for the establishment, exercise or defence of legal claims, or whenever courts act in their judicial capacity.', `${gdpr}A9-2-f`],
  ['gdpr-9-2-g', 'special-category-condition', 'Art. 9(2)(g)', 'Substantial public interest', 'Necessary for reasons of substantial public interest on the basis of Union or Member State law.', `${gdpr}A9-2-g`],
  ['gdpr-9-2-h', 'special-category-condition', 'Art. 9(2)(h)', 'Health or social care', 'Necessary for preventive or occupational medicine, medical diagnosis, health or social care or treatment.', `${gdpr}A9-2-h`],
  ['gdpr-9-2-i', 'special-category-condition', 'Art. 9(2)(i)', 'Public health', 'Necessary for reasons of public interest in the area of public health.', `${gdpr}A9-2-i`],
  ['gdpr-9-2-j', 'special-category-condition', 'Art. 9(2)(j)', 'Archiving, research and statistics', 'Necessary for archiving purposes in the public interest, scientific or historical research or statistical purposes.', `${gdpr}A9-2-j`],
  ['gdpr-10', 'criminal-data-condition', 'Art. 10', 'Criminal convictions and offences', 'Processing of data relating to criminal convictions and offences under the control of official authority or when authorised by Union or Member State law.', `${gdpr}A10`],
  ['gdpr-45', 'transfer-mechanism', 'Art. 45(3)', 'Adequacy decision', 'Transfer to a third country the European Commission has decided ensures an adequate level of protection.', `${gdpr}A45-3`],
  ['gdpr-46-2-a', 'transfer-mechanism', 'Art. 46(2)(a)', 'Instrument between public authorities', 'A legally binding and enforceable instrument between public authorities or bodies.', `${gdpr}A46-2-a`],
  ['gdpr-46-2-b', 'transfer-mechanism', 'Art. 46(2)(b)', 'Binding corporate rules (Art. 46)', 'Binding corporate rules in accordance with Article 47.', `${gdpr}A46-2-b`],
  ['gdpr-46-2-c', 'transfer-mechanism', 'Art. 46(2)(c)', 'Standard contractual clauses (Commission)', 'Standard data protection clauses adopted by the Commission.', `${gdpr}A46-2-c`],
  ['gdpr-46-2-d', 'transfer-mechanism', 'Art. 46(2)(d)', 'Standard contractual clauses (supervisory authority)', 'Standard data protection clauses adopted by a supervisory authority and approved by the Commission.', `${gdpr}A46-2-d`],
  ['gdpr-46-2-e', 'transfer-mechanism', 'Art. 46(2)(e)', 'Approved code of conduct', 'An approved code of conduct with binding and enforceable commitments of the recipient.', `${gdpr}A46-2-e`],
  ['gdpr-46-2-f', 'transfer-mechanism', 'Art. 46(2)(f)', 'Approved certification mechanism', 'An approved certification mechanism with binding and enforceable commitments of the recipient.', `${gdpr}A46-2-f`],
  ['gdpr-47', 'transfer-mechanism', 'Art. 47', 'Binding corporate rules', 'Binding corporate rules approved by the competent supervisory authority.', `${gdpr}A47-1`],
  ['gdpr-49-1-a', 'transfer-mechanism', 'Art. 49(1)(a)', 'Derogation: explicit consent', 'The data subject has explicitly consented to the proposed transfer after being informed of its risks.', `${gdpr}A49-1-a`],
  ['gdpr-49-1-b', 'transfer-mechanism', 'Art. 49(1)(b)', 'Derogation: contract with the data subject', 'Necessary for the performance of a contract between the data subject and the controller.', `${gdpr}A49-1-b`],
  ['gdpr-49-1-c', 'transfer-mechanism', 'Art. 49(1)(c)', 'Derogation: contract in the data subject\'s interest', 'Necessary for a contract concluded in the interest of the data subject between the controller and another person.', `${gdpr}A49-1-c`],
  ['gdpr-49-1-d', 'transfer-mechanism', 'Art. 49(1)(d)', 'Derogation: important reasons of public interest', 'Necessary for important reasons of public interest.', `${gdpr}A49-1-d`],
  ['gdpr-49-1-e', 'transfer-mechanism', 'Art. 49(1)(e)', 'Derogation: legal claims', 'Necessary for the establishment, exercise or defence of legal claims.', `${gdpr}A49-1-e`],
  ['gdpr-49-1-f', 'transfer-mechanism', 'Art. 49(1)(f)', 'Derogation: vital interests', 'Necessary to protect vital interests where the data subject cannot give consent.', `${gdpr}A49-1-f`],
  ['gdpr-49-1-g', 'transfer-mechanism', 'Art. 49(1)(g)', 'Derogation: public register', 'Transfer made from a register intended by law to provide information to the public.', `${gdpr}A49-1-g`],
  ['gdpr-49-1-2', 'transfer-mechanism', 'Art. 49(1), second subparagraph', 'Derogation: compelling legitimate interests', 'A non-repetitive transfer of limited data subjects necessary for compelling legitimate interests, notified to the supervisory authority.', `${gdpr}A49-1-2`],
];

/** Reference data: the GDPR legal bases, each with a stable code and its W3C DPV IRI. */
export class GdprLegalBases1764100000001 implements MigrationInterface {
  name = 'GdprLegalBases1764100000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [code, kind, article, name, description, dpvIri] of legalBases) {
      await queryRunner.query(
        `INSERT INTO "legal_bases" ("code", "kind", "article", "name", "description", "dpv_iri", "jurisdiction", "built_in")
         VALUES ($1, $2, $3, $4, $5, $6, 'EU', true)`,
        [code, kind, article, name, description, dpvIri],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "legal_bases" WHERE "built_in" = true`);
  }
}
