import type { FastifyInstance } from 'fastify';
import { negotiate } from '../http/content-negotiation';
import { inline, problems, ref } from '../http/responses';
import { PrivacyNoticeQuery, PrivacyNoticeResponse } from './dto';
import { renderMarkdown } from './markdown';
import { tagRank } from '../http/openapi-tags';
import type { RegisterState } from '../reviews/approved';

export const privacyNoticeTag = {
  name: 'Privacy notice',
  description:
    'The Art. 13/14 information a controller must give (Art. 15/16 under Regulation 2018/1725), generated from the register in the order of a typical privacy policy: what data, how collected, why and on what basis, automated decisions, recipients and transfers, storage and retention, marketing, cookies, rights, contact, changes.',
};

/** Markdown when asked for by `format`, else when the Accept header prefers text/markdown to JSON. */
export const wantsMarkdown = (format: string | undefined, accept: string | undefined): boolean =>
  negotiate(format === undefined ? undefined : format === 'markdown' ? 'markdown' : 'json', accept, [
    ['json', 'application/json'],
    ['markdown', 'text/markdown'],
  ]) === 'markdown';

export async function privacyNoticeRoutes(app: FastifyInstance) {
  app.declareTag(privacyNoticeTag, tagRank.notice);
  const service = app.services.privacyNotice;

  app.get<{ Querystring: { organisationId?: string; format?: string; state?: RegisterState } }>(
    '/privacy-notice',
    {
      config: { permission: { resource: 'privacy-notice', operation: 'get' } },
      schema: {
        tags: [privacyNoticeTag.name],
        operationId: 'get-privacy-notice',
        summary: 'Generate the privacy notice of a controller',
        description:
          'The Art. 13/14 information for the controller `organisationId` (default: the first controller), from its active processing activities and its recorded privacy policy. Built from the approved state by default: each activity as its latest approval kept it, activities never approved left out and listed in `notApproved`; `state=working` gives the activities as they are being edited. JSON by default; Markdown with `Accept: text/markdown` or `format=markdown`.\n\n' +
          "**Language.** The notice speaks the organisation's `language` (its primary subtag: `nl-BE` is Dutch) where it has words for it — English (`en`) and Dutch (`nl`); any other language, or none stated, reads English, and `registerLanguage` says what was recorded. Titles, kinds, countries (by name), legal bases, retention periods and rights are in that language; names and descriptions are shown as recorded.\n\n" +
          "**Law.** Articles are cited in the organisation's `framework`: the GDPR (the AVG in Dutch), the UK GDPR, or Regulation (EU) 2018/1725 for EU institutions (its Art. 15/16 for the notice, Art. 17 onwards for the rights, Art. 5(1) for lawfulness); the GDPR when none is stated.\n\n" +
          '**Never shown:** internal notes (`internalNote`) and source phrases; only public descriptions. Where the register does not state a value (a retention, automated decisions, a processor agreement), the notice says so in words instead of filling one in.',
        querystring: inline(app.dtoSchemas, PrivacyNoticeQuery),
        response: {
          200: {
            description: 'The privacy notice',
            content: {
              'application/json': { schema: ref(PrivacyNoticeResponse) },
              'text/markdown': { schema: { type: 'string', description: 'The notice as a Markdown document' } },
            },
          },
          ...problems('NOT_FOUND'),
        },
      },
    },
    async (request, reply) => {
      const notice = await service.build(request.query.organisationId, request.query.state);
      reply.header('vary', 'accept');
      if (wantsMarkdown(request.query.format, request.headers.accept)) {
        return reply.type('text/markdown; charset=utf-8').send(renderMarkdown(notice));
      }
      return notice;
    },
  );
}
