import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as boards from '../../../../main/gallery/collections';
import { trash } from '../../../../main/gallery/curation';
import { galleryIds } from '../../../../main/gallery/query';
import { smallProject, type SmallProject } from './small-project';

describe('gallery collections', () => {
  let project: SmallProject;
  let ids: number[];
  beforeEach(async () => {
    project = smallProject();
    ids = [];
    for (let n = 0; n < 8; n++) ids.push(await project.store(n * 30, {}, 1000 + n));
  });
  afterEach(() => project.close());
  const db = () => project.library.db;
  const order = (collectionId: number) => galleryIds(db(), { filters: { collectionId } });
  const at = (...indexes: number[]) => indexes.map((index) => ids[index]!);

  it('creates, renames and deletes boards with names unique regardless of case', () => {
    const board = boards.create(db(), 'Keepers');
    expect(board).toMatchObject({ name: 'Keepers', count: 0, coverUrl: null });
    expect(() => boards.create(db(), 'KEEPERS')).toThrow(expect.objectContaining({ code: 'ALREADY_EXISTS', message: 'name: there is already a collection called "Keepers"' }));
    const other = boards.create(db(), 'Drafts');
    expect(() => boards.rename(db(), other.id, 'keepers')).toThrow('name: there is already a collection called "Keepers"');
    expect(boards.rename(db(), board.id, 'keepers').name).toBe('keepers');
    expect(boards.collections(db()).map((collection) => collection.name)).toEqual(['Drafts', 'keepers']);
    boards.add(db(), { collectionId: board.id, outputIds: [ids[0]!] });
    boards.remove(db(), board.id);
    expect(boards.collections(db()).map((collection) => collection.name)).toEqual(['Drafts']);
    expect(galleryIds(db(), {})).toHaveLength(8);
    expect(() => boards.remove(db(), board.id)).toThrow(expect.objectContaining({ code: 'NOT_FOUND', message: `collectionId: no collection ${board.id} in this project` }));
  });

  it('adds at the end or before a member, keeping members already there in place', () => {
    const { id } = boards.create(db(), 'Board');
    expect(boards.add(db(), { collectionId: id, outputIds: at(0, 1, 2) })).toEqual({ changed: 3 });
    expect(boards.add(db(), { collectionId: id, outputIds: at(5, 1, 6), before: ids[1] })).toEqual({ changed: 2 });
    expect(order(id)).toEqual(at(0, 5, 6, 1, 2));
    const [listed] = boards.collections(db());
    expect(listed).toMatchObject({ count: 5, coverUrl: expect.stringMatching(/^\/asset\/thumb\//) });
    expect(() => boards.add(db(), { collectionId: id, outputIds: at(7), before: ids[3] })).toThrow(`before: output ${ids[3]} is not in collection ${id}`);
    expect(() => boards.add(db(), { collectionId: id, outputIds: [404] })).toThrow('outputIds: no output 404 in this project');
  });

  it('moves members by drag and drop, one or several, to any place', () => {
    const { id } = boards.create(db(), 'Board');
    boards.add(db(), { collectionId: id, outputIds: at(0, 1, 2, 3, 4) });
    boards.move(db(), { collectionId: id, outputIds: at(4), before: ids[0]! });
    expect(order(id)).toEqual(at(4, 0, 1, 2, 3));
    boards.move(db(), { collectionId: id, outputIds: at(4, 0), before: null });
    expect(order(id)).toEqual(at(1, 2, 3, 4, 0));
    boards.move(db(), { collectionId: id, outputIds: at(3, 1), before: ids[2]! });
    expect(order(id)).toEqual(at(3, 1, 2, 4, 0));
    expect(() => boards.move(db(), { collectionId: id, outputIds: at(3), before: ids[3]! })).toThrow(`before: output ${ids[3]} is one of those being moved`);
    expect(() => boards.move(db(), { collectionId: id, outputIds: at(6), before: null })).toThrow(`outputIds: output ${ids[6]} is not in collection ${id}`);
  });

  it('keeps order exact when one spot is split past floating-point room', () => {
    const { id } = boards.create(db(), 'Board');
    boards.add(db(), { collectionId: id, outputIds: ids });
    // Each drop lands right after the first member: the same gap halves every time, past what a double can split.
    const expected = [...ids];
    for (let round = 0; round < 80; round++) {
      const [moved] = expected.splice(expected.length - 2, 1);
      expected.splice(1, 0, moved!);
      boards.move(db(), { collectionId: id, outputIds: [moved!], before: order(id)[1]! });
      expect(order(id), `round ${round}`).toEqual(expected);
    }
    const positions = db().prepare('SELECT position FROM collection_members WHERE collection_id = ? ORDER BY position').pluck().all(id) as number[];
    expect(new Set(positions).size).toBe(ids.length);
  });

  it('counts members not in the trash, and lists trashed ones only in the trash', () => {
    const { id } = boards.create(db(), 'Board');
    boards.add(db(), { collectionId: id, outputIds: at(0, 1, 2) });
    trash(db(), at(0));
    expect(boards.collections(db())[0]!.count).toBe(2);
    expect(order(id)).toEqual(at(1, 2));
    expect(galleryIds(db(), { filters: { collectionId: id, trashed: true } })).toEqual(at(0));
    expect(boards.removeFrom(db(), { collectionId: id, outputIds: at(0, 2, 7) })).toEqual({ changed: 2 });
    expect(order(id)).toEqual(at(1));
  });
});
