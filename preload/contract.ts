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

// ---------------------------------------------------------------- errors

export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'UNKNOWN_METHOD'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'NOT_A_PROJECT'
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

export interface StudioApi {
  readonly system: {
    info(): Promise<SystemInfo>;
    doctor(): Promise<DoctorReport>;
  };
  readonly library: {
    open(request: OpenProjectRequest): Promise<ProjectSummary>;
    create(request: CreateProjectRequest): Promise<ProjectSummary>;
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

/** A schema for the argument list of every method: the dispatcher's gate. */
export const argumentSchemas = {
  system: {
    info: z.tuple([]),
    doctor: z.tuple([]),
  },
  library: {
    open: z.tuple([z.strictObject({ path: projectPath })]),
    create: z.tuple([z.strictObject({ path: projectPath })]),
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
} & EventSubscriptions;

/** The IPC channels the preload and main/shell agree on. */
export const ipcChannels = {
  call: 'studio:call',
  event: 'studio:event',
} as const;
