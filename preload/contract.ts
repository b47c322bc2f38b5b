/**
 * The one contract between the renderer and the main process.
 *
 * Main implements `StudioApi`, the preload and the serve-mode client expose it
 * as a `StudioBridge`, and the renderer consumes it through `lib/api.ts`. The
 * DTOs live beside it in contract/, one file per namespace; the argument
 * schemas in contract/schemas.ts are checked against this interface by the
 * compiler, so a method cannot be added to one without the other.
 *
 * Namespaces appear here as their methods are built.
 */
import { argumentSchemas } from './contract/schemas';
import type {
  CheckPairRequest,
  CreateDatasetRequest,
  DatasetDetail,
  DatasetRef,
  DatasetSummary,
  ImportReport,
  ImportRequest,
  ItemsPage,
  ItemsRequest,
  MakePairsRequest,
  PairCheck,
  PreparedCache,
  PrepareRequest,
} from './contract/datasets';
import type { Envelope } from './contract/errors';
import type { ExportApi } from './contract/export';
import type { GalleryApi } from './contract/gallery';
import type {
  AnimationFormatInfo,
  AnimationResult,
  ExploreModel,
  InterpolateRequest,
  LatentImage,
  MixRequest,
  PreviewImages,
  PreviewRequest,
  ProjectionResult,
  ProjectRequest,
  RenameLatentRequest,
  SampleRequest,
  SavedLatent,
  SavedLatentRef,
  SaveLatentRequest,
} from './contract/latent';
import type { ModelsApi } from './contract/models';
import type {
  BackendName,
  BackendReport,
  CreateProjectRequest,
  DoctorReport,
  GarbageReport,
  JobProgress,
  Notice,
  OpenProjectRequest,
  ProjectSummary,
  SystemInfo,
} from './contract/system';
import type {
  CompareStylesRequest,
  PreviewTranslationRequest,
  TranslateBatchReport,
  TranslateBatchRequest,
  TranslateImageRequest,
  TranslateModel,
  TranslationPreview,
  TranslationResult,
} from './contract/translate';
import type {
  EstimateRequest,
  MetricSeries,
  MetricsRequest,
  PresetEstimate,
  ResumeRequest,
  RunDetail,
  RunRef,
  RunSummary,
  StartTrainingRequest,
  TrainingProgress,
} from './contract/training';

export type * from './contract/datasets';
export type * from './contract/export';
export type * from './contract/gallery';
export type * from './contract/latent';
export type * from './contract/models';
export type * from './contract/system';
export type * from './contract/training';
export type * from './contract/translate';
export { StudioError } from './contract/errors';
export type { Envelope, ErrorCode, StudioErrorInfo } from './contract/errors';
export { argumentSchemas } from './contract/schemas';

// ---------------------------------------------------------------- the API

export interface StudioApi {
  readonly system: {
    info(): Promise<SystemInfo>;
    doctor(): Promise<DoctorReport>;
    /** Asks a running job to stop; false when it is no longer running. */
    cancelJob(request: { readonly jobId: string }): Promise<boolean>;
    /** Computes on this backend from now on (remembered in the app's settings); null picks the fastest that loads. */
    setBackend(request: { readonly backend: BackendName | null }): Promise<BackendReport>;
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
  readonly training: {
    /** Queues a run and returns at once; progress arrives as trainingProgress events. */
    start(request: StartTrainingRequest): Promise<RunSummary>;
    /** Stops after the step under way with a checkpoint; resume continues exactly from there. */
    pause(request: RunRef): Promise<RunSummary>;
    resume(request: ResumeRequest): Promise<RunSummary>;
    /** Ends a run for good (its checkpoints stay). */
    stop(request: RunRef): Promise<RunSummary>;
    list(): Promise<readonly RunSummary[]>;
    get(request: RunRef): Promise<RunDetail>;
    metrics(request: MetricsRequest): Promise<readonly MetricSeries[]>;
    /** Each preset's steps and a time estimate from a few steps timed on the active backend. */
    estimate(request: EstimateRequest): Promise<readonly PresetEstimate[]>;
  };
  readonly latent: {
    /** Every checkpoint of every run, newest first, with what Explore needs to know of its model. */
    models(): Promise<readonly ExploreModel[]>;
    /** A grid by seed, stored in the gallery. */
    sample(request: SampleRequest): Promise<readonly LatentImage[]>;
    /** Images of points in the latent space for live previews; nothing is stored. */
    preview(request: PreviewRequest): Promise<PreviewImages>;
    /** The animation formats this machine can write, and why any cannot. */
    formats(): Promise<readonly AnimationFormatInfo[]>;
    /** Renders a path through the latent space as an animation (a job), stored in the gallery. */
    interpolate(request: InterpolateRequest): Promise<AnimationResult>;
    /** Latent arithmetic, crossover or mutation; the children are stored with their parents as lineage. */
    mix(request: MixRequest): Promise<readonly LatentImage[]>;
    /** Finds the latent that best reproduces an image (a job); the result is stored like any sample. */
    project(request: ProjectRequest): Promise<ProjectionResult>;
    save(request: SaveLatentRequest): Promise<SavedLatent>;
    saved(): Promise<readonly SavedLatent[]>;
    rename(request: RenameLatentRequest): Promise<SavedLatent>;
    forget(request: SavedLatentRef): Promise<void>;
  };
  readonly translate: {
    /** Every checkpoint of every pix2pix and CycleGAN run, newest first. */
    models(): Promise<readonly TranslateModel[]>;
    /** Translates one image (a job) and stores the result, with its source as its parent. */
    image(request: TranslateImageRequest): Promise<TranslationResult>;
    /** A drawing translated at once, for live previews; nothing is stored. */
    preview(request: PreviewTranslationRequest): Promise<TranslationPreview>;
    /** Every image of a folder or a dataset (a job); one that fails is reported by name and the rest go on. */
    batch(request: TranslateBatchRequest): Promise<TranslateBatchReport>;
    /** One photo through several styles (a job), each result stored. */
    compare(request: CompareStylesRequest): Promise<readonly TranslationResult[]>;
  };
  /** Every output the studio made: browse, filter, curate (contract/gallery.ts). */
  readonly gallery: GalleryApi;
  /** Finished assets out of the studio, with their provenance inside (contract/export.ts). */
  readonly export: ExportApi;
  /** Trained generators as self-contained TF.js bundles, out of and into projects (contract/models.ts). */
  readonly models: ModelsApi;
}

/** Events the main process pushes to every connected renderer. */
export interface StudioEvents {
  jobProgress: JobProgress;
  projectChanged: ProjectSummary;
  trainingProgress: TrainingProgress;
  notice: Notice;
}

export type EventName = keyof StudioEvents;
export const eventNames = ['jobProgress', 'projectChanged', 'trainingProgress', 'notice'] as const satisfies readonly EventName[];

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
