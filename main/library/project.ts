/**
 * A project is a folder: library.db (SQLite, WAL) beside blobs/, checkpoints/
 * and cache/. This module creates and recognises such folders; the library's
 * schema arrives with its migrations.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { StudioError, type ProjectSummary } from '../../preload/contract';

export const libraryFileName = 'library.db';
const projectFolders = ['blobs', 'checkpoints', 'cache'] as const;
/** 'LSTD' — marks a SQLite file as a Latent Studio library. */
export const libraryApplicationId = 0x4c535444;

export function createProject(folder: string): ProjectSummary {
  const path = resolve(folder);
  if (existsSync(path)) {
    if (!statSync(path).isDirectory()) throw new StudioError('ALREADY_EXISTS', `${path} is a file, not a folder`);
    if (readdirSync(path).length > 0) throw new StudioError('ALREADY_EXISTS', `${path} is not empty; choose a new or empty folder`);
  }
  mkdirSync(path, { recursive: true });
  writeEmptyLibrary(join(path, libraryFileName));
  ensureFolders(path);
  return summarise(path);
}

export function openProject(folder: string): ProjectSummary {
  const path = resolve(folder);
  if (!existsSync(path)) throw new StudioError('NOT_FOUND', `No folder at ${path}`);
  const library = join(path, libraryFileName);
  if (!existsSync(library)) throw new StudioError('NOT_A_PROJECT', `${path} is not a Latent Studio project (no ${libraryFileName})`);
  checkLibrary(library);
  ensureFolders(path);
  return summarise(path);
}

/**
 * Written under a temporary name and renamed, so a killed create never leaves
 * a half-made library.db. WAL is switched on after the rename because the
 * journal files are named after the database.
 */
function writeEmptyLibrary(target: string): void {
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    const db = new Database(temporary);
    db.pragma(`application_id = ${libraryApplicationId}`);
    db.close();
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  const db = new Database(target);
  db.pragma('journal_mode = WAL');
  db.close();
}

function checkLibrary(library: string): void {
  let applicationId: unknown;
  try {
    const db = new Database(library, { fileMustExist: true });
    try {
      applicationId = db.pragma('application_id', { simple: true });
    } finally {
      db.close();
    }
  } catch (error) {
    throw new StudioError('NOT_A_PROJECT', `${library} is not a readable SQLite database: ${(error as Error).message}`);
  }
  if (applicationId !== libraryApplicationId) {
    throw new StudioError('NOT_A_PROJECT', `${library} is a SQLite database, but not a Latent Studio library`);
  }
}

function ensureFolders(path: string): void {
  for (const folder of projectFolders) mkdirSync(join(path, folder), { recursive: true });
}

function summarise(path: string): ProjectSummary {
  return { name: basename(path), path };
}
