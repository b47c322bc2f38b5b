/** Boards: the collection calls, each one transaction, checked against what the board holds. */
import type { Database } from 'better-sqlite3';
import {
  StudioError,
  type AddToCollectionRequest,
  type CurationResult,
  type GalleryCollection,
  type MoveInCollectionRequest,
  type RemoveFromCollectionRequest,
} from '../../preload/contract';
import { thumbnailUrl } from '../library/repos/asset-urls';
import {
  addMembers,
  createCollection,
  deleteCollection,
  listCollections,
  moveMembers,
  removeMembers,
  renameCollection,
  requireCollection,
  requireMember,
  type CollectionRow,
} from '../library/repos/collections';
import { requireIds } from './known-ids';

function collectionOf(row: CollectionRow): GalleryCollection {
  return { id: row.id, name: row.name, count: row.count, coverUrl: row.cover_hash === null ? null : thumbnailUrl(row.cover_hash), createdAt: row.created_at };
}

export function collections(db: Database): GalleryCollection[] {
  return listCollections(db).map(collectionOf);
}

export function create(db: Database, name: string): GalleryCollection {
  return db.transaction(() => collectionOf(requireCollection(db, createCollection(db, name))))();
}

export function rename(db: Database, collectionId: number, name: string): GalleryCollection {
  return db.transaction(() => {
    renameCollection(db, collectionId, name);
    return collectionOf(requireCollection(db, collectionId));
  })();
}

export function remove(db: Database, collectionId: number): void {
  db.transaction(() => deleteCollection(db, collectionId))();
}

export function add(db: Database, request: AddToCollectionRequest): CurationResult {
  return db.transaction(() => {
    requireCollection(db, request.collectionId);
    requireIds(db, 'outputs', request.outputIds, 'outputIds');
    if (request.before !== undefined) requireMember(db, request.collectionId, request.before, 'before');
    return { changed: addMembers(db, request.collectionId, request.outputIds, request.before ?? null) };
  })();
}

export function removeFrom(db: Database, request: RemoveFromCollectionRequest): CurationResult {
  return db.transaction(() => {
    requireCollection(db, request.collectionId);
    return { changed: removeMembers(db, request.collectionId, request.outputIds) };
  })();
}

export function move(db: Database, request: MoveInCollectionRequest): void {
  db.transaction(() => {
    requireCollection(db, request.collectionId);
    for (const outputId of request.outputIds) requireMember(db, request.collectionId, outputId, 'outputIds');
    if (request.before !== null) {
      if (request.outputIds.includes(request.before)) throw new StudioError('INVALID_ARGUMENT', `before: output ${request.before} is one of those being moved`);
      requireMember(db, request.collectionId, request.before, 'before');
    }
    moveMembers(db, request.collectionId, request.outputIds, request.before);
  })();
}
