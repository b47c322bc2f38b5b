import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GalleryFilters, GallerySort } from '../../../../preload/contract';
import { galleryFacets } from '../../../../main/gallery/facets';
import { galleryIds, queryGallery } from '../../../../main/gallery/query';
import { migrate } from '../../../../main/library/migrations';
import { expectedIds } from './expected-items';
import { seedLibrary, type SeededLibrary } from './seeded-library';

/** Every filter and sort on a seeded library of 1,200 outputs, against the items worked out from what was seeded. */
describe('gallery query', () => {
  let db: Database.Database;
  let library: SeededLibrary;
  beforeAll(() => {
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, ':memory:');
    library = seedLibrary(db, 1200);
  });

  const listed = (filters: GalleryFilters = {}, sort?: GallerySort) => galleryIds(db, { filters, sort });
  const day = 86_400_000;

  it('lists exactly the items each filter names, newest first', () => {
    const [run] = library.runs;
    const cases: GalleryFilters[] = [
      {},
      { tools: ['explore'] },
      { tools: ['translate', 'style'] },
      { kinds: ['mix', 'projection'] },
      { architectures: ['pix2pix'] },
      { architectures: ['dcgan', 'cyclegan'] },
      { architectures: ['fastgan'] },
      { architectures: ['fastgan', 'dcgan'] },
      { runIds: [run!.id] },
      { runIds: [library.runs[1]!.id, library.runs[2]!.id] },
      { checkpointIds: [run!.checkpointIds[1]!] },
      { datasetIds: [library.datasetIds[2]!] },
      { from: library.start + 100_000 },
      { to: library.start + 100_000 },
      { from: library.start + 50_000, to: library.start + 51_000 },
      { minRating: 4 },
      { rating: 0 },
      { rating: 3 },
      { favourite: true },
      { favourite: false },
      { tags: ['night'] },
      { tags: ['NIGHT', 'landscape'] },
      { tags: ['night', 'landscape'], tagMatch: 'any' },
      { collectionId: library.collectionIds[0]! },
      { search: 'gold' },
      { search: 'Golden HOUR' },
      { search: 'uber' },
      { search: 'cafe' },
      { search: 'blue' },
      // FTS5's own syntax is only words here: an unbalanced quote or a NEAR( is searched for, not parsed.
      { search: '"misty' },
      { search: 'NEAR(misty' },
      { trashed: true },
      { trashed: true, tools: ['explore'] },
      { tools: ['explore'], minRating: 2, favourite: false, tags: ['night'], from: library.start, to: library.start + day },
      { search: 'redo', architectures: ['dcgan'] },
    ];
    for (const filters of cases) {
      const expected = expectedIds(library, filters);
      expect(listed(filters), JSON.stringify(filters)).toEqual(expected);
      expect(queryGallery(db, { filters, limit: 1 }).total, JSON.stringify(filters)).toBe(expected.length);
    }
    // The cases must mean something: each of these finds some and leaves out some.
    for (const filters of [{ search: 'uber' }, { search: '"misty' }, { tags: ['night', 'landscape'] }, { trashed: true }, ...cases.slice(-2)]) {
      expect(listed(filters).length, JSON.stringify(filters)).toBeGreaterThan(0);
    }
  });

  it('sorts newest, oldest, by rating and by a collection\'s order', () => {
    for (const sort of ['newest', 'oldest', 'rating'] as const) expect(listed({}, sort)).toEqual(expectedIds(library, {}, sort));
    const board = { collectionId: library.collectionIds[1]! };
    expect(listed(board)).toEqual(expectedIds(library, board, 'position'));
    expect(listed(board, 'oldest')).toEqual(expectedIds(library, board, 'oldest'));
    expect(() => listed({}, 'position')).toThrow(/sort: position orders a collection; name one in filters.collectionId/);
  });

  it('pages windows by index with no gaps or repeats, even among equal times', () => {
    for (const sort of ['newest', 'oldest', 'rating'] as const) {
      const all = listed({}, sort);
      const windows = [];
      for (let offset = 0; offset < all.length; offset += 77) {
        const page = queryGallery(db, { sort, offset, limit: 77 });
        expect(page.offset).toBe(offset);
        expect(page.total).toBe(all.length);
        windows.push(...page.items.map((item) => item.id));
      }
      expect(windows).toEqual(all);
    }
    const past = queryGallery(db, { offset: 5000, limit: 10 });
    expect(past.items).toEqual([]);
  });

  it('draws tiles from the image row and the output row', () => {
    const [item] = queryGallery(db, { limit: 1 }).items;
    const seeded = library.outputs.find((output) => output.id === item!.id)!;
    expect(item).toMatchObject({ kind: seeded.kind, rating: seeded.rating, favourite: seeded.favourite, createdAt: seeded.createdAt, width: 64, height: 64, trashedAt: null });
    expect(item!.thumbUrl).toMatch(/^\/asset\/thumb\/[0-9a-f]{64}$/);
    expect(item!.url).toMatch(/^\/asset\/blob\/[0-9a-f]{64}$/);
  });

  it('names the field of a filter that names nothing', () => {
    expect(() => listed({ runIds: [999] })).toThrow(expect.objectContaining({ code: 'NOT_FOUND', message: 'filters.runIds: no run 999 in this project' }));
    expect(() => listed({ checkpointIds: [998, 999] })).toThrow('filters.checkpointIds: no checkpoints 998, 999 in this project');
    expect(() => listed({ datasetIds: [77] })).toThrow('filters.datasetIds: no dataset 77 in this project');
    expect(() => listed({ collectionId: 42 })).toThrow('filters.collectionId: no collection 42 in this project');
    expect(() => listed({ tags: ['night', 'nope'] })).toThrow('filters.tags: no tag "nope" in this project');
    expect(() => listed({ from: 10, to: 10 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: 'filters.to: must be later than filters.from' }));
  });

  it('counts every facet as the filters would find it', () => {
    const facets = galleryFacets(db);
    const live = library.outputs.filter((output) => !output.trashed);
    expect(facets.total).toBe(live.length);
    expect(facets.trashed).toBe(library.outputs.length - live.length);
    for (const { tool, count } of facets.tools) expect(count, tool).toBe(expectedIds(library, { tools: [tool] }).length);
    for (const { kind, count } of facets.kinds) expect(count, kind).toBe(expectedIds(library, { kinds: [kind] }).length);
    expect(facets.architectures.map((entry) => entry.architecture)).toEqual(['cyclegan', 'dcgan', 'fastgan', 'pix2pix']);
    for (const { architecture, count } of facets.architectures) expect(count).toBe(expectedIds(library, { architectures: [architecture] }).length);
    expect(facets.runs).toHaveLength(library.runs.length);
    for (const { id, count } of facets.runs) expect(count).toBe(expectedIds(library, { runIds: [id] }).length);
    for (const { id, count } of facets.checkpoints) expect(count).toBe(expectedIds(library, { checkpointIds: [id] }).length);
    for (const { id, count } of facets.datasets) expect(count).toBe(expectedIds(library, { datasetIds: [id] }).length);
    expect(facets.tags.map((tag) => tag.name)).toEqual([...library.tagNames].sort((a, b) => a.localeCompare(b)));
    for (const { name, count } of facets.tags) expect(count, name).toBe(expectedIds(library, { tags: [name] }).length);
    for (const { id, count } of facets.collections) expect(count).toBe(expectedIds(library, { collectionId: id }).length);
    expect(facets.ratings.map((entry) => entry.count)).toEqual([0, 1, 2, 3, 4, 5].map((rating) => expectedIds(library, { rating }).length));
    expect(facets.favourites).toBe(expectedIds(library, { favourite: true }).length);
    expect(facets.dateSpan).toEqual({ from: Math.min(...live.map((o) => o.createdAt)), to: Math.max(...live.map((o) => o.createdAt)) });
  });

  it('counts again once the library changes, and not before', () => {
    const before = queryGallery(db, { filters: { favourite: true }, limit: 1 }).total;
    const facetsBefore = galleryFacets(db);
    expect(galleryFacets(db)).toBe(facetsBefore);
    const other = library.outputs.find((output) => !output.trashed && !output.favourite)!;
    db.prepare('UPDATE outputs SET favourite = 1 WHERE id = ?').run(other.id);
    expect(queryGallery(db, { filters: { favourite: true }, limit: 1 }).total).toBe(before + 1);
    expect(galleryFacets(db).favourites).toBe(facetsBefore.favourites + 1);
    db.prepare('UPDATE outputs SET favourite = 0 WHERE id = ?').run(other.id);
    expect(queryGallery(db, { filters: { favourite: true }, limit: 1 }).total).toBe(before);
  });
});
