import type { Database } from 'better-sqlite3';

/**
 * Explore's schema: output kinds become rows of their own table (a new tool
 * adds a row, where a CHECK list meant rebuilding `outputs` each time),
 * lineage links an output to the outputs it was bred from, and latents can be
 * saved by name.
 *
 * `outputs` is rebuilt to swap its CHECK for the reference, following
 * SQLite's documented recipe (create, copy, drop, rename): the migration
 * runner turns foreign keys off around it and checks them before committing.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE output_kinds (
      kind  TEXT PRIMARY KEY
    ) WITHOUT ROWID;
    INSERT INTO output_kinds (kind) VALUES
      ('sample'), ('mix'), ('projection'), ('animation'), ('interpolation-frame'), ('translation'), ('upload'), ('preview');

    CREATE TABLE outputs_rebuilt (
      id             INTEGER PRIMARY KEY,
      blob_hash      TEXT NOT NULL REFERENCES blobs(hash),
      kind           TEXT NOT NULL REFERENCES output_kinds(kind),
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
    INSERT INTO outputs_rebuilt SELECT id, blob_hash, kind, run_id, checkpoint_id, dataset_id, provenance, rating, favourite, notes, created_at, deleted_at FROM outputs;
    DROP TABLE outputs;
    ALTER TABLE outputs_rebuilt RENAME TO outputs;
    CREATE INDEX outputs_by_created ON outputs(deleted_at, created_at DESC, id DESC);
    CREATE INDEX outputs_by_run ON outputs(run_id, created_at DESC, id DESC);
    CREATE INDEX outputs_by_checkpoint ON outputs(checkpoint_id, created_at DESC);
    CREATE INDEX outputs_by_rating ON outputs(rating, created_at DESC, id DESC);
    CREATE INDEX outputs_favourites ON outputs(created_at DESC, id DESC) WHERE favourite = 1;
    CREATE INDEX outputs_by_blob ON outputs(blob_hash);
    CREATE INDEX outputs_by_kind ON outputs(kind, created_at DESC, id DESC);

    -- An output made from others (a mix's parents, a projection's target): both directions are browsed.
    CREATE TABLE output_parents (
      output_id  INTEGER NOT NULL REFERENCES outputs(id) ON DELETE CASCADE,
      parent_id  INTEGER NOT NULL REFERENCES outputs(id) ON DELETE CASCADE,
      -- What the parent was to the child: 'a', 'b', 'c', 'parent', 'target', 'keyframe'.
      role       TEXT NOT NULL,
      PRIMARY KEY (output_id, parent_id, role)
    ) WITHOUT ROWID;
    CREATE INDEX output_parents_by_parent ON output_parents(parent_id);

    CREATE TABLE saved_latents (
      id             INTEGER PRIMARY KEY,
      name           TEXT NOT NULL UNIQUE COLLATE NOCASE,
      latent_size    INTEGER NOT NULL CHECK (latent_size > 0),
      -- Little-endian float32s.
      vector         BLOB NOT NULL CHECK (length(vector) = 4 * latent_size),
      class_label    INTEGER,
      checkpoint_id  INTEGER REFERENCES checkpoints(id) ON DELETE SET NULL,
      output_id      INTEGER REFERENCES outputs(id) ON DELETE SET NULL,
      created_at     INTEGER NOT NULL
    );
  `);
}
