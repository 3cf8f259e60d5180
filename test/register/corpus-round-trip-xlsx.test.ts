import { corpusRoundTrips } from '../support/corpus-round-trip';

// Every register of the real-register corpus, moved as the XLSX workbook (format=xlsx): export → import into an empty installation → the same register.
corpusRoundTrips('xlsx');
