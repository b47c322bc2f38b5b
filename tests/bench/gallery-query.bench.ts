/**
 * The gallery's common queries on a library of 100,000 outputs, through the
 * functions the gallery namespace calls: windows by index (the first, one
 * 90,000 deep, the last), every filter, search, the facets, "select all",
 * bulk curation, and the near-duplicate comparison over every image (its
 * fingerprints made up here, as random as unrelated pictures'; making real
 * ones is a first-time cost of about a millisecond an image). A list's length
 * is remembered until the library changes; "after a change" times include
 * counting it again.
 * Run: npm run bench -- gallery-query
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GalleryQueryRequest } from '../../preload/contract';
import { EventBus } from '../../main/api/events';
import { rate, tag } from '../../main/gallery/curation';
import { galleryFacets } from '../../main/gallery/facets';
import { findNearDuplicates } from '../../main/gallery/near-duplicates';
import { galleryIds, queryGallery } from '../../main/gallery/query';
import { Jobs } from '../../main/jobs/jobs';
import { openLibrary } from '../../main/library/library';
import { createProjectFolder } from '../../main/library/project';
import { seedLibrary } from '../unit/main/gallery/seeded-library';

const outputCount = Number(process.env['BENCH_OUTPUTS'] ?? 100_000);
const windowSize = 200;
const repeats = 30;

const base = mkdtempSync(join(tmpdir(), 'studio-bench-gallery-'));
const library = openLibrary(createProjectFolder(join(base, 'project')).root);
const { db } = library;
try {
  const seeding = performance.now();
  const seeded = seedLibrary(db, outputCount);
  console.log(`Seeded ${outputCount.toLocaleString('en')} outputs (with tags, notes, boards, trash) in ${((performance.now() - seeding) / 1000).toFixed(1)} s\n`);

  const time = (name: string, work: () => string) => {
    work(); // Warm the statement cache and the pages once.
    const started = performance.now();
    let detail = '';
    for (let n = 0; n < repeats; n++) detail = work();
    const ms = (performance.now() - started) / repeats;
    console.log(`${name.padEnd(48)} ${ms.toFixed(3).padStart(8)} ms/query  ${detail}`);
  };
  // A write every library has after any curation: the remembered lengths must be counted again.
  const touch = db.prepare('UPDATE outputs SET rating = rating WHERE id = 1');
  const window = (request: GalleryQueryRequest, afterChange = false) => () => {
    if (afterChange) touch.run();
    const page = queryGallery(db, { limit: windowSize, ...request });
    return `(${page.items.length} of ${page.total.toLocaleString('en')})`;
  };
  const live = seeded.outputs.filter((output) => !output.trashed).length;
  const deep = Math.min(90_000, live - windowSize);
  const middleDay = seeded.start + Math.floor(outputCount / 3 / 2) * 1000;
  const [run] = seeded.runs;

  console.log(`Windows of ${windowSize}, newest first unless said:`);
  time('first window', window({}));
  time('first window, after a change', window({}, true));
  time(`window at ${deep.toLocaleString('en')}`, window({ offset: deep }));
  time(`window at ${deep.toLocaleString('en')}, after a change`, window({ offset: deep }, true));
  time('last window', window({ offset: live - windowSize }));
  time(`oldest first, window at ${deep.toLocaleString('en')}`, window({ sort: 'oldest', offset: deep }));
  time(`by rating, window at ${deep.toLocaleString('en')}`, window({ sort: 'rating', offset: deep }));

  console.log('\nFilters (first window, then 10,000 deep where there are that many):');
  const filtered: [string, GalleryQueryRequest['filters']][] = [
    ['tool: explore', { tools: ['explore'] }],
    ['tools: translate + style', { tools: ['translate', 'style'] }],
    ['architecture: pix2pix', { architectures: ['pix2pix'] }],
    ['one run', { runIds: [run!.id] }],
    ['one checkpoint', { checkpointIds: [run!.checkpointIds[0]!] }],
    ['one dataset', { datasetIds: [seeded.datasetIds[0]!] }],
    ['a day (date range)', { from: middleDay, to: middleDay + 86_400_000 }],
    ['rating ≥ 4', { minRating: 4 }],
    ['rating = 0 (unrated)', { rating: 0 }],
    ['favourites', { favourite: true }],
    ['tag "night"', { tags: ['night'] }],
    ['tags "night" and "sunset"', { tags: ['night', 'sunset'] }],
    ['tags "night" or "sunset"', { tags: ['night', 'sunset'], tagMatch: 'any' }],
    ['a collection (board order)', { collectionId: seeded.collectionIds[0]! }],
    ['search "gold"', { search: 'gold' }],
    ['search "misty harb"', { search: 'misty harb' }],
    ['trash', { trashed: true }],
    ['explore + rating ≥ 3 + tag "night"', { tools: ['explore'], minRating: 3, tags: ['night'] }],
  ];
  for (const [name, filters] of filtered) {
    time(name, window({ filters }));
    time(`${name}, after a change`, window({ filters }, true));
    const total = queryGallery(db, { filters, limit: 1 }).total;
    if (total > 10_000 + windowSize) time(`${name}, window at 10,000`, window({ filters, offset: 10_000 }));
  }

  console.log('\nThe rest of the view:');
  time('facets', () => `(${galleryFacets(db).tags.length} tags)`);
  time('facets, after a change', () => {
    touch.run();
    return `(${galleryFacets(db).runs.length} runs)`;
  });
  time('all ids (select all), newest first', () => `(${galleryIds(db, {}).length.toLocaleString('en')} ids)`);
  const tenThousand = seeded.outputs.slice(0, 10_000).map((output) => output.id);
  let stars = 0;
  time('rate 10,000 outputs', () => `(${rate(db, tenThousand, (stars = (stars % 5) + 1)).changed} changed)`);
  let tagged = false;
  time('tag / untag 10,000 outputs', () => {
    tagged = !tagged;
    return `(${tag(db, { outputIds: tenThousand, ...(tagged ? { add: ['bench'] } : { remove: ['bench'] }) }).changed} changed)`;
  });

  let state = 1;
  const randomByte = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) >>> 24;
  const fingerprint = db.prepare('INSERT INTO blob_fingerprints (blob_hash, phash, signature) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const hash of db.prepare('SELECT hash FROM blobs').pluck().all() as string[]) {
      const phash = Array.from({ length: 8 }, () => randomByte().toString(16).padStart(2, '0')).join('');
      fingerprint.run(hash, phash, Buffer.from(Array.from({ length: 256 }, randomByte)));
    }
  })();
  const jobs = new Jobs(new EventBus());
  for (const [name, request] of [
    ['near duplicates, whole gallery', {}],
    ['near duplicates of one output', { outputId: seeded.outputs[0]!.id }],
  ] as const) {
    const started = performance.now();
    const report = await findNearDuplicates(library, jobs, request);
    console.log(`${name.padEnd(48)} ${(performance.now() - started).toFixed(0).padStart(8)} ms        (${report.compared.toLocaleString('en')} images)`);
  }
} finally {
  library.close();
  rmSync(base, { recursive: true, force: true });
}
