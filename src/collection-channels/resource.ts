import { CollectionChannel, type CookieDetails } from '../../entities/collection-channel';
import type { ResourceDefinition } from '../crud/resource-definition';
import { validationFailed } from '../errors';
import { CollectionChannelCreate, CollectionChannelListQuery, CollectionChannelResponse, CollectionChannelUpdate } from './dto';

const unstatedCookie: CookieDetails = { provider: null, purpose: null, lifetime: null, party: 'not-stated' };

export const collectionChannels: ResourceDefinition<CollectionChannel> = {
  path: 'collection-channels',
  singular: 'collection channel',
  tag: 'Collection channels',
  tagDescription:
    'How personal data arrives: from the data subject (Art. 13) or elsewhere (Art. 14), by form, order, email, cookie, network use…',
  entity: CollectionChannel,
  dto: {
    create: CollectionChannelCreate,
    update: CollectionChannelUpdate,
    response: CollectionChannelResponse,
    query: CollectionChannelListQuery,
  },
  filters: {
    sourceType: { kind: 'equals', column: 'sourceType' },
    mechanism: { kind: 'equals', column: 'mechanism' },
    activityId: { kind: 'linked-to-activity' },
  },
  rules: {
    beforeWrite(_manager, next) {
      if (next.mechanism === 'cookie' && !next.cookie) {
        throw validationFailed([{ in: 'body', path: '/cookie', message: 'is required when mechanism is "cookie"' }]);
      }
      if (next.mechanism !== 'cookie' && next.cookie) {
        throw validationFailed([{ in: 'body', path: '/cookie', message: 'is only allowed when mechanism is "cookie"' }]);
      }
      // What the source does not say of its cookie is stored as not stated, so every reader sees the same shape.
      if (next.cookie) next.cookie = { ...unstatedCookie, ...(next.cookie as Partial<CookieDetails>) };
    },
  },
};
