/**
 * The gallery namespace's DTOs: every output the studio made, browsed by
 * windows of a filtered, sorted list (the view virtualises up to 100,000
 * items and asks for the rows it shows), with the menus' facets, one output's
 * detail and lineage, curation (ratings, favourites, tags, notes, trash),
 * collections in an order of their own, and a near-duplicate finder.
 */
import type { JobRequest } from './datasets';
import type { LatentSource } from './latent';
import type { Direction } from './translate';
import type { ModelKind } from './training';

/** What an output is (a row of the library's output_kinds table); each tool stores its own kinds. */
export type OutputKind =
  | 'sample'
  | 'mix'
  | 'projection'
  | 'animation'
  | 'interpolation-frame'
  | 'translation'
  | 'style'
  | 'sketch'
  | 'upload'
  | 'preview';

/**
 * The view that made an output: Explore (samples, mixes, projections,
 * animations), Translate (translations and the drawings they came from),
 * Style, Train (training previews), or an image brought in from a file.
 */
export type GalleryTool = 'explore' | 'translate' | 'style' | 'train' | 'upload';

/** Every filter narrows the list; a list field matches any of its values. Absent fields do not filter. */
export interface GalleryFilters {
  readonly tools?: readonly GalleryTool[] | undefined;
  readonly kinds?: readonly OutputKind[] | undefined;
  /** The model family of the run that made it. */
  readonly architectures?: readonly ModelKind[] | undefined;
  readonly runIds?: readonly number[] | undefined;
  readonly checkpointIds?: readonly number[] | undefined;
  /** The dataset an output was made from (a translated dataset image), or else the one its model was trained on. */
  readonly datasetIds?: readonly number[] | undefined;
  /** Made at or after this time (Unix ms). */
  readonly from?: number | undefined;
  /** Made before this time (Unix ms): a day is [midnight, next midnight). */
  readonly to?: number | undefined;
  /** At least this many stars (0–5). */
  readonly minRating?: number | undefined;
  /** Exactly this many stars (0–5): 0 finds the unrated. */
  readonly rating?: number | undefined;
  /** true: favourites only; false: all but favourites. */
  readonly favourite?: boolean | undefined;
  /** Tag names (any case). */
  readonly tags?: readonly string[] | undefined;
  /** 'all' (the default): outputs carrying every tag named; 'any': at least one. */
  readonly tagMatch?: 'all' | 'any' | undefined;
  readonly collectionId?: number | undefined;
  /** Words searched for in tags and notes; each word matches as a prefix ("sun" finds "sunset"), all must match. */
  readonly search?: string | undefined;
  /** true: the trash only; false or absent: everything not in the trash. */
  readonly trashed?: boolean | undefined;
}

/**
 * newest / oldest by creation time; rating: most stars first, newest first
 * within a rating; position: a collection's own order (needs filters.collectionId).
 */
export type GallerySort = 'newest' | 'oldest' | 'rating' | 'position';

export interface GalleryQueryRequest {
  readonly filters?: GalleryFilters | undefined;
  /** Defaults to 'position' when a collection is filtered, else 'newest'. */
  readonly sort?: GallerySort | undefined;
  /** Index of the first item of the window; 0 by default. */
  readonly offset?: number | undefined;
  /** At most 500; 100 by default. */
  readonly limit?: number | undefined;
}

/** One tile of the grid: just what it takes to draw it. */
export interface GalleryItem {
  readonly id: number;
  readonly kind: OutputKind;
  readonly tool: GalleryTool;
  /** /asset/thumb/<hash> (WebP, longest side 256 px). */
  readonly thumbUrl: string;
  /** /asset/blob/<hash>: the image itself. */
  readonly url: string;
  readonly mediaType: string;
  readonly width: number;
  readonly height: number;
  /** 0 (unrated) to 5. */
  readonly rating: number;
  readonly favourite: boolean;
  readonly createdAt: number;
  readonly runId: number | null;
  readonly checkpointId: number | null;
  /** When it was moved to the trash; null when it is not there. */
  readonly trashedAt: number | null;
}

/** A window of the list: items[i] is item offset + i of total; the same request gives the same window while nothing changes. */
export interface GalleryPage {
  readonly total: number;
  readonly offset: number;
  readonly items: readonly GalleryItem[];
}

/** The ids of every item of a query, in its order: for "select all" and bulk curation. */
export interface GalleryIdsRequest {
  readonly filters?: GalleryFilters | undefined;
  readonly sort?: GallerySort | undefined;
}

/** What the filter menus offer, each with how many outputs (not in the trash) carry it. */
export interface GalleryFacets {
  /** Outputs not in the trash. */
  readonly total: number;
  /** Outputs in the trash. */
  readonly trashed: number;
  readonly tools: readonly { readonly tool: GalleryTool; readonly count: number }[];
  readonly kinds: readonly { readonly kind: OutputKind; readonly tool: GalleryTool; readonly count: number }[];
  readonly architectures: readonly { readonly architecture: ModelKind; readonly count: number }[];
  /** Newest run first. */
  readonly runs: readonly { readonly id: number; readonly name: string; readonly architecture: ModelKind; readonly count: number }[];
  /** By run (newest first), then step. */
  readonly checkpoints: readonly { readonly id: number; readonly runId: number; readonly runName: string; readonly step: number; readonly count: number }[];
  /** By the dataset an output was made from or its model trained on (as filters.datasetIds). */
  readonly datasets: readonly { readonly id: number; readonly name: string; readonly count: number }[];
  /** Every tag, by name; a tag only trashed outputs carry counts 0. */
  readonly tags: readonly { readonly id: number; readonly name: string; readonly count: number }[];
  readonly collections: readonly { readonly id: number; readonly name: string; readonly count: number }[];
  /** How many outputs have each number of stars, 0 to 5 (all six, in order). */
  readonly ratings: readonly { readonly rating: number; readonly count: number }[];
  readonly favourites: number;
  /** The oldest and newest creation times, or null when there is nothing. */
  readonly dateSpan: { readonly from: number; readonly to: number } | null;
}

export interface OutputRef {
  readonly outputId: number;
}

/** An output next to another in its lineage. */
export interface GalleryRelative {
  readonly id: number;
  readonly kind: OutputKind;
  /** What the parent was to the child: 'a', 'b', 'c', 'parent', 'target', 'keyframe', 'source'. */
  readonly role: string;
  readonly thumbUrl: string;
  readonly trashed: boolean;
}

/** What other views can take up from an output: each null when it does not apply. */
export interface GalleryReuse {
  /** Open its latent in Explore, drawn by the model that made it. */
  readonly latent: {
    readonly source: LatentSource;
    readonly checkpointId: number | null;
    readonly truncation: number | null;
    readonly ema: boolean | null;
  } | null;
  /** Use the image as the source in Translate or Style (any still image). */
  readonly translateSource: { readonly outputId: number } | null;
  /** How a translation or styled photo was made, to make another the same way. */
  readonly translateSettings: { readonly checkpointId: number; readonly direction: Direction; readonly strength: number } | null;
  /** The run and checkpoint that made it, to open in Train. */
  readonly train: { readonly runId: number; readonly checkpointId: number | null } | null;
}

/** The large viewer's data. */
export interface GalleryDetail extends GalleryItem {
  /** Everything needed to make it again, as its tool recorded it. */
  readonly provenance: Readonly<Record<string, unknown>>;
  readonly notes: string;
  /** Tag names, alphabetical. */
  readonly tags: readonly string[];
  readonly collections: readonly { readonly id: number; readonly name: string }[];
  readonly parents: readonly GalleryRelative[];
  readonly children: readonly GalleryRelative[];
  readonly run: { readonly id: number; readonly name: string; readonly architecture: ModelKind } | null;
  readonly checkpoint: { readonly id: number; readonly step: number } | null;
  /** What it was made from, or else what its model was trained on. */
  readonly dataset: { readonly id: number; readonly name: string } | null;
  readonly reuse: GalleryReuse;
}

export interface OutputsRef {
  /** 1 to 100,000 outputs. */
  readonly outputIds: readonly number[];
}

export interface RateRequest extends OutputsRef {
  /** 0 (clears the rating) to 5. */
  readonly rating: number;
}

export interface FavouriteRequest extends OutputsRef {
  readonly favourite: boolean;
}

/** Tags are created on first use and forgotten when no output carries them any more. */
export interface TagRequest extends OutputsRef {
  readonly add?: readonly string[] | undefined;
  readonly remove?: readonly string[] | undefined;
}

export interface NoteRequest extends OutputRef {
  /** Replaces the notes (trimmed); '' clears them. At most 10,000 characters. */
  readonly notes: string;
}

/** How many outputs a curation call changed (outputs already so are not counted). */
export interface CurationResult {
  readonly changed: number;
}

export interface RenameTagRequest {
  readonly name: string;
  /** An existing tag's name merges the two. */
  readonly to: string;
}

export interface TagRef {
  readonly name: string;
}

/** Empties the trash, or only the trashed outputs named. */
export interface EmptyTrashRequest {
  readonly outputIds?: readonly number[] | undefined;
}

/** Outputs deleted for good, and the images nothing else uses any more, deleted with them. */
export interface EmptyTrashResult {
  readonly removed: number;
  readonly blobsRemoved: number;
  readonly bytesFreed: number;
}

/** A board: outputs in an order of its own. */
export interface GalleryCollection {
  readonly id: number;
  readonly name: string;
  /** Members not in the trash. */
  readonly count: number;
  /** The first member's thumbnail, or null for an empty board. */
  readonly coverUrl: string | null;
  readonly createdAt: number;
}

export interface CollectionRef {
  readonly collectionId: number;
}

export interface CreateCollectionRequest {
  readonly name: string;
}

export interface RenameCollectionRequest extends CollectionRef {
  readonly name: string;
}

export interface AddToCollectionRequest extends CollectionRef, OutputsRef {
  /** Place the new members, in the order given, before this member; at the end when absent. Members already there stay where they are. */
  readonly before?: number | undefined;
}

export interface RemoveFromCollectionRequest extends CollectionRef, OutputsRef {}

/** Drag and drop: the members named, in the order given, go before `before` (a member), or to the end when it is null. */
export interface MoveInCollectionRequest extends CollectionRef, OutputsRef {
  readonly before: number | null;
}

export interface LineageRequest extends OutputRef {
  /** Generations to follow each way; 3 by default, at most 20. */
  readonly depth?: number | undefined;
}

export interface LineageNode {
  readonly id: number;
  readonly kind: OutputKind;
  readonly thumbUrl: string;
  readonly createdAt: number;
  readonly trashed: boolean;
  /** Generations from the output asked about: negative for ancestors, positive for descendants, 0 for itself. */
  readonly generation: number;
}

export interface LineageEdge {
  readonly parentId: number;
  readonly childId: number;
  readonly role: string;
}

export interface Lineage {
  readonly outputId: number;
  readonly nodes: readonly LineageNode[];
  readonly edges: readonly LineageEdge[];
  /** True when the graph was cut at 1,000 nodes before reaching the depth asked for. */
  readonly truncated: boolean;
}

/**
 * A job the first time (every image is fingerprinted once, then remembered):
 * progress arrives as jobProgress events (kind `gallery-near-duplicates`).
 */
export interface NearDuplicatesRequest extends JobRequest {
  /** The near duplicates of this output only; the whole gallery when absent. */
  readonly outputId?: number | undefined;
  /**
   * How different two images may be and still count, as the RMS difference of
   * their brightness-normalised 16×16 grey thumbnails in standard deviations:
   * 0.12 by default (a re-saved or slightly retouched copy), 0 to 0.5.
   */
  readonly threshold?: number | undefined;
  /** Look in the trash too; false by default. */
  readonly includeTrashed?: boolean | undefined;
}

export interface NearDuplicateGroup {
  /** Two or more near-identical outputs; the one to keep first (favourite, most stars, then oldest). */
  readonly items: readonly GalleryItem[];
}

export interface NearDuplicatesReport {
  readonly groups: readonly NearDuplicateGroup[];
  /** Images compared. */
  readonly compared: number;
  /** Outputs that are not still images (a ZIP of frames), left out. */
  readonly skipped: number;
  readonly cancelled: boolean;
}

export interface GalleryApi {
  /** A window of the filtered, sorted list, with the list's length. */
  query(request: GalleryQueryRequest): Promise<GalleryPage>;
  /** Every id the query lists, in order (at most 100,000). */
  ids(request: GalleryIdsRequest): Promise<readonly number[]>;
  facets(): Promise<GalleryFacets>;
  get(request: OutputRef): Promise<GalleryDetail>;
  rate(request: RateRequest): Promise<CurationResult>;
  favourite(request: FavouriteRequest): Promise<CurationResult>;
  tag(request: TagRequest): Promise<CurationResult>;
  note(request: NoteRequest): Promise<CurationResult>;
  renameTag(request: RenameTagRequest): Promise<void>;
  deleteTag(request: TagRef): Promise<void>;
  trash(request: OutputsRef): Promise<CurationResult>;
  restore(request: OutputsRef): Promise<CurationResult>;
  emptyTrash(request: EmptyTrashRequest): Promise<EmptyTrashResult>;
  collections(): Promise<readonly GalleryCollection[]>;
  createCollection(request: CreateCollectionRequest): Promise<GalleryCollection>;
  renameCollection(request: RenameCollectionRequest): Promise<GalleryCollection>;
  /** The board goes; its outputs stay. */
  deleteCollection(request: CollectionRef): Promise<void>;
  addToCollection(request: AddToCollectionRequest): Promise<CurationResult>;
  removeFromCollection(request: RemoveFromCollectionRequest): Promise<CurationResult>;
  moveInCollection(request: MoveInCollectionRequest): Promise<void>;
  lineage(request: LineageRequest): Promise<Lineage>;
  nearDuplicates(request: NearDuplicatesRequest): Promise<NearDuplicatesReport>;
}
