/**
 * What the gallery should list for a filter and sort, worked out in plain
 * JavaScript from the attributes the seeded library was written with: an
 * oracle that shares no SQL with the code under test.
 */
import type { GalleryFilters, GallerySort, OutputKind } from '../../../../preload/contract';
import type { SeededLibrary, SeededOutput } from './seeded-library';

const kindsOfTool: Readonly<Record<string, readonly OutputKind[]>> = {
  explore: ['sample', 'mix', 'projection', 'animation', 'interpolation-frame'],
  translate: ['translation', 'sketch'],
  style: ['style'],
  train: ['preview'],
  upload: ['upload'],
};

/** Words as the search index holds them: split on anything but letters and digits, lower case, accents dropped. */
const wordsOf = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];

function matches(library: SeededLibrary, output: SeededOutput, filters: GalleryFilters): boolean {
  const architectureOf = (runId: number | null) => library.runs.find((run) => run.id === runId)?.architecture;
  const lower = (names: readonly string[]) => names.map((name) => name.toLowerCase());
  const tagged = lower(output.tags);
  const wanted = lower(filters.tags ?? []);
  const searched = wordsOf(filters.search ?? '');
  const words = wordsOf(`${output.notes} ${output.tags.join(' ')}`);
  return (
    output.trashed === (filters.trashed ?? false) &&
    (!filters.tools || filters.tools.some((tool) => kindsOfTool[tool]!.includes(output.kind))) &&
    (!filters.kinds || filters.kinds.includes(output.kind)) &&
    (!filters.architectures || filters.architectures.some((architecture) => architecture === architectureOf(output.runId))) &&
    (!filters.runIds || filters.runIds.includes(output.runId!)) &&
    (!filters.checkpointIds || filters.checkpointIds.includes(output.checkpointId!)) &&
    (!filters.datasetIds || filters.datasetIds.includes(output.datasetId!)) &&
    (filters.from === undefined || output.createdAt >= filters.from) &&
    (filters.to === undefined || output.createdAt < filters.to) &&
    (filters.minRating === undefined || output.rating >= filters.minRating) &&
    (filters.rating === undefined || output.rating === filters.rating) &&
    (filters.favourite === undefined || output.favourite === filters.favourite) &&
    (wanted.length === 0 || (filters.tagMatch === 'any' ? wanted.some((tag) => tagged.includes(tag)) : wanted.every((tag) => tagged.includes(tag)))) &&
    (filters.collectionId === undefined || output.collectionIds.includes(filters.collectionId)) &&
    searched.every((word) => words.some((known) => known.startsWith(word)))
  );
}

const comparators: Readonly<Record<GallerySort, (a: SeededOutput, b: SeededOutput) => number>> = {
  newest: (a, b) => b.createdAt - a.createdAt || b.id - a.id,
  oldest: (a, b) => a.createdAt - b.createdAt || a.id - b.id,
  rating: (a, b) => b.rating - a.rating || b.createdAt - a.createdAt || b.id - a.id,
  position: (a, b) => a.position - b.position || a.id - b.id,
};

/** The ids the gallery should list, in order. */
export function expectedIds(library: SeededLibrary, filters: GalleryFilters = {}, sort?: GallerySort): number[] {
  const order = sort ?? (filters.collectionId !== undefined ? 'position' : 'newest');
  return library.outputs
    .filter((output) => matches(library, output, filters))
    .sort(comparators[order])
    .map((output) => output.id);
}
