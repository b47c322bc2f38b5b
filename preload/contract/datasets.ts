/** The datasets namespace's DTOs and requests. */

export type DatasetKind = 'images' | 'paired' | 'unpaired';
export type Domain = 'A' | 'B';

export interface DatasetSummary {
  readonly id: number;
  readonly name: string;
  readonly kind: DatasetKind;
  readonly notes: string;
  /** Bumped by every change to the items; prepared caches remember the one they were built from. */
  readonly revision: number;
  readonly itemCount: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** A thumbnail of the first item, or null for an empty dataset. */
  readonly coverUrl: string | null;
}

export interface PreparedCache {
  /** Paired and unpaired datasets prepare each domain on its own, pairs in the same order. */
  readonly domain: Domain | null;
  readonly resolution: number;
  readonly crop: CropMode;
  readonly mirror: boolean;
  readonly channels: 1 | 3;
  readonly count: number;
  readonly sizeBytes: number;
  readonly path: string;
  /** False when the dataset changed after it was built. */
  readonly current: boolean;
}

export interface DatasetDetail extends DatasetSummary {
  /** Items per class label, most frequent first; unlabelled items under null. */
  readonly classCounts: readonly { readonly label: string | null; readonly count: number }[];
  readonly domainCounts: { readonly A: number; readonly B: number };
  /** Pair keys with both an A and a B image. */
  readonly pairCount: number;
  readonly nearDuplicateCount: number;
  readonly prepared: readonly PreparedCache[];
  /** The problems of the latest import, first 500. */
  readonly problems: readonly ImportProblem[];
}

export interface DatasetItem {
  readonly id: number;
  readonly blobHash: string;
  readonly originalName: string;
  readonly width: number;
  readonly height: number;
  readonly classLabel: string | null;
  readonly domain: Domain | null;
  readonly pairKey: string | null;
  /** The earlier item this one nearly duplicates (perceptual hash), if any. */
  readonly nearDuplicateOf: number | null;
  readonly createdAt: number;
  readonly thumbnailUrl: string;
  readonly imageUrl: string;
}

export interface ItemsPage {
  readonly items: readonly DatasetItem[];
  readonly total: number;
  readonly offset: number;
}

export type ImportProblemKind =
  | 'empty'
  | 'truncated'
  | 'corrupt'
  | 'not-an-image'
  | 'unsupported'
  | 'too-large'
  | 'unreadable'
  | 'symlink-loop'
  | 'unmatched';

export interface ImportProblem {
  /** The file, as the user named it (inside a zip: archive.zip/entry). */
  readonly source: string;
  readonly kind: ImportProblemKind;
  /** A sentence naming the file and what is wrong with it. */
  readonly message: string;
}

export interface ImportReport {
  readonly importId: number;
  readonly dataset: DatasetSummary;
  /** True when this run picked up an earlier, unfinished import of the same files. */
  readonly resumed: boolean;
  readonly cancelled: boolean;
  readonly imported: number;
  /** Exact duplicates: skipped. */
  readonly duplicates: number;
  /** Imported, but flagged as nearly the same as an earlier item. */
  readonly nearDuplicates: number;
  /** Files an earlier, interrupted run had already handled. */
  readonly alreadyDone: number;
  readonly problems: readonly ImportProblem[];
  readonly seconds: number;
}

export type CropMode = 'center' | 'random' | 'pad';
export type PairMethod = 'line-drawing' | 'greyscale';

export interface PairCheck {
  readonly pairKey: string;
  readonly a: DatasetItem;
  readonly b: DatasetItem;
  readonly aligned: boolean;
  /** 0..1: how well A's edges match B's at the best shift. */
  readonly alignment: number;
  readonly bestShift: { readonly dx: number; readonly dy: number };
  readonly sameSize: boolean;
  /** A's edges drawn over B, as a data: URL. */
  readonly overlayUrl: string;
}

export interface DatasetRef {
  /** The dataset's name (names are unique in a project, ignoring case). */
  readonly dataset: string;
}

export interface CreateDatasetRequest {
  readonly name: string;
  readonly kind: DatasetKind;
  readonly notes?: string | undefined;
}

/** Long calls run as jobs; a caller that names the job can follow its progress and cancel it from the start. */
export interface JobRequest {
  /** 8–64 letters, digits or dashes (crypto.randomUUID() fits); one is made up when absent. */
  readonly jobId?: string | undefined;
}

export interface ImportRequest extends DatasetRef, JobRequest {
  /** Files, folders (recursive; subfolders name classes), zip archives and MNIST-style IDX image files. */
  readonly paths: readonly string[];
  /** Needed when the dataset does not exist yet: it is then created with this kind. */
  readonly kind?: DatasetKind | undefined;
  /**
   * Paired datasets only: `side-by-side` splits each image into A (left half)
   * and B (right half); `matched-folders` takes paths[0] as A and paths[1] as
   * B and pairs files by name. Default: side-by-side for one path, else matched-folders.
   */
  readonly pairing?: 'side-by-side' | 'matched-folders' | undefined;
}

export interface ItemsRequest extends DatasetRef {
  readonly offset: number;
  readonly limit: number;
  /** Only this class (null: only unlabelled items). */
  readonly classLabel?: string | null | undefined;
  readonly domain?: Domain | undefined;
}

export interface PrepareRequest extends DatasetRef, JobRequest {
  readonly resolution: number;
  readonly crop?: CropMode | undefined;
  readonly mirror?: boolean | undefined;
  readonly channels?: 1 | 3 | undefined;
}

export interface MakePairsRequest extends DatasetRef, JobRequest {
  /** The name of the new paired dataset: A is the drawing (or greyscale), B the original. */
  readonly into: string;
  readonly method: PairMethod;
  /** Line drawings only: edge thresholds, 0..1 of the strongest edge. */
  readonly lowThreshold?: number | undefined;
  readonly highThreshold?: number | undefined;
  readonly blurSigma?: number | undefined;
}

export interface CheckPairRequest extends DatasetRef {
  readonly pairKey: string;
}
