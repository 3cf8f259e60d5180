import { EventEmitter } from 'node:events';
import type { PGlite, Results } from '@electric-sql/pglite';

/**
 * A node-postgres-shaped pool over ONE PGlite instance, for TypeORM's postgres driver.
 *
 * PGlite is a single session. If two TypeORM query runners shared it at once, their transactions
 * would interleave (a ROLLBACK in one discards the other's work). So this pool hands out its one
 * connection to one holder at a time: `connect()` waits until the previous holder released it.
 * Consequence for callers: never take a second connection while holding one (inside a
 * transaction, use the transaction's EntityManager).
 */
export function createPGlitePoolClass(db: PGlite) {
  let tail: Promise<void> = Promise.resolve();

  /** Resolves with a release function once every earlier holder has released. */
  function acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const granted = tail.then(() => {
      let done = false;
      return () => {
        if (!done) {
          done = true;
          release();
        }
      };
    });
    tail = tail.then(() => released);
    return granted;
  }

  async function run(sql: string, params?: unknown[]) {
    const result: Results =
      params && params.length > 0
        ? await db.query(sql, params)
        : // exec runs several statements (as migrations may send); TypeORM expects the last result.
          ((await db.exec(sql)).at(-1) ?? { rows: [], fields: [] });
    return { ...result, rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length };
  }

  class Connection extends EventEmitter {
    query(
      statement: string | { text: string; values?: unknown[] },
      params?: unknown[] | ((err: unknown, result?: unknown) => void),
      callback?: (err: unknown, result?: unknown) => void,
    ) {
      const cb = typeof params === 'function' ? params : callback;
      // node-postgres' statement form ({ name, text, values }, see named-query.ts): PGlite parses
      // every statement anyway, so the name is not needed.
      const sql = typeof statement === 'string' ? statement : statement.text;
      const values = typeof statement === 'string' ? (typeof params === 'function' ? undefined : params) : statement.values;
      const promise = run(sql, values);
      if (cb)
        promise.then(
          (result) => cb(null, result),
          (error) => cb(error),
        );
      return promise;
    }
  }

  return class SerializedPGlitePool extends EventEmitter {
    private readonly connection = new Connection();

    connect(callback?: (err: unknown, client?: Connection, release?: (err?: unknown) => void) => void) {
      const promise = acquire().then((release) => ({ client: this.connection, release }));
      if (!callback) return promise.then(({ client, release }) => Object.assign(client, { release }));
      promise.then(
        ({ client, release }) => callback(null, client, release),
        (error) => callback(error),
      );
      return undefined;
    }

    /** Pool-level query, as pg offers: takes the connection for one statement (also in the statement form). */
    async query(statement: string | { text: string; values?: unknown[] }, params?: unknown[]) {
      const release = await acquire();
      try {
        return await this.connection.query(statement, params);
      } finally {
        release();
      }
    }

    /** The PGlite instance belongs to whoever created it; it is closed there. */
    end(callback?: (err?: unknown) => void) {
      callback?.();
      return Promise.resolve();
    }
  };
}
