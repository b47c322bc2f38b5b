/**
 * Paged gallery queries over a library of 100,000 outputs: the first page,
 * a page deep in the scroll (keyset paging), and the common filters.
 * Run: npm run bench -- gallery-query
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobStore } from '../../main/library/blobs';
import { openLibrary } from '../../main/library/library';
import { createProjectFolder } from '../../main/library/project';
import { queryOutputs, type OutputCursor, type OutputQuery } from '../../main/library/repos/outputs';

const outputCount = Number(process.env['BENCH_OUTPUTS'] ?? 100_000);
const pageSize = 100;
const repeats = 50;

const base = mkdtempSync(join(tmpdir(), 'studio-bench-gallery-'));
const library = openLibrary(createProjectFolder(join(base, 'project')).root);
const { db } = library;
try {
  const seeded = performance.now();
  db.transaction(() => {
    const run = db.prepare("INSERT INTO runs (name, architecture, config, status, created_at) VALUES (?, 'dcgan', '{}', 'completed', 0)");
    for (let r = 1; r <= 20; r++) run.run(`run ${r}`);
    const tag = db.prepare('INSERT INTO tags (name) VALUES (?)');
    for (const name of ['landscape', 'portrait', 'night', 'keeper', 'texture']) tag.run(name);
    const output = db.prepare(
      "INSERT INTO outputs (blob_hash, kind, run_id, provenance, rating, favourite, created_at) VALUES (?, 'sample', ?, ?, ?, ?, ?)",
    );
    const tagOutput = db.prepare('INSERT INTO output_tags (tag_id, output_id) VALUES (?, ?)');
    for (let n = 0; n < outputCount; n++) {
      const hash = BlobStore.hashOf(Buffer.from(String(n)));
      BlobStore.record(db, hash, 1000, { mediaType: 'image/png', width: 64, height: 64 });
      const id = Number(output.run(hash, (n % 20) + 1, JSON.stringify({ seed: n, truncation: 0.7 }), n % 6, n % 17 === 0 ? 1 : 0, 1_700_000_000_000 + n * 1000).lastInsertRowid);
      if (n % 7 === 0) tagOutput.run((n % 5) + 1, id);
    }
  })();
  db.pragma('optimize');
  console.log(`Seeded ${outputCount.toLocaleString('en')} outputs in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);

  const time = (name: string, query: () => unknown[]) => {
    query(); // Warm the statement cache and pages once.
    const started = performance.now();
    let rows = 0;
    for (let n = 0; n < repeats; n++) rows = query().length;
    const ms = (performance.now() - started) / repeats;
    console.log(`${name.padEnd(44)} ${ms.toFixed(3).padStart(8)} ms/query  (${rows} rows)`);
  };
  const page = (query: Omit<OutputQuery, 'limit'> = {}) => () => queryOutputs(db, { limit: pageSize, ...query });
  const cursorAt = (offset: number): OutputCursor => {
    const row = db.prepare('SELECT created_at AS createdAt, id FROM outputs ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET ?').get(offset) as OutputCursor;
    return row;
  };

  time('newest page (100)', page());
  time('page at 50,000 deep (keyset)', page({ after: cursorAt(Math.floor(outputCount / 2)) }));
  time('last page (keyset)', page({ after: cursorAt(outputCount - pageSize - 1) }));
  time('one run, newest page', page({ runId: 7 }));
  time('rating ≥ 4, newest page', page({ minRating: 4 }));
  time('favourites, newest page', page({ favouritesOnly: true }));
  time('tag "night", newest page', page({ tag: 'night' }));
  time('trash, newest page', page({ trashed: true }));
  time('count of all outputs', () => [db.prepare('SELECT count(*) FROM outputs WHERE deleted_at IS NULL').pluck().get()]);
} finally {
  library.close();
  rmSync(base, { recursive: true, force: true });
}
