/** Saved latents: any latent, named, for reuse in every tool. */
import { StudioError, type SavedLatent, type SaveLatentRequest } from '../../preload/contract';
import type { Library } from '../library/library';
import { blobUrl } from '../library/repos/asset-urls';
import {
  deleteSavedLatent,
  findSavedLatent,
  findSavedLatentByName,
  insertSavedLatent,
  listSavedLatents,
  renameSavedLatent,
  type SavedLatentRow,
} from '../library/repos/saved-latents';
import { chooseGenerator } from './models';
import { resolveSource } from './sources';

export function saveLatent(library: Library, request: SaveLatentRequest): SavedLatent {
  const generator = chooseGenerator(library, request.checkpointId);
  const { code, outputId } = resolveSource(library, generator, request.source, 'source');
  const id = library.db.transaction(() => {
    refuseTakenName(library, request.name);
    return insertSavedLatent(library.db, { name: request.name, vector: code.vector, classLabel: code.class, checkpointId: request.checkpointId, outputId });
  })();
  return toSavedLatent(findSavedLatent(library.db, id)!);
}

export function savedLatents(library: Library): SavedLatent[] {
  return listSavedLatents(library.db).map(toSavedLatent);
}

export function renameLatent(library: Library, latentId: number, name: string): SavedLatent {
  library.db.transaction(() => {
    const taken = findSavedLatentByName(library.db, name);
    if (taken && taken.id !== latentId) refuseTakenName(library, name);
    if (!renameSavedLatent(library.db, latentId, name)) throw notFound(latentId);
  })();
  return toSavedLatent(findSavedLatent(library.db, latentId)!);
}

export function forgetLatent(library: Library, latentId: number): void {
  if (!deleteSavedLatent(library.db, latentId)) throw notFound(latentId);
}

function refuseTakenName(library: Library, name: string): void {
  if (findSavedLatentByName(library.db, name)) throw new StudioError('ALREADY_EXISTS', `name: a latent called "${name}" is already saved`);
}

function notFound(latentId: number): StudioError {
  return new StudioError('NOT_FOUND', `latentId: no saved latent ${latentId} in this project`);
}

function toSavedLatent(row: SavedLatentRow): SavedLatent {
  return {
    latentId: row.id,
    name: row.name,
    latentSize: row.latent_size,
    class: row.class_label,
    checkpointId: row.checkpoint_id,
    previewUrl: row.preview_hash ? blobUrl(row.preview_hash) : null,
    createdAt: row.created_at,
  };
}
