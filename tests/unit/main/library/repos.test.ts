import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { BlobStore } from '../../../../main/library/blobs';
import { migrate } from '../../../../main/library/migrations';
import { classCounts, createDataset, deleteDataset, domainCounts, listDatasets, pairCount, requireDataset } from '../../../../main/library/repos/datasets';
import { insertItem, itemsPage, type NewItem } from '../../../../main/library/repos/items';
import { queryGallery } from '../../../../main/gallery/query';
import { insertOutput, restoreOutputs, trashOutputs } from '../../../../main/library/repos/outputs';

const hashOf = (n: number) => n.toString(16).padStart(64, '0');

describe('library repositories', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, ':memory:');
    for (let n = 1; n <= 20; n++) BlobStore.record(db, hashOf(n), 10, { mediaType: 'image/png', width: 8, height: 8 });
  });

  const item = (datasetId: number, n: number, extra: Partial<NewItem> = {}): NewItem => ({
    datasetId,
    blobHash: hashOf(n),
    originalName: `${n}.png`,
    width: 8,
    height: 8,
    classLabel: null,
    domain: null,
    pairKey: null,
    phash: '0'.repeat(16),
    signature: new Uint8Array(256),
    nearDuplicateOf: null,
    ...extra,
  });

  it('creates datasets with unique names regardless of case, and finds them by name', () => {
    createDataset(db, 'Shoes', 'images');
    expect(() => createDataset(db, 'shoes', 'images')).toThrow(expect.objectContaining({ code: 'ALREADY_EXISTS' }));
    expect(requireDataset(db, 'SHOES').name).toBe('Shoes');
    expect(() => requireDataset(db, 'Hats')).toThrow(expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringContaining('"Hats"') }));
  });

  it('skips an exact duplicate within a dataset but not across datasets or pairs', () => {
    const shoes = createDataset(db, 'Shoes', 'images').id;
    const bags = createDataset(db, 'Bags', 'images').id;
    expect(insertItem(db, item(shoes, 1))).toBeTypeOf('number');
    expect(insertItem(db, item(shoes, 1, { originalName: 'copy.png' }))).toBeNull();
    expect(insertItem(db, item(bags, 1))).toBeTypeOf('number');
    const pairs = createDataset(db, 'Pairs', 'paired').id;
    expect(insertItem(db, item(pairs, 2, { domain: 'A', pairKey: 'a' }))).toBeTypeOf('number');
    expect(insertItem(db, item(pairs, 2, { domain: 'A', pairKey: 'b' }))).toBeTypeOf('number');
  });

  it('counts classes, domains and complete pairs, and pages items in import order', () => {
    const shoes = createDataset(db, 'Shoes', 'images').id;
    for (let n = 1; n <= 5; n++) insertItem(db, item(shoes, n, { classLabel: n <= 3 ? 'boot' : 'sandal' }));
    insertItem(db, item(shoes, 6));
    expect(classCounts(db, shoes)).toEqual([
      { label: 'boot', count: 3 },
      { label: 'sandal', count: 2 },
      { label: null, count: 1 },
    ]);
    const page = itemsPage(db, shoes, 2, 2);
    expect([page.total, page.offset, page.items.map((i) => i.originalName)]).toEqual([6, 2, ['3.png', '4.png']]);
    expect(page.items[0]!.thumbnailUrl).toBe(`/asset/thumb/${hashOf(3)}`);
    expect(itemsPage(db, shoes, 0, 10, { classLabel: 'sandal' }).total).toBe(2);
    expect(itemsPage(db, shoes, 0, 10, { classLabel: null }).total).toBe(1);

    const pairs = createDataset(db, 'Pairs', 'paired').id;
    insertItem(db, item(pairs, 10, { domain: 'A', pairKey: 'p1' }));
    insertItem(db, item(pairs, 11, { domain: 'B', pairKey: 'p1' }));
    insertItem(db, item(pairs, 12, { domain: 'A', pairKey: 'p2' }));
    expect([domainCounts(db, pairs), pairCount(db, pairs)]).toEqual([{ A: 2, B: 1 }, 1]);
    expect(listDatasets(db).map((d) => [d.name, d.itemCount])).toEqual([['Pairs', 3], ['Shoes', 6]]);
  });

  it('deleting a dataset removes its items but not the blobs other rows share', () => {
    const shoes = createDataset(db, 'Shoes', 'images').id;
    insertItem(db, item(shoes, 1));
    deleteDataset(db, shoes);
    expect(db.prepare('SELECT count(*) FROM dataset_items').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(20);
  });

  it('pages outputs newest first, with trash and restore', () => {
    const ids = Array.from({ length: 10 }, (_, n) => insertOutput(db, { blobHash: hashOf(n + 1), kind: 'sample', provenance: { seed: n } }, 1000 + Math.floor(n / 2)));
    const page = (offset: number, limit: number, trashed = false) => queryGallery(db, { offset, limit, filters: { trashed } }).items.map((o) => o.id);
    expect([...page(0, 4), ...page(4, 4)]).toEqual([10, 9, 8, 7, 6, 5, 4, 3].map((n) => ids[n - 1]));
    expect(trashOutputs(db, [ids[9]!, ids[8]!])).toBe(2);
    expect(page(0, 2)).toEqual([ids[7], ids[6]]);
    expect(page(0, 5, true)).toEqual([ids[9], ids[8]]);
    expect(restoreOutputs(db, [ids[9]!])).toBe(1);
    expect(page(0, 1)[0]).toBe(ids[9]);
  });
});
