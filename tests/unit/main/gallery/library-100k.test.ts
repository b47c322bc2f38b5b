import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GalleryFilters } from '../../../../preload/contract';
import { galleryFacets } from '../../../../main/gallery/facets';
import { queryGallery } from '../../../../main/gallery/query';
import { migrate } from '../../../../main/library/migrations';
import { expectedIds } from './expected-items';
import { seedLibrary, type SeededLibrary } from './seeded-library';

/** The check: filters return the right items on a seeded library of 100,000 outputs. */
describe('gallery on 100,000 outputs', () => {
  let db: Database.Database;
  let library: SeededLibrary;
  beforeAll(() => {
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, ':memory:');
    library = seedLibrary(db, 100_000);
  }, 60_000);

  it('finds as many items as the seeded attributes say for each filter', () => {
    const [run] = library.runs;
    const cases: GalleryFilters[] = [
      {},
      { tools: ['explore'] },
      { architectures: ['cyclegan'] },
      { runIds: [run!.id] },
      { checkpointIds: [run!.checkpointIds[2]!] },
      { datasetIds: [library.datasetIds[3]!] },
      { from: library.start + 3_600_000, to: library.start + 7_200_000 },
      { minRating: 3 },
      { favourite: true },
      { tags: ['sunset'] },
      { tags: ['sunset', 'texture'] },
      { collectionId: library.collectionIds[2]! },
      { search: 'harb' },
      { trashed: true },
      { tools: ['translate'], minRating: 1, tags: ['keeper'], search: 'golden' },
    ];
    for (const filters of cases) {
      const expected = expectedIds(library, filters).length;
      expect(queryGallery(db, { filters, limit: 1 }).total, JSON.stringify(filters)).toBe(expected);
      expect(expected, JSON.stringify(filters)).toBeGreaterThan(0);
    }
  });

  it('lists the right items in windows deep in the list', () => {
    const newest = expectedIds(library);
    expect(queryGallery(db, { offset: 90_000, limit: 500 }).items.map((item) => item.id)).toEqual(newest.slice(90_000, 90_500));
    const byRating = expectedIds(library, { minRating: 2 }, 'rating');
    expect(queryGallery(db, { filters: { minRating: 2 }, sort: 'rating', offset: 30_000, limit: 300 }).items.map((item) => item.id)).toEqual(byRating.slice(30_000, 30_300));
    const explored = expectedIds(library, { tools: ['explore'], tags: ['night'] }, 'oldest');
    expect(queryGallery(db, { filters: { tools: ['explore'], tags: ['night'] }, sort: 'oldest', offset: 5_000, limit: 500 }).items.map((item) => item.id)).toEqual(
      explored.slice(5_000, 5_500),
    );
  });

  it('counts the facets over all of them', () => {
    const facets = galleryFacets(db);
    expect(facets.total).toBe(expectedIds(library).length);
    for (const { name, count } of facets.tags) expect(count, name).toBe(expectedIds(library, { tags: [name] }).length);
    for (const { tool, count } of facets.tools) expect(count, tool).toBe(expectedIds(library, { tools: [tool] }).length);
  });
});
