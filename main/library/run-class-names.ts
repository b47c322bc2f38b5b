/**
 * The names of a conditional run's classes. Class i is the i-th of its
 * dataset's labels in the order training sorts them; if the dataset has
 * changed since, the names no longer line up, and plain numbers are honest.
 */
import type { Database } from 'better-sqlite3';
import { sortedClassNames } from '../datasets/prepared';
import { classCounts } from './repos/datasets';
import { planOf, type RunRow } from './repos/runs';

export function classNamesOfRun(db: Database, run: RunRow, classes: number): string[] {
  if (classes === 0) return [];
  // An imported model brought the names it was trained with.
  const imported = (planOf(run) as { imported?: { classNames?: readonly string[] } }).imported?.classNames;
  if (imported?.length === classes) return [...imported];
  const labels = run.dataset_id === null ? [] : classCounts(db, run.dataset_id).map((entry) => entry.label);
  const names = sortedClassNames(labels);
  return names.length === classes ? names : Array.from({ length: classes }, (_, index) => `Class ${index}`);
}
