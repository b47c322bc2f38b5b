import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as curation from '../../../../main/gallery/curation';
import { galleryDetail } from '../../../../main/gallery/detail';
import { galleryFacets } from '../../../../main/gallery/facets';
import { galleryIds, queryGallery } from '../../../../main/gallery/query';
import { findOutput } from '../../../../main/library/repos/outputs';
import { smallProject, type SmallProject } from './small-project';

describe('gallery curation', () => {
  let project: SmallProject;
  let ids: number[];
  beforeEach(async () => {
    project = smallProject();
    ids = [];
    for (let n = 0; n < 6; n++) ids.push(await project.store(n * 40, {}, 1000 + n));
  });
  afterEach(() => project.close());
  const db = () => project.library.db;
  const item = (id: number) => galleryDetail(db(), id);

  it('rates and favourites many outputs at once, counting only those it changed', () => {
    expect(curation.rate(db(), [ids[0]!, ids[1]!], 4)).toEqual({ changed: 2 });
    expect(curation.rate(db(), [ids[0]!, ids[2]!], 4)).toEqual({ changed: 1 });
    expect([0, 1, 2, 3].map((n) => item(ids[n]!).rating)).toEqual([4, 4, 4, 0]);
    expect(curation.rate(db(), [ids[1]!], 0)).toEqual({ changed: 1 });
    expect(item(ids[1]!).rating).toBe(0);
    expect(curation.favourite(db(), ids.slice(0, 3), true)).toEqual({ changed: 3 });
    expect(curation.favourite(db(), [ids[1]!], false)).toEqual({ changed: 1 });
    expect(galleryIds(db(), { filters: { favourite: true } })).toEqual([ids[2], ids[0]]);
  });

  it('changes nothing when any output named is unknown, and says which', () => {
    expect(() => curation.rate(db(), [ids[0]!, 998, 999], 5)).toThrow(expect.objectContaining({ code: 'NOT_FOUND', message: 'outputIds: no outputs 998, 999 in this project' }));
    expect(item(ids[0]!).rating).toBe(0);
    expect(() => curation.tag(db(), { outputIds: [ids[0]!, 1234], add: ['new'] })).toThrow('outputIds: no output 1234 in this project');
    expect(galleryFacets(db()).tags).toEqual([]);
    expect(() => curation.note(db(), 555, 'x')).toThrow('outputIds: no output 555 in this project');
  });

  it('tags, untags and forgets a tag with its last output; search follows tags and notes', () => {
    expect(curation.tag(db(), { outputIds: ids.slice(0, 3), add: ['Sunset', 'night sky'] })).toEqual({ changed: 3 });
    expect(curation.tag(db(), { outputIds: [ids[0]!], add: ['sunset'] })).toEqual({ changed: 0 });
    expect(item(ids[0]!).tags).toEqual(['night sky', 'Sunset']);
    expect(galleryIds(db(), { filters: { search: 'sky' } })).toEqual([ids[2], ids[1], ids[0]]);
    expect(curation.tag(db(), { outputIds: [ids[1]!, ids[2]!], remove: ['NIGHT SKY', 'never made'] })).toEqual({ changed: 2 });
    expect(galleryIds(db(), { filters: { search: 'sky' } })).toEqual([ids[0]]);
    expect(curation.tag(db(), { outputIds: [ids[0]!], remove: ['night sky'] })).toEqual({ changed: 1 });
    expect(galleryFacets(db()).tags.map((tag) => tag.name)).toEqual(['Sunset']);

    expect(curation.note(db(), ids[4]!, '  Misty harbour at dawn ')).toEqual({ changed: 1 });
    expect(item(ids[4]!).notes).toBe('Misty harbour at dawn');
    expect(galleryIds(db(), { filters: { search: 'harb daw' } })).toEqual([ids[4]]);
    curation.note(db(), ids[4]!, '');
    expect(galleryIds(db(), { filters: { search: 'harb' } })).toEqual([]);
  });

  it('renames a tag (merging into one of that name) and deletes one', () => {
    curation.tag(db(), { outputIds: [ids[0]!, ids[1]!], add: ['dusk'] });
    curation.tag(db(), { outputIds: [ids[1]!, ids[2]!], add: ['evening'] });
    curation.renameTagNamed(db(), { name: 'dusk', to: 'Dusk' });
    expect(item(ids[0]!).tags).toEqual(['Dusk']);
    curation.renameTagNamed(db(), { name: 'Dusk', to: 'EVENING' });
    expect(galleryFacets(db()).tags).toEqual([expect.objectContaining({ name: 'evening', count: 3 })]);
    expect(galleryIds(db(), { filters: { search: 'evening' } })).toHaveLength(3);
    curation.deleteTagNamed(db(), 'evening');
    expect(item(ids[1]!).tags).toEqual([]);
    expect(galleryIds(db(), { filters: { search: 'evening' } })).toEqual([]);
    expect(() => curation.deleteTagNamed(db(), 'evening')).toThrow(expect.objectContaining({ code: 'NOT_FOUND', message: 'name: no tag "evening" in this project' }));
  });

  it('trashes and restores; the trash lists only trashed outputs', () => {
    expect(curation.trash(db(), [ids[5]!, ids[4]!])).toEqual({ changed: 2 });
    expect(curation.trash(db(), [ids[5]!])).toEqual({ changed: 0 });
    expect(galleryIds(db(), {})).toEqual([ids[3], ids[2], ids[1], ids[0]]);
    expect(galleryIds(db(), { filters: { trashed: true } })).toEqual([ids[5], ids[4]]);
    expect(queryGallery(db(), { filters: { trashed: true } }).items[0]!.trashedAt).toBeTypeOf('number');
    expect(curation.restore(db(), [ids[5]!, ids[0]!])).toEqual({ changed: 1 });
    expect(galleryIds(db(), { filters: { trashed: true } })).toEqual([ids[4]]);
  });

  it('empties the trash, deleting only images nothing else uses', async () => {
    const { blobs } = project.library;
    // The same picture as ids[1], stored again: its image must survive when one of the two goes.
    const twin = await project.store(40);
    const hashOf = (id: number) => findOutput(db(), id)!.blob_hash;
    curation.tag(db(), { outputIds: [ids[0]!], add: ['doomed'] });
    curation.trash(db(), [ids[0]!, ids[1]!, ids[2]!]);
    expect(() => curation.emptyTrash(project.library, [ids[0]!, ids[3]!])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: `outputIds: output ${ids[3]} is not in the trash` }));

    const gone = hashOf(ids[0]!);
    const shared = hashOf(ids[1]!);
    expect(hashOf(twin)).toBe(shared);
    const result = curation.emptyTrash(project.library, [ids[0]!, ids[1]!]);
    expect(result).toMatchObject({ removed: 2, blobsRemoved: 1 });
    expect(result.bytesFreed).toBeGreaterThan(0);
    expect(existsSync(blobs.pathOf(gone))).toBe(false);
    expect(existsSync(blobs.pathOf(shared))).toBe(true);
    expect(findOutput(db(), ids[0]!)).toBeUndefined();
    expect(galleryFacets(db()).tags).toEqual([]);
    expect(galleryIds(db(), { filters: { trashed: true } })).toEqual([ids[2]]);

    expect(curation.emptyTrash(project.library, null)).toMatchObject({ removed: 1, blobsRemoved: 1 });
    expect(galleryFacets(db()).trashed).toBe(0);
    expect(db().prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(4);
  });
});
