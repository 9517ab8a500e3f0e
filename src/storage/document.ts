/**
 * A small data set held whole in memory and written whole: a `VersionedFile` in DATA_DIR (with
 * DATABASE_URL these data sets are rows: src/storage/postgres). `write` resolves once the current data (with every
 * change made so far) is stored; writes asked for while one runs are coalesced into the next.
 */
export interface StoredDocument<T> {
  data: T;
  write(): Promise<void>;
}
