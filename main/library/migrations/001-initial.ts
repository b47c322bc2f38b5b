import type { Database } from 'better-sqlite3';

/**
 * The first schema: everything a project records. Times are Unix milliseconds;
 * JSON columns are checked with json_valid so a bad write fails loudly.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE blobs (
      hash        TEXT PRIMARY KEY CHECK (length(hash) = 64),
      size        INTEGER NOT NULL,
      media_type  TEXT NOT NULL,
      width       INTEGER NOT NULL,
      height      INTEGER NOT NULL,
      created_at  INTEGER NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE datasets (
      id          INTEGER PRIMARY KEY,
      name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
      kind        TEXT NOT NULL CHECK (kind IN ('images', 'paired', 'unpaired')),
      notes       TEXT NOT NULL DEFAULT '',
      -- Bumped by every change to the items: prepared caches record the revision they were built from.
      revision    INTEGER NOT NULL DEFAULT 0,
      created_at  INTEGER NOT NULL,
      updated_at  INTEGER NOT NULL
    );

    CREATE TABLE dataset_items (
      id              INTEGER PRIMARY KEY,
      dataset_id      INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
      blob_hash       TEXT NOT NULL REFERENCES blobs(hash),
      original_name   TEXT NOT NULL,
      width           INTEGER NOT NULL,
      height          INTEGER NOT NULL,
      class_label     TEXT,
      domain          TEXT CHECK (domain IN ('A', 'B')),
      pair_key        TEXT,
      phash           TEXT NOT NULL CHECK (length(phash) = 16),
      -- 16×16 normalised grey cells: confirms near duplicates the hash only suggests.
      signature       BLOB NOT NULL CHECK (length(signature) = 256),
      near_duplicate_of INTEGER REFERENCES dataset_items(id) ON DELETE SET NULL,
      created_at      INTEGER NOT NULL
    );
    -- The same image twice in one dataset (and domain, and pair) is an exact duplicate: refused.
    CREATE UNIQUE INDEX dataset_items_unique ON dataset_items(dataset_id, ifnull(domain, ''), ifnull(pair_key, ''), blob_hash);
    CREATE INDEX dataset_items_by_dataset ON dataset_items(dataset_id, id);
    CREATE INDEX dataset_items_by_label ON dataset_items(dataset_id, class_label);
    CREATE INDEX dataset_items_by_pair ON dataset_items(dataset_id, pair_key) WHERE pair_key IS NOT NULL;
    CREATE INDEX dataset_items_by_blob ON dataset_items(blob_hash);

    CREATE TABLE imports (
      id           INTEGER PRIMARY KEY,
      dataset_id   INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
      -- The request that started it: re-running the same request resumes it.
      request      TEXT NOT NULL CHECK (json_valid(request)),
      status       TEXT NOT NULL CHECK (status IN ('running', 'completed', 'cancelled', 'failed')),
      created_at   INTEGER NOT NULL,
      finished_at  INTEGER
    );
    CREATE INDEX imports_by_dataset ON imports(dataset_id, request);

    CREATE TABLE import_files (
      import_id  INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
      source     TEXT NOT NULL,
      outcome    TEXT NOT NULL CHECK (outcome IN ('imported', 'duplicate', 'problem')),
      item_id    INTEGER REFERENCES dataset_items(id) ON DELETE SET NULL,
      detail     TEXT,
      -- A rowid table: the rowid keeps the order files were met in, for the problems list.
      PRIMARY KEY (import_id, source)
    );

    CREATE TABLE prepared_caches (
      id           INTEGER PRIMARY KEY,
      dataset_id   INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
      domain       TEXT CHECK (domain IN ('A', 'B')),
      resolution   INTEGER NOT NULL,
      options      TEXT NOT NULL CHECK (json_valid(options)),
      fingerprint  TEXT NOT NULL,
      revision     INTEGER NOT NULL,
      path         TEXT NOT NULL UNIQUE,
      count        INTEGER NOT NULL,
      size         INTEGER NOT NULL,
      created_at   INTEGER NOT NULL,
      UNIQUE (dataset_id, fingerprint)
    );

    CREATE TABLE runs (
      id            INTEGER PRIMARY KEY,
      name          TEXT NOT NULL,
      dataset_id    INTEGER REFERENCES datasets(id) ON DELETE SET NULL,
      architecture  TEXT NOT NULL,
      config        TEXT NOT NULL CHECK (json_valid(config)),
      status        TEXT NOT NULL CHECK (status IN ('queued', 'running', 'paused', 'stopped', 'completed', 'failed')),
      error         TEXT,
      step          INTEGER NOT NULL DEFAULT 0,
      created_at    INTEGER NOT NULL,
      started_at    INTEGER,
      finished_at   INTEGER,
      train_seconds REAL NOT NULL DEFAULT 0
    );
    CREATE INDEX runs_by_created ON runs(created_at);

    CREATE TABLE run_metrics (
      run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      name    TEXT NOT NULL,
      step    INTEGER NOT NULL,
      value   REAL NOT NULL,
      PRIMARY KEY (run_id, name, step)
    ) WITHOUT ROWID;

    CREATE TABLE checkpoints (
      id          INTEGER PRIMARY KEY,
      run_id      INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      step        INTEGER NOT NULL,
      path        TEXT NOT NULL UNIQUE,
      size        INTEGER NOT NULL,
      sha256      TEXT NOT NULL,
      metrics     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metrics)),
      created_at  INTEGER NOT NULL,
      UNIQUE (run_id, step)
    );

    CREATE TABLE outputs (
      id             INTEGER PRIMARY KEY,
      blob_hash      TEXT NOT NULL REFERENCES blobs(hash),
      kind           TEXT NOT NULL CHECK (kind IN ('sample', 'interpolation-frame', 'translation', 'projection', 'upload', 'preview')),
      run_id         INTEGER REFERENCES runs(id) ON DELETE SET NULL,
      checkpoint_id  INTEGER REFERENCES checkpoints(id) ON DELETE SET NULL,
      dataset_id     INTEGER REFERENCES datasets(id) ON DELETE SET NULL,
      provenance     TEXT NOT NULL CHECK (json_valid(provenance)),
      rating         INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
      favourite      INTEGER NOT NULL DEFAULT 0 CHECK (favourite IN (0, 1)),
      notes          TEXT NOT NULL DEFAULT '',
      created_at     INTEGER NOT NULL,
      -- Set when moved to the trash; cleared by restore. Trashed outputs keep their blob.
      deleted_at     INTEGER
    );
    CREATE INDEX outputs_by_created ON outputs(deleted_at, created_at DESC, id DESC);
    CREATE INDEX outputs_by_run ON outputs(run_id, created_at DESC, id DESC);
    CREATE INDEX outputs_by_checkpoint ON outputs(checkpoint_id, created_at DESC);
    CREATE INDEX outputs_by_rating ON outputs(rating, created_at DESC, id DESC);
    CREATE INDEX outputs_favourites ON outputs(created_at DESC, id DESC) WHERE favourite = 1;
    CREATE INDEX outputs_by_blob ON outputs(blob_hash);

    CREATE TABLE tags (
      id    INTEGER PRIMARY KEY,
      name  TEXT NOT NULL UNIQUE COLLATE NOCASE
    );

    CREATE TABLE output_tags (
      tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
      output_id  INTEGER NOT NULL REFERENCES outputs(id) ON DELETE CASCADE,
      PRIMARY KEY (tag_id, output_id)
    ) WITHOUT ROWID;
    CREATE INDEX output_tags_by_output ON output_tags(output_id);

    CREATE TABLE collections (
      id          INTEGER PRIMARY KEY,
      name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
      created_at  INTEGER NOT NULL
    );

    CREATE TABLE collection_members (
      collection_id  INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
      output_id      INTEGER NOT NULL REFERENCES outputs(id) ON DELETE CASCADE,
      position       REAL NOT NULL,
      added_at       INTEGER NOT NULL,
      PRIMARY KEY (collection_id, output_id)
    ) WITHOUT ROWID;
    CREATE INDEX collection_members_by_output ON collection_members(output_id);

    CREATE TABLE exports (
      id            INTEGER PRIMARY KEY,
      destination   TEXT NOT NULL,
      format        TEXT NOT NULL,
      settings      TEXT NOT NULL CHECK (json_valid(settings)),
      output_count  INTEGER NOT NULL,
      created_at    INTEGER NOT NULL
    );
  `);
}
