/**
 * What went wrong with one file during an import. Import keeps going past a
 * bad file, so these are values collected into the import's report, never
 * thrown. The shape is the contract's, because the report reaches the renderer.
 */
import type { ImportProblem, ImportProblemKind } from '../../preload/contract';

export type { ImportProblem, ImportProblemKind };

/** `detail` continues the sentence after the file's name, e.g. "is empty (0 bytes)." */
export function importProblem(source: string, kind: ImportProblemKind, detail: string): ImportProblem {
  return { source, kind, message: `${source} ${detail}` };
}

export function isImportProblem(value: object): value is ImportProblem {
  return 'kind' in value && 'message' in value && 'source' in value;
}
