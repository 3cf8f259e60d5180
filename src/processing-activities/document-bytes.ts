import { LRUCache } from 'lru-cache';

/**
 * The stored documents' bytes, kept in memory by activity and ETag. A list page asks the database
 * which documents it holds, in order, with their ETags — a few bytes a row — and takes each
 * document's bytes from here; only documents it has not seen are read from the database. Sending
 * a page of fifty 7 KB documents was otherwise bound by moving them: PostgreSQL reading and
 * sending them, Node decoding 350 KB of UTF-8 into a string and encoding it back.
 *
 * An entry never goes stale: the ETag is the SHA-256 of the document's text, so a changed
 * document (by this process, another instance, or a repair of the read model) has another key.
 * Unused entries are dropped least recently used first, within `maxBytes`; 0 keeps nothing.
 */
export class DocumentBytes {
  private readonly cache?: LRUCache<string, Buffer>;

  constructor(maxBytes: number) {
    if (maxBytes > 0) this.cache = new LRUCache<string, Buffer>({ maxSize: maxBytes, sizeCalculation: (bytes) => bytes.length || 1 });
  }

  get(id: string, etag: string): Buffer | undefined {
    return this.cache?.get(id + etag);
  }

  /** The document's bytes, kept for the next page that lists it. */
  keep(id: string, etag: string, body: string): Buffer {
    const bytes = Buffer.from(body, 'utf8');
    this.cache?.set(id + etag, bytes);
    return bytes;
  }

  /** What is kept: entries and bytes. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.cache?.size ?? 0, bytes: this.cache?.calculatedSize ?? 0 };
  }
}
