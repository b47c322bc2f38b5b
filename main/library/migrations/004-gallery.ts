import type { Database } from 'better-sqlite3';

/**
 * The rows of output_text for the outputs `selector` picks (a condition on
 * o.id): deleted, then written again from the notes and tag names, when there
 * is any text to find.
 */
function refreshText(selector: string): string {
  return `
    DELETE FROM output_text WHERE rowid IN (SELECT o.id FROM outputs o WHERE ${selector});
    INSERT INTO output_text (rowid, notes, tags)
      SELECT o.id, o.notes, ifnull((SELECT group_concat(t.name, ' ') FROM output_tags ot JOIN tags t ON t.id = ot.tag_id WHERE ot.output_id = o.id), '')
      FROM outputs o
      WHERE (${selector}) AND (o.notes <> '' OR EXISTS (SELECT 1 FROM output_tags ot WHERE ot.output_id = o.id));`;
}

/**
 * The gallery's schema.
 *
 * Indexes led by deleted_at: every gallery query is of the live outputs or of
 * the trash. The two by sort order (time, rating) carry every column the
 * filters test after the sort columns, so whatever the filters, a window
 * deep in the list and the list's length are read from the index alone,
 * never from the table; the narrower ones serve a single value of the column
 * they lead with. They replace the old by-created, kind, rating and
 * favourite indexes, which lacked deleted_at or the filtered columns and so
 * read a row per entry.
 *
 * output_text: full-text search over notes and tag names (FTS5, one row per
 * output that has any, rowid = output id), kept in step by triggers so that
 * whatever writes notes or tags keeps search right.
 *
 * blob_fingerprints: a perceptual hash and grey signature per image (as
 * datasets keep per item), made once, for the near-duplicate finder. Keyed by
 * blob: identical images share one; a NULL hash marks a blob that is not a
 * still image. Cascades away with the blob when garbage is collected.
 */
export function up(db: Database): void {
  db.exec(`
    DROP INDEX outputs_by_created;
    DROP INDEX outputs_by_kind;
    DROP INDEX outputs_by_rating;
    DROP INDEX outputs_favourites;
    CREATE INDEX outputs_live_by_time ON outputs(deleted_at, created_at DESC, id DESC, kind, run_id, checkpoint_id, dataset_id, rating, favourite);
    CREATE INDEX outputs_live_by_rating ON outputs(deleted_at, rating DESC, created_at DESC, id DESC, kind, run_id, checkpoint_id, dataset_id, favourite);
    CREATE INDEX outputs_live_by_kind ON outputs(deleted_at, kind, created_at DESC, id DESC);
    CREATE INDEX outputs_live_by_run ON outputs(deleted_at, run_id, created_at DESC, id DESC, dataset_id);
    CREATE INDEX outputs_live_by_checkpoint ON outputs(deleted_at, checkpoint_id, created_at DESC, id DESC);
    CREATE INDEX outputs_live_by_dataset ON outputs(deleted_at, dataset_id, created_at DESC, id DESC);
    CREATE INDEX outputs_live_by_favourite ON outputs(deleted_at, favourite, created_at DESC, id DESC);

    CREATE INDEX collection_members_in_order ON collection_members(collection_id, position, output_id);

    CREATE VIRTUAL TABLE output_text USING fts5(notes, tags, tokenize = 'unicode61 remove_diacritics 2');

    CREATE TRIGGER output_text_after_insert AFTER INSERT ON outputs WHEN new.notes <> '' BEGIN
      ${refreshText('o.id = new.id')}
    END;
    CREATE TRIGGER output_text_after_notes AFTER UPDATE OF notes ON outputs BEGIN
      ${refreshText('o.id = new.id')}
    END;
    CREATE TRIGGER output_text_after_delete AFTER DELETE ON outputs BEGIN
      DELETE FROM output_text WHERE rowid = old.id;
    END;
    CREATE TRIGGER output_text_after_tagging AFTER INSERT ON output_tags BEGIN
      ${refreshText('o.id = new.output_id')}
    END;
    CREATE TRIGGER output_text_after_untagging AFTER DELETE ON output_tags BEGIN
      ${refreshText('o.id = old.output_id')}
    END;
    CREATE TRIGGER output_text_after_tag_rename AFTER UPDATE OF name ON tags BEGIN
      ${refreshText('o.id IN (SELECT output_id FROM output_tags WHERE tag_id = new.id)')}
    END;

    INSERT INTO output_text (rowid, notes, tags)
      SELECT o.id, o.notes, ifnull((SELECT group_concat(t.name, ' ') FROM output_tags ot JOIN tags t ON t.id = ot.tag_id WHERE ot.output_id = o.id), '')
      FROM outputs o
      WHERE o.notes <> '' OR EXISTS (SELECT 1 FROM output_tags ot WHERE ot.output_id = o.id);

    CREATE TABLE blob_fingerprints (
      blob_hash  TEXT PRIMARY KEY REFERENCES blobs(hash) ON DELETE CASCADE,
      phash      TEXT CHECK (phash IS NULL OR length(phash) = 16),
      -- 16×16 normalised grey cells, as dataset_items.signature.
      signature  BLOB CHECK (signature IS NULL OR length(signature) = 256),
      CHECK ((phash IS NULL) = (signature IS NULL))
    ) WITHOUT ROWID;
  `);
}
