/** The gallery namespace: browsing every output by windows of a filtered list, its detail and lineage, curation, boards and near duplicates. */
import type { StudioApi } from '../../preload/contract';
import type { Jobs } from '../jobs/jobs';
import type { CurrentProject } from '../library/current-project';
import * as boards from './collections';
import * as curation from './curation';
import { galleryDetail } from './detail';
import { galleryFacets } from './facets';
import { lineageOf } from './lineage';
import { findNearDuplicates } from './near-duplicates';
import { galleryIds, queryGallery } from './query';

export function galleryService(project: CurrentProject, jobs: Jobs): StudioApi['gallery'] {
  const db = () => project.library.db;
  return {
    query: async (request) => queryGallery(db(), request),
    ids: async (request) => galleryIds(db(), request),
    facets: async () => galleryFacets(db()),
    get: async ({ outputId }) => galleryDetail(db(), outputId),
    rate: async ({ outputIds, rating }) => curation.rate(db(), outputIds, rating),
    favourite: async ({ outputIds, favourite }) => curation.favourite(db(), outputIds, favourite),
    tag: async (request) => curation.tag(db(), request),
    note: async ({ outputId, notes }) => curation.note(db(), outputId, notes),
    renameTag: async (request) => curation.renameTagNamed(db(), request),
    deleteTag: async ({ name }) => curation.deleteTagNamed(db(), name),
    trash: async ({ outputIds }) => curation.trash(db(), outputIds),
    restore: async ({ outputIds }) => curation.restore(db(), outputIds),
    emptyTrash: async ({ outputIds }) => curation.emptyTrash(project.library, outputIds ?? null),
    collections: async () => boards.collections(db()),
    createCollection: async ({ name }) => boards.create(db(), name),
    renameCollection: async ({ collectionId, name }) => boards.rename(db(), collectionId, name),
    deleteCollection: async ({ collectionId }) => boards.remove(db(), collectionId),
    addToCollection: async (request) => boards.add(db(), request),
    removeFromCollection: async (request) => boards.removeFrom(db(), request),
    moveInCollection: async (request) => boards.move(db(), request),
    lineage: async ({ outputId, depth }) => lineageOf(db(), outputId, depth),
    nearDuplicates: (request) => findNearDuplicates(project.library, jobs, request),
  };
}
