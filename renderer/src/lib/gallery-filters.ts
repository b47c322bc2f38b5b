/**
 * The Gallery's filters as the person sets them, and what they send and
 * say. Pure, so the rules are unit-tested: empty choices do not filter, a
 * date range covers whole days, and each active filter becomes a chip that
 * can be removed on its own.
 */
import type { GalleryFacets, GalleryFilters, GalleryTool, ModelKind } from '../../../preload/contract';
import { modelLabels } from './model-families';

/** A day as the date inputs give it ("2026-12-03"), or '' for none. */
export type DayText = string;

export interface FilterDraft {
  readonly tools: readonly GalleryTool[];
  /** The family of the model that made it. */
  readonly architectures: readonly ModelKind[];
  readonly runIds: readonly number[];
  readonly checkpointIds: readonly number[];
  readonly datasetIds: readonly number[];
  readonly from: DayText;
  readonly to: DayText;
  readonly minRating: number;
  readonly favouritesOnly: boolean;
  readonly tags: readonly string[];
  readonly collectionId: number | null;
  readonly search: string;
  readonly trashed: boolean;
}

export const noFilters: FilterDraft = {
  tools: [],
  architectures: [],
  runIds: [],
  checkpointIds: [],
  datasetIds: [],
  from: '',
  to: '',
  minRating: 0,
  favouritesOnly: false,
  tags: [],
  collectionId: null,
  search: '',
  trashed: false,
};

const dayMs = 24 * 60 * 60 * 1000;

/** Local midnight of a day, in Unix ms; null for no day. */
export function dayStart(day: DayText): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
}

/** What the API is sent: only the filters that narrow anything; "to" includes its whole day. */
export function requestFilters(draft: FilterDraft): GalleryFilters {
  const from = dayStart(draft.from);
  const to = dayStart(draft.to);
  const search = draft.search.trim();
  return {
    ...(draft.tools.length > 0 && { tools: draft.tools }),
    ...(draft.architectures.length > 0 && { architectures: draft.architectures }),
    ...(draft.runIds.length > 0 && { runIds: draft.runIds }),
    ...(draft.checkpointIds.length > 0 && { checkpointIds: draft.checkpointIds }),
    ...(draft.datasetIds.length > 0 && { datasetIds: draft.datasetIds }),
    ...(from !== null && { from }),
    ...(to !== null && { to: to + dayMs }),
    ...(draft.minRating > 0 && { minRating: draft.minRating }),
    ...(draft.favouritesOnly && { favourite: true }),
    ...(draft.tags.length > 0 && { tags: draft.tags }),
    ...(draft.collectionId !== null && { collectionId: draft.collectionId }),
    ...(search && { search }),
    ...(draft.trashed && { trashed: true }),
  };
}

export const toolLabels: Readonly<Record<GalleryTool, string>> = {
  explore: 'Explore',
  translate: 'Translate',
  style: 'Style',
  train: 'Training previews',
  upload: 'Imported images',
};

/** One active filter, as a removable chip. */
export interface FilterChip {
  readonly label: string;
  readonly without: FilterDraft;
}

/** The active filters in words, each with the draft that drops it. */
export function filterChips(draft: FilterDraft, facets: GalleryFacets | null): FilterChip[] {
  const chips: FilterChip[] = [];
  const nameOf = <T extends { id: number; name: string }>(list: readonly T[] | undefined, id: number) => list?.find((entry) => entry.id === id)?.name ?? `#${id}`;
  for (const tool of draft.tools) chips.push({ label: toolLabels[tool], without: { ...draft, tools: draft.tools.filter((each) => each !== tool) } });
  for (const architecture of draft.architectures) {
    chips.push({ label: modelLabels[architecture], without: { ...draft, architectures: draft.architectures.filter((each) => each !== architecture) } });
  }
  for (const id of draft.runIds) chips.push({ label: `Run: ${nameOf(facets?.runs, id)}`, without: { ...draft, runIds: draft.runIds.filter((each) => each !== id) } });
  for (const id of draft.checkpointIds) {
    const checkpoint = facets?.checkpoints.find((entry) => entry.id === id);
    chips.push({ label: checkpoint ? `${checkpoint.runName} step ${checkpoint.step.toLocaleString('en')}` : `Checkpoint #${id}`, without: { ...draft, checkpointIds: draft.checkpointIds.filter((each) => each !== id) } });
  }
  for (const id of draft.datasetIds) chips.push({ label: `Dataset: ${nameOf(facets?.datasets, id)}`, without: { ...draft, datasetIds: draft.datasetIds.filter((each) => each !== id) } });
  if (draft.from || draft.to) chips.push({ label: dateRangeLabel(draft.from, draft.to), without: { ...draft, from: '', to: '' } });
  if (draft.minRating > 0) chips.push({ label: `${'★'.repeat(draft.minRating)} or more`, without: { ...draft, minRating: 0 } });
  if (draft.favouritesOnly) chips.push({ label: 'Favourites', without: { ...draft, favouritesOnly: false } });
  for (const tag of draft.tags) chips.push({ label: `#${tag}`, without: { ...draft, tags: draft.tags.filter((each) => each !== tag) } });
  if (draft.collectionId !== null) chips.push({ label: `Collection: ${nameOf(facets?.collections, draft.collectionId)}`, without: { ...draft, collectionId: null } });
  if (draft.search.trim()) chips.push({ label: `“${draft.search.trim()}”`, without: { ...draft, search: '' } });
  if (draft.trashed) chips.push({ label: 'Trash', without: { ...draft, trashed: false } });
  return chips;
}

function dateRangeLabel(from: DayText, to: DayText): string {
  if (from && to) return from === to ? `On ${from}` : `${from} to ${to}`;
  return from ? `Since ${from}` : `Until ${to}`;
}

/** The ids from one index to another, either way round, out of the list's ids in order: a shift-click's range. */
export function rangeOf(ids: readonly number[], from: number, to: number): number[] {
  const [low, high] = from <= to ? [from, to] : [to, from];
  return ids.slice(Math.max(0, low), high + 1);
}
