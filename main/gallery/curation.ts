/**
 * Curation: ratings, favourites, tags, notes and the trash. Each call is one
 * transaction over every output it names, and names the field and the ids
 * when some output does not exist, changing nothing then.
 */
import type { Database } from 'better-sqlite3';
import { StudioError, type CurationResult, type EmptyTrashResult, type RenameTagRequest, type TagRequest } from '../../preload/contract';
import type { Library } from '../library/library';
import { deleteUnusedBlobRows } from '../library/repos/blob-rows';
import { deleteTrashedOutputs, markFavourites, rateOutputs, restoreOutputs, setNotes, trashOutputs } from '../library/repos/outputs';
import { addTags, deleteTag, ensureTags, findTagId, forgetAllUnusedTags, forgetUnusedTags, removeTags, renameTag } from '../library/repos/tags';
import { requireIds } from './known-ids';

/** Runs `change` on the named outputs in one transaction, once every one of them is known to exist. */
function onOutputs(db: Database, outputIds: readonly number[], change: (ids: readonly number[]) => number): CurationResult {
  return db.transaction(() => {
    requireIds(db, 'outputs', outputIds, 'outputIds');
    return { changed: change(outputIds) };
  })();
}

export function rate(db: Database, outputIds: readonly number[], rating: number): CurationResult {
  return onOutputs(db, outputIds, (ids) => rateOutputs(db, ids, rating));
}

export function favourite(db: Database, outputIds: readonly number[], favourite: boolean): CurationResult {
  return onOutputs(db, outputIds, (ids) => markFavourites(db, ids, favourite));
}

export function trash(db: Database, outputIds: readonly number[]): CurationResult {
  return onOutputs(db, outputIds, (ids) => trashOutputs(db, ids));
}

export function restore(db: Database, outputIds: readonly number[]): CurationResult {
  return onOutputs(db, outputIds, (ids) => restoreOutputs(db, ids));
}

export function note(db: Database, outputId: number, notes: string): CurationResult {
  return onOutputs(db, [outputId], () => setNotes(db, outputId, notes.trim()));
}

/** Adds, then removes (a name in both ends up removed); `changed` counts the outputs whose tags changed. */
export function tag(db: Database, request: TagRequest): CurationResult {
  return onOutputs(db, request.outputIds, (ids) => {
    const changed = new Set<number>();
    if (request.add && request.add.length > 0) for (const id of addTags(db, ids, ensureTags(db, request.add))) changed.add(id);
    const removing = (request.remove ?? []).map((name) => findTagId(db, name)).filter((tagId) => tagId !== undefined);
    if (removing.length > 0) {
      for (const id of removeTags(db, ids, removing)) changed.add(id);
      forgetUnusedTags(db, removing);
    }
    return changed.size;
  });
}

function requireTag(db: Database, name: string, field: string): number {
  const tagId = findTagId(db, name);
  if (tagId === undefined) throw new StudioError('NOT_FOUND', `${field}: no tag "${name}" in this project`);
  return tagId;
}

export function renameTagNamed(db: Database, request: RenameTagRequest): void {
  db.transaction(() => renameTag(db, requireTag(db, request.name, 'name'), request.to))();
}

export function deleteTagNamed(db: Database, name: string): void {
  db.transaction(() => deleteTag(db, requireTag(db, name, 'name')))();
}

/**
 * Deletes trashed outputs for good, then the images no output, dataset item
 * or other row uses any more: their rows in the same transaction, their files
 * once it has committed (a crash in between leaves only files that
 * library.collectGarbage removes).
 */
export function emptyTrash(library: Library, outputIds: readonly number[] | null): EmptyTrashResult {
  const { db, blobs } = library;
  const { removed, released } = db.transaction(() => {
    if (outputIds !== null) refuseLiveOutputs(db, outputIds);
    const hashes = deleteTrashedOutputs(db, outputIds);
    forgetAllUnusedTags(db);
    return { removed: hashes.removedOutputs, released: deleteUnusedBlobRows(db, hashes.blobHashes) };
  })();
  for (const blob of released) blobs.remove(blob.hash);
  return { removed, blobsRemoved: released.length, bytesFreed: released.reduce((sum, blob) => sum + blob.size, 0) };
}

/** Only what is in the trash can be deleted for good. */
function refuseLiveOutputs(db: Database, outputIds: readonly number[]): void {
  requireIds(db, 'outputs', outputIds, 'outputIds');
  const live = db.prepare('SELECT id FROM outputs WHERE id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL LIMIT 6').pluck().all(JSON.stringify(outputIds)) as number[];
  if (live.length > 0) {
    const listed = live.length > 5 ? `${live.slice(0, 5).join(', ')} and more` : live.join(', ');
    throw new StudioError('INVALID_ARGUMENT', `outputIds: ${live.length === 1 ? 'output' : 'outputs'} ${listed} ${live.length === 1 ? 'is' : 'are'} not in the trash`);
  }
}
