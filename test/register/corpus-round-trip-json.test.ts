import { corpusRoundTrips } from '../support/corpus-round-trip';

// Every register of the real-register corpus, moved as the JSON export (GET /v1/register): export → import into an empty installation → the same register.
corpusRoundTrips('json');
