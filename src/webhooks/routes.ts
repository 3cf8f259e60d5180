import type { FastifyInstance } from 'fastify';
import { IdParams, PageQuery } from '../http/common-dto';
import { inline, json, pageOf, problems, ref } from '../http/responses';
import { tagRank } from '../http/openapi-tags';
import { etagOf, ifMatchHeader } from '../http/etag';
import {
  CreatedWebhookSubscriptionResponse,
  WebhookDeliveryDetailResponse,
  WebhookDeliveryListQuery,
  WebhookDeliveryParams,
  WebhookDeliveryResponse,
  WebhookSubscriptionInput,
  WebhookSubscriptionResponse,
  WebhookSubscriptionUpdate,
} from './dto';
import type { DeliveryListInput, SubscriptionInput, SubscriptionUpdate } from './service';

export const webhooksTag = {
  name: 'Webhooks',
  description:
    'Tell other tools of every change, as it commits: subscriptions (admins), signed deliveries following Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`), at least once, with retries and a dead letter, a delivery log and redelivery by hand.',
};

const tags = [webhooksTag.name];
const subscriptions = { resource: 'webhooks' } as const;

export async function webhookRoutes(app: FastifyInstance) {
  app.declareTag(webhooksTag, tagRank.webhooks);
  const webhooks = app.services.webhooks;
  const params = inline(app.dtoSchemas, IdParams);

  app.post<{ Body: SubscriptionInput }>(
    '/webhooks/subscriptions',
    {
      config: { permission: { ...subscriptions, operation: 'create' } },
      schema: {
        tags,
        operationId: 'create-webhook-subscriptions',
        summary: 'Subscribe to events',
        description:
          'Creates a subscription and answers its signing secret — the only time it is shown. The URL must be http(s) and resolve only to public addresses (422 WEBHOOK_TARGET_REFUSED otherwise; ranges allowed by WEBHOOK_ALLOWED_PRIVATE_NETWORKS excepted). From the commit of this request on, every change of a subscribed kind is delivered.',
        body: ref(WebhookSubscriptionInput),
        response: {
          201: json('The subscription, with its secret (shown this once)', ref(CreatedWebhookSubscriptionResponse)),
          ...problems('WEBHOOK_TARGET_REFUSED'),
        },
      },
    },
    async (request, reply) => {
      const created = await webhooks.createSubscription(request.body, request.principal!.sub);
      // The host only: a receiver's URL often carries its own token in the path or query.
      request.log.info(
        { subscription: created.id, host: new URL(created.url).host, events: created.events },
        'webhook subscription created',
      );
      const { secret: _secret, ...shown } = created;
      return reply.code(201).header('location', `/v1/webhooks/subscriptions/${created.id}`).header('etag', etagOf(shown)).send(created);
    },
  );

  app.get<{ Querystring: { limit?: number; offset?: number } }>(
    '/webhooks/subscriptions',
    {
      config: { permission: { ...subscriptions, operation: 'list' } },
      schema: {
        tags,
        operationId: 'list-webhook-subscriptions',
        summary: 'List webhook subscriptions',
        description: 'Oldest first; secrets are never shown.',
        querystring: inline(app.dtoSchemas, PageQuery),
        response: { 200: json('A page of subscriptions', pageOf(WebhookSubscriptionResponse)), ...problems() },
      },
    },
    (request) => webhooks.listSubscriptions(request.query),
  );

  app.get<{ Params: { id: string } }>(
    '/webhooks/subscriptions/:id',
    {
      config: { permission: { ...subscriptions, operation: 'get' } },
      schema: {
        tags,
        operationId: 'get-webhook-subscriptions',
        summary: 'Get one webhook subscription',
        description: 'The subscription, without its secret.',
        params,
        response: { 200: json('The subscription', ref(WebhookSubscriptionResponse)), ...problems('NOT_FOUND') },
      },
    },
    async (request, reply) => {
      const subscription = await webhooks.getSubscription(request.params.id);
      return reply.header('etag', etagOf(subscription)).send(subscription);
    },
  );

  app.patch<{ Params: { id: string }; Body: SubscriptionUpdate }>(
    '/webhooks/subscriptions/:id',
    {
      config: { permission: { ...subscriptions, operation: 'update' } },
      schema: {
        tags,
        operationId: 'update-webhook-subscriptions',
        summary: 'Change a webhook subscription',
        description:
          'Changes the URL (checked as on creation), the events, the description, or turns it off and on. Turned off, it gets no new deliveries and its pending ones wait; turned on again they are sent. The secret stays.',
        params,
        headers: ifMatchHeader,
        body: ref(WebhookSubscriptionUpdate),
        response: {
          200: json('The subscription', ref(WebhookSubscriptionResponse)),
          ...problems('NOT_FOUND', 'WEBHOOK_TARGET_REFUSED', 'PRECONDITION_FAILED', 'PRECONDITION_REQUIRED'),
        },
      },
    },
    async (request, reply) => {
      const updated = await webhooks.updateSubscription(request.params.id, request.body, request.headers['if-match']);
      return reply.header('etag', etagOf(updated)).send(updated);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/webhooks/subscriptions/:id',
    {
      config: { permission: { ...subscriptions, operation: 'delete' } },
      schema: {
        tags,
        operationId: 'delete-webhook-subscriptions',
        summary: 'Delete a webhook subscription',
        description: 'Deletes it with its deliveries, pending ones included, and their log.',
        params,
        headers: ifMatchHeader,
        response: {
          204: { description: 'Deleted', type: 'null' },
          ...problems('NOT_FOUND', 'PRECONDITION_FAILED', 'PRECONDITION_REQUIRED'),
        },
      },
    },
    async (request, reply) => {
      await webhooks.deleteSubscription(request.params.id, request.headers['if-match']);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { id: string }; Querystring: DeliveryListInput }>(
    '/webhooks/subscriptions/:id/deliveries',
    {
      config: { permission: { ...subscriptions, operation: 'list' } },
      schema: {
        tags,
        operationId: 'list-webhook-deliveries',
        summary: "List a subscription's deliveries",
        description:
          'The delivery log, newest first: each event sent (or to be sent) to this subscription, its state, attempts and last outcome.',
        params,
        querystring: inline(app.dtoSchemas, WebhookDeliveryListQuery),
        response: { 200: json('A page of deliveries', pageOf(WebhookDeliveryResponse)), ...problems('NOT_FOUND') },
      },
    },
    (request) => webhooks.listDeliveries(request.params.id, request.query),
  );

  const deliveryParams = inline(app.dtoSchemas, WebhookDeliveryParams);
  const detail = json('The delivery, its body and every attempt', ref(WebhookDeliveryDetailResponse));

  app.get<{ Params: { id: string; deliveryId: string } }>(
    '/webhooks/subscriptions/:id/deliveries/:deliveryId',
    {
      config: { permission: { ...subscriptions, operation: 'get' } },
      schema: {
        tags,
        operationId: 'get-webhook-deliveries',
        summary: 'Get one delivery',
        description: 'The delivery with the exact body sent and the log of its attempts.',
        params: deliveryParams,
        response: { 200: detail, ...problems('NOT_FOUND') },
      },
    },
    (request) => webhooks.getDelivery(request.params.id, request.params.deliveryId),
  );

  app.post<{ Params: { id: string; deliveryId: string } }>(
    '/webhooks/subscriptions/:id/deliveries/:deliveryId/redeliver',
    {
      config: { permission: { ...subscriptions, operation: 'update' } },
      schema: {
        tags,
        operationId: 'redeliver-webhook-deliveries',
        summary: 'Send a delivery again',
        description:
          'Puts the delivery back in the queue with a fresh retry budget: a dead one is retried, a delivered one sent once more, with the same `webhook-id` and body. Answers at once; the worker sends it.',
        params: deliveryParams,
        response: { 202: json('Queued again', ref(WebhookDeliveryDetailResponse)), ...problems('NOT_FOUND') },
      },
    },
    async (request, reply) => reply.code(202).send(await webhooks.redeliver(request.params.id, request.params.deliveryId)),
  );
}
