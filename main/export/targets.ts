/**
 * Where each exported image goes, and what happens when something is there
 * already. Nothing is overwritten unless the request says so: by default a
 * conflict fails the export before anything is written, listing the files,
 * so the UI can ask and call again with overwrite, keep-both or skip.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { StudioError, type ConflictPolicy, type ExportDestination, type ExportFormat, type ExportPlan } from '../../preload/contract';
import { formatInfo } from './formats';
import type { SelectedOutputs, ExportItem } from './selection';
import { firstFree, type Template, uniqueNames } from './template';

export interface Target {
  readonly item: ExportItem;
  /** The file's name in the folder, or the entry's name in the ZIP. */
  readonly name: string;
  /** Absolute in a folder; the entry name in a ZIP. */
  readonly path: string;
  readonly exists: boolean;
}

export interface TargetPlan {
  readonly targets: readonly Target[];
  /** The ZIP's absolute path, or null for a folder. */
  readonly archive: string | null;
  readonly folder: string;
}

export function planTargets(selected: SelectedOutputs, template: Template, format: ExportFormat, destination: ExportDestination): TargetPlan {
  const extension = formatInfo(format).extension;
  const count = selected.items.length;
  const stems = selected.items.map((item, index) => template.fileStem({ item, index, count, collection: selected.collection }));
  // Names differing only in case would land on one file on macOS and Windows.
  const names = uniqueNames(stems.map((stem) => `${stem}.${extension}`));
  if ('zip' in destination) {
    const archive = resolve(destination.zip);
    return { archive, folder: dirname(archive), targets: selected.items.map((item, index) => ({ item, name: names[index]!, path: names[index]!, exists: false })) };
  }
  const folder = resolve(destination.folder);
  return {
    archive: null,
    folder,
    targets: selected.items.map((item, index) => {
      const path = join(folder, names[index]!);
      return { item, name: names[index]!, path, exists: existsSync(path) };
    }),
  };
}

export function describePlan(plan: TargetPlan): ExportPlan {
  const conflicts = plan.archive !== null ? (existsSync(plan.archive) ? [plan.archive] : []) : plan.targets.filter((target) => target.exists).map((target) => target.path);
  return { files: plan.targets.map((target) => ({ outputId: target.item.outputId, path: target.path, exists: target.exists })), conflicts };
}

export interface ResolvedTargets {
  readonly write: readonly Target[];
  readonly skipped: readonly Target[];
  /** The ZIP to write (under keep-both, a numbered name), or null. */
  readonly archive: string | null;
  readonly overwrite: boolean;
}

/** Applies the conflict policy; `ask` throws ALREADY_EXISTS listing what is in the way. */
export function resolveConflicts(plan: TargetPlan, policy: ConflictPolicy): ResolvedTargets {
  const conflicts = describePlan(plan).conflicts;
  const overwrite = policy === 'overwrite';
  if (conflicts.length === 0 || overwrite) return { write: plan.targets, skipped: [], archive: plan.archive, overwrite };
  if (policy === 'ask') throw alreadyExists(conflicts, plan.archive === null ? `in ${plan.folder}` : '');
  if (plan.archive !== null) {
    if (policy === 'skip') return { write: [], skipped: plan.targets, archive: plan.archive, overwrite };
    return { write: plan.targets, skipped: [], archive: join(plan.folder, firstFree(basename(plan.archive), (name) => existsSync(join(plan.folder, name)))), overwrite };
  }
  if (policy === 'skip') return { write: plan.targets.filter((target) => !target.exists), skipped: plan.targets.filter((target) => target.exists), archive: null, overwrite };
  const planned = new Set(plan.targets.map((target) => target.name.toLowerCase()));
  const write = plan.targets.map((target) => {
    if (!target.exists) return target;
    const name = firstFree(target.name, (candidate) => planned.has(candidate.toLowerCase()) || existsSync(join(plan.folder, candidate)));
    planned.add(name.toLowerCase());
    return { ...target, name, path: join(plan.folder, name), exists: false };
  });
  return { write, skipped: [], archive: null, overwrite };
}

/** "3 files exist already in /out: a.png, b.png, c.png; choose overwrite, keep-both or skip". */
export function alreadyExists(paths: readonly string[], where: string, choices = 'overwrite, keep-both or skip'): StudioError {
  const shown = paths.slice(0, 10).map((path) => (where ? basename(path) : path));
  const more = paths.length > shown.length ? ` and ${paths.length - shown.length} more` : '';
  const subject = paths.length === 1 ? '1 file exists already' : `${paths.length} files exist already`;
  return new StudioError('ALREADY_EXISTS', `${subject}${where ? ` ${where}` : ''}: ${shown.join(', ')}${more}; choose ${choices}`);
}
