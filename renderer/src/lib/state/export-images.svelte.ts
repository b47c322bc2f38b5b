import type { ExportFit, ExportFormat, ExportOptions, ExportReport, ExportSelection, PlannedFile } from '../../../../preload/contract';
import type { Studio } from '../api';
import { imagesDraftProblem, imagesRequest, pathProblem, templateProblem, type DestinationKind, type ImageExportDraft, type SizeChoice } from '../export-request';
import { GuardedWrite } from './export-guarded-write.svelte';

/** How many names the live preview shows. */
export const previewedNames = 5;

/** A preview of the names, as the backend plans them. */
export interface NamePreview {
  readonly files: readonly PlannedFile[];
  /** More files than shown. */
  readonly more: number;
}

/**
 * The Images tab: the selection as files in a folder or one ZIP, in a format,
 * at a size, named by a template. The names are previewed by the backend's
 * own planner (what it would write, and which exist already); the write is a
 * job that asks before anything existing is replaced.
 */
export class ExportImages implements ImageExportDraft {
  format = $state<ExportFormat>('png');
  quality = $state<number | null>(null);
  size = $state<SizeChoice>('original');
  customWidth = $state<number | null>(null);
  customHeight = $state<number | null>(null);
  fit = $state<ExportFit>('cover');
  template = $state('');
  destinationKind = $state<DestinationKind>('folder');
  destinationPath = $state('');

  preview = $state.raw<NamePreview | null>(null);
  previewError = $state<string | null>(null);
  readonly write: GuardedWrite<ExportReport>;

  readonly #studio: Studio;
  /** Only the newest preview is shown: older answers arriving late are dropped. */
  #previewTicket = 0;

  constructor(studio: Studio) {
    this.#studio = studio;
    this.write = new GuardedWrite(studio);
  }

  get draft(): ImageExportDraft {
    const { format, quality, size, customWidth, customHeight, fit, template, destinationKind, destinationPath } = this;
    return { format, quality, size, customWidth, customHeight, fit, template, destinationKind, destinationPath };
  }

  /** Why the export cannot start, or null. */
  problem(options: ExportOptions | null): string | null {
    if (!options) return 'Reading the export formats…';
    return imagesDraftProblem(this.draft, fieldsOf(options));
  }

  /**
   * Asks the backend's planner for the names: the whole selection, since
   * {index} is padded to its count and {collection} needs the collection.
   * Without a destination yet the names are planned as a ZIP's entries,
   * which are the same names without a folder: a ZIP inside the open project,
   * the one place serve mode always lets a path lead.
   */
  async refreshPreview(selection: ExportSelection | null, options: ExportOptions | null): Promise<void> {
    const ticket = ++this.#previewTicket;
    const draft = this.draft;
    const problem = options ? templateProblem(draft.template, fieldsOf(options)) : null;
    if (!selection || !options || problem) {
      this.preview = null;
      this.previewError = problem;
      return;
    }
    try {
      const named = pathProblem(draft.destinationKind, draft.destinationPath) === null ? draft : { ...draft, destinationKind: 'zip' as const, destinationPath: await this.#placeholderZip() };
      const plan = await this.#studio.export.plan(imagesRequest(selection, named, options.formats));
      if (ticket !== this.#previewTicket) return;
      this.preview = { files: plan.files.slice(0, previewedNames), more: Math.max(0, plan.files.length - previewedNames) };
      this.previewError = null;
    } catch (error) {
      if (ticket !== this.#previewTicket) return;
      this.preview = null;
      this.previewError = (error as Error).message;
    }
  }

  async #placeholderZip(): Promise<string> {
    const project = (await this.#studio.system.info()).project;
    if (!project) throw new Error('Open a project to export from');
    return `${project.path}/names.zip`;
  }

  /** Writes the images; when files are in the way the person is asked first. */
  async start(selection: ExportSelection, options: ExportOptions): Promise<void> {
    if (this.problem(options) || this.write.busy) return;
    const draft = this.draft;
    await this.write.start(
      (conflict, jobId) => this.#studio.export.images({ ...imagesRequest(selection, draft, options.formats, conflict), jobId }),
      ['overwrite', 'keep-both', 'skip'],
      async () => (await this.#studio.export.plan(imagesRequest(selection, draft, options.formats))).conflicts,
    );
  }
}

function fieldsOf(options: ExportOptions) {
  return options.templateFields.map((entry) => entry.field);
}
