/**
 * The one contract between the renderer and the main process.
 *
 * Main implements `StudioApi`, the preload and the serve-mode client expose it
 * as a `StudioBridge`, and the renderer consumes it through `lib/api.ts`. The
 * argument schemas below are checked against the interface by the compiler, so
 * a method cannot be added to one without the other.
 *
 * Namespaces appear here as their methods are built: system and library now;
 * datasets, training, latent, translate, gallery and export with their issues.
 */
import { z } from 'zod';

// ---------------------------------------------------------------- DTOs

/** The compute backends the engine tries, fastest first. */
export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

export interface BackendProbe {
  readonly name: BackendName;
  /** The npm package that provides it. */
  readonly packageName: string;
  readonly loaded: boolean;
  /** What loaded (version, features) or why it did not. */
  readonly detail: string;
  /** What the user can do about it; null when nothing is needed. */
  readonly hint: string | null;
}

export interface BackendReport {
  /** The first backend that loaded: the one the engine computes on. */
  readonly active: BackendName | null;
  readonly tfjsVersion: string;
  readonly probes: readonly BackendProbe[];
}

export interface ProjectSummary {
  readonly name: string;
  readonly path: string;
}

export type StudioMode = 'electron' | 'serve' | 'cli';

export interface SystemInfo {
  readonly appVersion: string;
  readonly mode: StudioMode;
  readonly versions: {
    readonly node: string;
    readonly electron: string | null;
    readonly v8: string;
    /** Null, like `backend`, until the engine has reported. */
    readonly tfjs: string | null;
  };
  /** Null while the engine is still probing backends. */
  readonly backend: BackendName | null;
  readonly project: ProjectSummary | null;
}

export interface DoctorReport {
  readonly runtime: {
    readonly node: string;
    readonly electron: string | null;
    readonly v8: string;
    readonly platform: string;
    readonly arch: string;
    readonly osRelease: string;
  };
  readonly cpu: {
    readonly model: string;
    readonly logicalCores: number;
    readonly memoryTotalBytes: number;
    readonly memoryFreeBytes: number;
  };
  readonly backends: BackendReport;
  readonly project: ProjectSummary | null;
}

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobProgress {
  readonly jobId: string;
  /** What kind of work, e.g. `backend-probe`; the UI picks icons by it. */
  readonly kind: string;
  readonly title: string;
  readonly state: JobState;
  readonly completed: number;
  readonly total: number;
  /** Seconds left at the current rate; null until there is a rate. */
  readonly etaSeconds: number | null;
  /** The step under way, or the reason for a failure. */
  readonly message: string;
}

// ---------------------------------------------------------------- datasets

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

// ---------------------------------------------------------------- errors

export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'UNKNOWN_METHOD'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'NOT_A_PROJECT'
  | 'INCOMPATIBLE'
  | 'CANCELLED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNAVAILABLE'
  | 'INTERNAL';

export interface StudioErrorInfo {
  readonly code: ErrorCode;
  readonly message: string;
}

/**
 * An error a person should read as it is. Main throws it from services; the
 * renderer and the CLI rebuild it from a failed envelope, code intact.
 */
export class StudioError extends Error {
  override readonly name = 'StudioError';
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** Every call, over every transport, settles to one of these. */
export type Envelope<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: StudioErrorInfo };

// ---------------------------------------------------------------- the API

export interface OpenProjectRequest {
  /** The project folder. */
  readonly path: string;
}

export interface CreateProjectRequest {
  /** A folder that does not exist yet, or is empty. */
  readonly path: string;
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

export interface GarbageReport {
  readonly removed: number;
  readonly bytesFreed: number;
}

export interface StudioApi {
  readonly system: {
    info(): Promise<SystemInfo>;
    doctor(): Promise<DoctorReport>;
    /** Asks a running job to stop; false when it is no longer running. */
    cancelJob(request: { readonly jobId: string }): Promise<boolean>;
  };
  readonly library: {
    open(request: OpenProjectRequest): Promise<ProjectSummary>;
    create(request: CreateProjectRequest): Promise<ProjectSummary>;
    /** Deletes stored images that nothing refers to any more. */
    collectGarbage(): Promise<GarbageReport>;
  };
  readonly datasets: {
    create(request: CreateDatasetRequest): Promise<DatasetSummary>;
    list(): Promise<readonly DatasetSummary[]>;
    get(request: DatasetRef): Promise<DatasetDetail>;
    /** Items in import order (ascending id), one page at a time. */
    items(request: ItemsRequest): Promise<ItemsPage>;
    delete(request: DatasetRef): Promise<void>;
    /** A job: progress arrives as jobProgress events (kind `import`); cancel with system.cancelJob. */
    import(request: ImportRequest): Promise<ImportReport>;
    /** One cache for an image set; one per domain (A, B) for paired and unpaired sets. */
    prepare(request: PrepareRequest): Promise<readonly PreparedCache[]>;
    makePairs(request: MakePairsRequest): Promise<DatasetSummary>;
    checkPair(request: CheckPairRequest): Promise<PairCheck>;
  };
}

/** Events the main process pushes to every connected renderer. */
export interface StudioEvents {
  jobProgress: JobProgress;
  projectChanged: ProjectSummary;
}

export type EventName = keyof StudioEvents;
export const eventNames = ['jobProgress', 'projectChanged'] as const satisfies readonly EventName[];

// ---------------------------------------------------------------- schemas

const projectPath = z
  .string({ error: 'must be a folder path' })
  .trim()
  .min(1, 'must not be empty')
  .max(4096, 'is longer than 4096 characters')
  .refine((value) => !value.includes('\0'), 'must not contain NUL characters');

type ArgumentSchemas<Api> = {
  readonly [N in keyof Api]: {
    readonly [M in keyof Api[N]]: Api[N][M] extends (...args: infer A) => unknown
      ? z.ZodType<A, unknown>
      : never;
  };
};

const datasetName = z
  .string({ error: 'must be a dataset name' })
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'is longer than 200 characters')
  .refine((value) => !/[\u0000-\u001f]/.test(value), 'must not contain control characters');
const datasetKind = z.enum(['images', 'paired', 'unpaired'], { error: 'must be images, paired or unpaired' });
const threshold = z.number().min(0, 'must be from 0 to 1').max(1, 'must be from 0 to 1');
const jobId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'must be 8–64 letters, digits or dashes').optional();

/** A schema for the argument list of every method: the dispatcher's gate. */
export const argumentSchemas = {
  system: {
    info: z.tuple([]),
    doctor: z.tuple([]),
    cancelJob: z.tuple([z.strictObject({ jobId: z.string().min(1).max(100) })]),
  },
  library: {
    open: z.tuple([z.strictObject({ path: projectPath })]),
    create: z.tuple([z.strictObject({ path: projectPath })]),
    collectGarbage: z.tuple([]),
  },
  datasets: {
    create: z.tuple([z.strictObject({ name: datasetName, kind: datasetKind, notes: z.string().max(10_000).optional() })]),
    list: z.tuple([]),
    get: z.tuple([z.strictObject({ dataset: datasetName })]),
    items: z.tuple([
      z.strictObject({
        dataset: datasetName,
        offset: z.int().min(0, 'must be 0 or more'),
        limit: z.int().min(1, 'must be at least 1').max(1000, 'must be at most 1000'),
        classLabel: z.string().max(200).nullable().optional(),
        domain: z.enum(['A', 'B']).optional(),
      }),
    ]),
    delete: z.tuple([z.strictObject({ dataset: datasetName })]),
    import: z.tuple([
      z.strictObject({
        dataset: datasetName,
        paths: z.array(projectPath).min(1, 'must name at least one file or folder').max(10_000),
        kind: datasetKind.optional(),
        pairing: z.enum(['side-by-side', 'matched-folders']).optional(),
        jobId,
      }),
    ]),
    prepare: z.tuple([
      z.strictObject({
        dataset: datasetName,
        resolution: z.int().min(8, 'must be at least 8').max(1024, 'must be at most 1024'),
        crop: z.enum(['center', 'random', 'pad']).optional(),
        mirror: z.boolean().optional(),
        channels: z.union([z.literal(1), z.literal(3)]).optional(),
        jobId,
      }),
    ]),
    makePairs: z.tuple([
      z.strictObject({
        dataset: datasetName,
        into: datasetName,
        method: z.enum(['line-drawing', 'greyscale']),
        lowThreshold: threshold.optional(),
        highThreshold: threshold.optional(),
        blurSigma: z.number().min(0).max(10).optional(),
        jobId,
      }),
    ]),
    checkPair: z.tuple([z.strictObject({ dataset: datasetName, pairKey: z.string().min(1).max(4096) })]),
  },
} as const satisfies ArgumentSchemas<StudioApi>;

// ---------------------------------------------------------------- names

export type Namespace = keyof StudioApi;
export type MethodName = {
  [N in Namespace]: `${N}.${Extract<keyof StudioApi[N], string>}`;
}[Namespace];

/** Every method as `namespace.method`, in contract order. */
export const methodNames: readonly MethodName[] = Object.entries(argumentSchemas).flatMap(
  ([namespace, methods]) => Object.keys(methods).map((method) => `${namespace}.${method}` as MethodName),
);

// ---------------------------------------------------------------- bridges

export type Unsubscribe = () => void;

type EventSubscriber<E extends EventName> = `on${Capitalize<E>}`;

/** `onJobProgress(cb)` and its siblings: one per pushed event. */
export type EventSubscriptions = {
  readonly [E in EventName as EventSubscriber<E>]: (listener: (payload: StudioEvents[E]) => void) => Unsubscribe;
};

export function subscriberName<E extends EventName>(event: E): EventSubscriber<E> {
  return `on${event.charAt(0).toUpperCase()}${event.slice(1)}` as EventSubscriber<E>;
}

/**
 * What a transport hands the renderer: the same methods, settling to
 * envelopes (errors cannot cross contextBridge with their codes intact).
 */
export type StudioBridge = {
  readonly [N in Namespace]: {
    readonly [M in keyof StudioApi[N]]: StudioApi[N][M] extends (...args: infer A) => Promise<infer R>
      ? (...args: A) => Promise<Envelope<R>>
      : never;
  };
} & EventSubscriptions & {
  /**
   * Under Electron only: the path on disk of a dropped or picked file or
   * folder. A browser cannot know it, so serve mode uploads files instead
   * (see uploadPath).
   */
  readonly localPathOf?: (file: File) => string;
};

/**
 * Serve mode's upload route: POST the raw bytes of one file to
 * `/upload/<batch>/<relative path>`; the answer is an envelope whose value is
 * `{ folder }`, the absolute path of the batch's staging folder, to import from.
 */
export const uploadRoute = {
  prefix: '/upload/',
  /** A batch id: letters, digits and dashes, made by the client (e.g. crypto.randomUUID()). */
  batchPattern: /^[A-Za-z0-9-]{8,64}$/,
  maxFileBytes: 512 * 1024 * 1024,
} as const;

/** The IPC channels the preload and main/shell agree on. */
export const ipcChannels = {
  call: 'studio:call',
  event: 'studio:event',
} as const;
