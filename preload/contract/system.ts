/** The system and library namespaces' DTOs: machine facts, projects, jobs. */

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
  /** The backend the user chose in settings or with --backend; null: the fastest that loads. */
  readonly forcedBackend: BackendName | null;
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

/**
 * Something a person should know that is not an error: the work went on, in
 * a way they did not ask for (a damaged checkpoint replaced by an earlier one).
 */
export interface Notice {
  readonly level: 'info' | 'warning';
  readonly message: string;
}

export interface OpenProjectRequest {
  /** The project folder. */
  readonly path: string;
}

export interface CreateProjectRequest {
  /** A folder that does not exist yet, or is empty. */
  readonly path: string;
}

export interface GarbageReport {
  readonly removed: number;
  readonly bytesFreed: number;
}
