import type { ExportFormat, ExportOptions, ExportSelection, SheetFormat, SheetReport, SpriteSheetReport } from '../../../../preload/contract';
import type { Studio } from '../api';
import { pathProblem, templateProblem, withExtension } from '../export-request';
import { GuardedWrite } from './export-guarded-write.svelte';

/** A sheet is one file: it is replaced or kept beside, never skipped. */
type SheetAnswer = 'overwrite' | 'keep-both';

/** Whole numbers in a range, or null (the backend's default) when left empty. */
function rangeProblem(value: number | null, name: string, min: number, max: number): string | null {
  if (value === null) return null;
  return Number.isInteger(value) && value >= min && value <= max ? null : `${name} must be a whole number from ${min} to ${max}.`;
}

function optional<K extends string>(key: K, value: number | null): { [P in K]?: number } {
  return (value === null ? {} : { [key]: value }) as { [P in K]?: number };
}

/**
 * The Contact sheet tab: the selection in one grid image, each cell captioned
 * by a template (or not at all), to proof a set at a glance or print it.
 */
export class ContactSheet {
  /** Null: as square as the count allows. */
  columns = $state<number | null>(null);
  cellSize = $state<number | null>(256);
  captioned = $state(true);
  captions = $state('{seed} · {run} · step {step}');
  format = $state<ExportFormat>('png');
  quality = $state<number | null>(null);
  path = $state('');
  readonly write: GuardedWrite<SheetReport, SheetAnswer>;

  readonly #studio: Studio;

  constructor(studio: Studio) {
    this.#studio = studio;
    this.write = new GuardedWrite(studio);
  }

  /** Keeps the path's extension in step with the format chosen. */
  chooseFormat(format: ExportFormat, options: ExportOptions | null): void {
    this.format = format;
    const extension = options?.formats.find((info) => info.format === format)?.extension.replace(/^\./, '');
    if (extension && this.path.trim() !== '') this.path = withExtension(this.path, extension);
  }

  problem(options: ExportOptions | null): string | null {
    if (!options) return 'Reading the export formats…';
    const fields = options.templateFields.map((entry) => entry.field);
    return (
      rangeProblem(this.columns, 'Columns', 1, 256) ??
      rangeProblem(this.cellSize, 'The cell size', 8, 4096) ??
      rangeProblem(this.quality, 'Quality', 1, 100) ??
      (this.captioned ? (this.captions.trim() === '' ? 'Type a caption template, or turn captions off.' : templateProblem(this.captions, fields)) : null) ??
      pathProblem('file', this.path)
    );
  }

  async start(selection: ExportSelection, options: ExportOptions): Promise<void> {
    if (this.problem(options) || this.write.busy) return;
    const lossy = options.formats.find((info) => info.format === this.format)?.lossy ?? false;
    const request = {
      selection,
      ...optional('columns', this.columns),
      ...optional('cellSize', this.cellSize),
      captions: this.captioned ? this.captions.trim() : null,
      format: this.format,
      ...optional('quality', lossy ? this.quality : null),
      path: this.path.trim(),
    };
    await this.write.start((conflict, jobId) => this.#studio.export.contactSheet({ ...request, conflict, jobId }), ['overwrite', 'keep-both']);
  }
}

/**
 * The Sprite sheet tab: the selection packed in one image with a JSON atlas
 * beside it (TexturePacker's JSON Hash), for game engines and the web.
 */
export class SpriteSheet {
  columns = $state<number | null>(null);
  /** Null: the largest image's longer side. */
  cellSize = $state<number | null>(null);
  padding = $state<number | null>(0);
  template = $state('');
  format = $state<SheetFormat>('png');
  path = $state('');
  readonly write: GuardedWrite<SpriteSheetReport, SheetAnswer>;

  readonly #studio: Studio;

  constructor(studio: Studio) {
    this.#studio = studio;
    this.write = new GuardedWrite(studio);
  }

  chooseFormat(format: SheetFormat): void {
    this.format = format;
    if (this.path.trim() !== '') this.path = withExtension(this.path, format);
  }

  /** Where the atlas will go: the sheet's name with .json. */
  get atlasPath(): string | null {
    return this.path.trim() === '' ? null : withExtension(this.path, 'json');
  }

  problem(options: ExportOptions | null): string | null {
    if (!options) return 'Reading the export formats…';
    const fields = options.templateFields.map((entry) => entry.field);
    return (
      rangeProblem(this.columns, 'Columns', 1, 256) ??
      rangeProblem(this.cellSize, 'The frame size', 8, 4096) ??
      rangeProblem(this.padding, 'Padding', 0, 256) ??
      templateProblem(this.template, fields) ??
      pathProblem('file', this.path)
    );
  }

  async start(selection: ExportSelection, options: ExportOptions): Promise<void> {
    if (this.problem(options) || this.write.busy) return;
    const template = this.template.trim();
    const request = {
      selection,
      ...optional('columns', this.columns),
      ...optional('cellSize', this.cellSize),
      ...optional('padding', this.padding),
      ...(template === '' ? {} : { template }),
      format: this.format,
      path: this.path.trim(),
    };
    await this.write.start((conflict, jobId) => this.#studio.export.spriteSheet({ ...request, conflict, jobId }), ['overwrite', 'keep-both']);
  }
}
