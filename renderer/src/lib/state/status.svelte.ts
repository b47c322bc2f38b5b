import type { JobProgress, Notice, SystemInfo } from '../../../../preload/contract';
import type { StudioConnection } from '../api';

/** How long a finished job stays in the status bar. */
const finishedJobLingerMs = 4000;
/** A notice (a damaged checkpoint replaced, say) stays until dismissed or this long: long enough to read twice. */
const noticeLingerMs = 20_000;

/**
 * What the status bar shows: the open project, the compute backend, jobs in
 * flight and, in serve mode, whether the event socket is up. Kept current by
 * pushed events; the system info is fetched again when something changes it.
 */
export class StudioStatus {
  info = $state<SystemInfo | null>(null);
  jobs = $state<JobProgress[]>([]);
  /** Null under Electron, where there is no socket to lose. */
  connected = $state<boolean | null>(null);
  error = $state<string | null>(null);
  notice = $state<Notice | null>(null);
  #noticeTimer: ReturnType<typeof setTimeout> | null = null;

  readonly #connection: StudioConnection;

  constructor(connection: StudioConnection) {
    this.#connection = connection;
    const { studio } = connection;
    studio.onJobProgress((job) => this.#track(job));
    studio.onProjectChanged(() => void this.refresh());
    studio.onNotice((notice) => this.#show(notice));
    connection.onConnectionChange((connected) => {
      this.connected = connected;
      if (connected) void this.refresh();
    });
    void this.refresh();
  }

  async refresh(): Promise<void> {
    try {
      this.info = await this.#connection.studio.system.info();
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  dismissNotice(): void {
    this.notice = null;
    if (this.#noticeTimer) clearTimeout(this.#noticeTimer);
    this.#noticeTimer = null;
  }

  #show(notice: Notice): void {
    this.dismissNotice();
    this.notice = notice;
    this.#noticeTimer = setTimeout(() => this.dismissNotice(), noticeLingerMs);
  }

  #track(job: JobProgress): void {
    this.jobs = [...this.jobs.filter((known) => known.jobId !== job.jobId), job];
    if (job.state === 'running') return;
    void this.refresh(); // A finished job (a backend probe, say) may have changed what info reports.
    setTimeout(() => (this.jobs = this.jobs.filter((known) => known.jobId !== job.jobId)), finishedJobLingerMs);
  }
}
