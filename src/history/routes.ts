import type { FastifyInstance } from 'fastify';
import { instantOf } from '../http/dto';
import { inline, json, pageOf, problems, ref } from '../http/responses';
import { AuditEventListQuery, AuditEventResponse, RegisterDiffQuery, RegisterDiffResponse } from './dto';
import type { AuditQuery } from './service';
import { tagRank } from '../http/openapi-tags';

export const historyTag = {
  name: 'Audit trail and history',
  description:
    'Every change to the register — who, when, what, before and after — recorded in the same transaction as the change, append-only; and what changed between two moments.',
};

export async function historyRoutes(app: FastifyInstance) {
  app.declareTag(historyTag, tagRank.history);
  const history = app.services.history;

  app.get<{ Querystring: AuditQuery }>(
    '/audit-events',
    {
      config: { permission: { resource: 'audit-events', operation: 'list' } },
      schema: {
        tags: [historyTag.name],
        operationId: 'list-audit-events',
        summary: 'List audit events',
        description: 'The audit trail, oldest first, filtered by resource, entry, actor, action and time range.',
        querystring: inline(app.dtoSchemas, AuditEventListQuery),
        response: { 200: json('A page of audit events', pageOf(AuditEventResponse)), ...problems() },
      },
    },
    ({ query }) =>
      history.auditEvents({
        ...query,
        ...(query.from ? { from: instantOf(query.from, 'start') } : {}),
        ...(query.to ? { to: instantOf(query.to, 'end') } : {}),
      }),
  );

  app.get<{ Querystring: { from: string; to: string } }>(
    '/register/diff',
    {
      config: { permission: { resource: 'register-history', operation: 'get' } },
      schema: {
        tags: [historyTag.name],
        operationId: 'diff-register',
        summary: 'What changed between two times',
        description: 'Entries added, removed and changed (field by field, as JSON Pointers) between `from` and `to`.',
        querystring: inline(app.dtoSchemas, RegisterDiffQuery),
        response: { 200: json('The differences', ref(RegisterDiffResponse)), ...problems() },
      },
    },
    ({ query }) => history.diff(instantOf(query.from, 'start'), instantOf(query.to, 'end')),
  );
}
