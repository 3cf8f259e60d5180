import { corpusRoundTrips } from '../support/corpus-round-trip';

// Every register of the real-register corpus, moved as the register document as YAML (format=yaml): export → import into an empty installation → the same register.
corpusRoundTrips('yaml');
