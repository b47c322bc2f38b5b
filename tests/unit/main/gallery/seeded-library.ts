/**
 * A library of many outputs with known attributes, written in one transaction
 * with prepared statements (100,000 in a few seconds): the gallery's tests
 * check its filters against counts computed here from the same attributes,
 * and the gallery benchmark times its queries on it.
 */
import type { Database } from 'better-sqlite3';
import type { ModelKind, OutputKind } from '../../../../preload/contract';

export interface SeededOutput {
  readonly id: number;
  readonly kind: OutputKind;
  readonly runId: number | null;
  readonly checkpointId: number | null;
  /** The dataset it was made from or its model trained on, whether the row names it or only its run does. */
  readonly datasetId: number | null;
  readonly rating: number;
  readonly favourite: boolean;
  readonly createdAt: number;
  readonly trashed: boolean;
  readonly tags: readonly string[];
  readonly notes: string;
  readonly collectionIds: readonly number[];
  /** Its position in each of its collections: boards run newest first. */
  readonly position: number;
}

export interface SeededLibrary {
  readonly outputs: readonly SeededOutput[];
  readonly runs: readonly { readonly id: number; readonly architecture: ModelKind; readonly checkpointIds: readonly number[]; readonly datasetId: number }[];
  readonly datasetIds: readonly number[];
  readonly tagNames: readonly string[];
  readonly collectionIds: readonly number[];
  readonly start: number;
}

export const seedStart = 1_700_000_000_000;
const kinds: readonly OutputKind[] = ['sample', 'sample', 'sample', 'mix', 'projection', 'animation', 'translation', 'translation', 'style', 'sketch', 'upload', 'preview'];
const architectures: readonly ModelKind[] = ['fastgan', 'dcgan', 'pix2pix', 'cyclegan'];
const tagNames = ['landscape', 'portrait', 'night', 'keeper', 'texture', 'sunset', 'über-blue', 'draft'];
const noteWords = ['misty', 'harbour', 'golden', 'hour', 'crisp', 'noisy', 'favourite', 'redo', 'café'];

/** Deterministic: the same count seeds the same library. */
export function seedLibrary(db: Database, count: number): SeededLibrary {
  let state = 0x2545f491;
  const random = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const outputs: SeededOutput[] = [];
  return db.transaction((): SeededLibrary => {
    const dataset = db.prepare("INSERT INTO datasets (name, kind, created_at, updated_at) VALUES (?, 'images', 0, 0)");
    const datasetIds = [1, 2, 3, 4].map((n) => Number(dataset.run(`dataset ${n}`).lastInsertRowid));
    const run = db.prepare("INSERT INTO runs (name, dataset_id, architecture, config, status, created_at) VALUES (?, ?, ?, '{}', 'completed', ?)");
    const checkpoint = db.prepare("INSERT INTO checkpoints (run_id, step, path, size, sha256, created_at) VALUES (?, ?, ?, 1, 'x', 0)");
    const runs = Array.from({ length: 12 }, (_, r) => {
      // Each architecture's runs on three of the four datasets: filtering by one is not filtering by the other.
      const architecture = architectures[(r + Math.floor(r / architectures.length)) % architectures.length]!;
      const datasetId = datasetIds[r % datasetIds.length]!;
      const id = Number(run.run(`run ${r + 1}`, datasetId, architecture, r).lastInsertRowid);
      const checkpointIds = [1000, 2000, 3000].map((step) => Number(checkpoint.run(id, step, `run-${id}-${step}`).lastInsertRowid));
      return { id, architecture, checkpointIds, datasetId };
    });
    const tag = db.prepare('INSERT INTO tags (name) VALUES (?)');
    const tagIds = new Map(tagNames.map((name) => [name, Number(tag.run(name).lastInsertRowid)]));
    const collection = db.prepare('INSERT INTO collections (name, created_at) VALUES (?, 0)');
    const collectionIds = ['Board A', 'Board B', 'Board C'].map((name) => Number(collection.run(name).lastInsertRowid));

    const blob = db.prepare("INSERT INTO blobs (hash, size, media_type, width, height, created_at) VALUES (?, 1000, ?, 64, 64, 0)");
    const output = db.prepare(
      'INSERT INTO outputs (blob_hash, kind, run_id, checkpoint_id, dataset_id, provenance, rating, favourite, notes, created_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const tagOutput = db.prepare('INSERT INTO output_tags (tag_id, output_id) VALUES (?, ?)');
    const member = db.prepare('INSERT INTO collection_members (collection_id, output_id, position, added_at) VALUES (?, ?, ?, 0)');
    for (let n = 0; n < count; n++) {
      const kind = pick(kinds);
      const made = kind === 'upload' || kind === 'sketch' ? null : pick(runs);
      const checkpointId = made && kind !== 'preview' ? pick(made.checkpointIds) : null;
      const rating = random() < 0.5 ? 0 : 1 + Math.floor(random() * 5);
      const favourite = random() < 0.06;
      // Three outputs a second: equal times are common (a grid of samples), and paging must still be exact.
      const createdAt = seedStart + Math.floor(n / 3) * 1000;
      const trashed = random() < 0.03;
      const tags = tagNames.filter(() => random() < 0.12);
      const notes = random() < 0.05 ? `${pick(noteWords)} ${pick(noteWords)}` : '';
      const hash = n.toString(16).padStart(64, '0');
      // As the tools write them: translations and previews name their dataset, Explore's outputs only their run.
      const recordsDataset = made !== null && ['translation', 'style', 'preview'].includes(kind);
      blob.run(hash, kind === 'animation' ? 'image/webp' : 'image/png');
      const id = Number(
        output.run(hash, kind, made?.id ?? null, checkpointId, recordsDataset ? made.datasetId : null, JSON.stringify({ tool: kind, seed: n }), rating, favourite ? 1 : 0, notes, createdAt, trashed ? createdAt + 1 : null)
          .lastInsertRowid,
      );
      for (const name of tags) tagOutput.run(tagIds.get(name), id);
      const collections = collectionIds.filter((_, index) => n % (50 * (index + 1)) === index);
      const position = count - n;
      for (const collectionId of collections) member.run(collectionId, id, position);
      outputs.push({ id, kind, runId: made?.id ?? null, checkpointId, datasetId: made?.datasetId ?? null, rating, favourite, createdAt, trashed, tags, notes, collectionIds: collections, position });
    }
    return { outputs, runs, datasetIds, tagNames, collectionIds, start: seedStart };
  })();
}
