/**
 * The export namespace's DTOs: finished images out of the studio — a
 * selection or a collection to a folder or a ZIP in PNG, JPEG, WebP, AVIF or
 * TIFF, at a preset or custom size, named by a template; contact sheets and
 * sprite sheets with a JSON atlas. Every exported image carries its
 * provenance (XMP, or EXIF where XMP cannot go), and `recall` reads it back:
 * dropping an exported image on the studio restores its settings and latent.
 */
import type { JobRequest } from './datasets';
import type { LatentSource } from './latent';

export type ExportFormat = 'png' | 'jpeg' | 'webp' | 'avif' | 'tiff';
export type SheetFormat = 'png' | 'webp';

/** What to export: outputs by id (in the order given), or a collection's members in its order. */
export type ExportSelection = { readonly outputIds: readonly number[] } | { readonly collectionId: number };

/**
 * How a custom size meets the image: `inside` keeps the aspect within the box
 * (the default when only width is given: that width, the height by aspect),
 * `cover` fills the box and crops the overflow (the default when both are
 * given), `contain` fits and pads (transparent, or white in JPEG), `fill` stretches.
 */
export type ExportFit = 'inside' | 'cover' | 'contain' | 'fill';

/** Long edge 512…4096 px (aspect kept), or a social-media frame (cropped to fill). */
export type SizePreset = 'long-512' | 'long-1024' | 'long-2048' | 'long-4096' | 'instagram-square' | 'instagram-portrait' | 'instagram-story';

export interface CustomSize {
  readonly width: number;
  readonly height?: number | undefined;
  readonly fit?: ExportFit | undefined;
}

/** Images are resized with lanczos3, up as well as down: most GAN outputs are small. */
export type ExportSize = 'original' | SizePreset | CustomSize;

/**
 * When a file to write exists already. `ask` (the default) writes nothing and
 * fails with ALREADY_EXISTS listing the files, so the UI can ask and call
 * again with one of the others; `keep-both` writes "name-2.png".
 */
export type ConflictPolicy = 'ask' | 'overwrite' | 'keep-both' | 'skip';

/** The fields a file-name or caption template can use, as {field}. */
export type TemplateField = 'name' | 'id' | 'index' | 'collection' | 'tool' | 'seed' | 'class' | 'truncation' | 'checkpoint' | 'step' | 'run' | 'rating' | 'date' | 'time';

export type ExportDestination =
  /** A folder, made if missing. */
  | { readonly folder: string }
  /** A .zip file holding every image (written whole, or not at all). */
  | { readonly zip: string };

export interface ExportImagesRequest extends JobRequest {
  readonly selection: ExportSelection;
  readonly format: ExportFormat;
  /** 1–100; defaults to the format's own (JPEG and WebP 90, AVIF 60). Ignored by PNG and TIFF (lossless). */
  readonly quality?: number | undefined;
  /** Defaults to `original`. */
  readonly size?: ExportSize | undefined;
  /**
   * The file name without its extension, e.g. "{collection}-{seed}-{index}".
   * Defaults to "{name}". Unsafe characters are replaced; names that come out
   * the same are numbered. An unknown {field} is refused, naming it.
   */
  readonly template?: string | undefined;
  readonly destination: ExportDestination;
  readonly conflict?: ConflictPolicy | undefined;
}

/** A planned file: where an output would go, and whether something is there already. */
export interface PlannedFile {
  readonly outputId: number;
  /** Absolute path in a folder; the entry name in a ZIP. */
  readonly path: string;
  readonly exists: boolean;
}

/** What `images` would write, without writing anything: for a confirmation or a conflict prompt. */
export interface ExportPlan {
  readonly files: readonly PlannedFile[];
  /** Files that exist already (for a ZIP, the archive itself). */
  readonly conflicts: readonly string[];
}

export interface ExportedFile {
  readonly outputId: number;
  /** Absolute path in a folder; the entry name in a ZIP. */
  readonly path: string;
  readonly bytes: number;
  readonly width: number;
  readonly height: number;
}

/** A job: progress arrives as jobProgress events (kind `export`); cancel with system.cancelJob. */
export interface ExportReport {
  /** The row recorded in the project's export history; null when nothing was written. */
  readonly exportId: number | null;
  /** The folder or the ZIP. */
  readonly destination: string;
  readonly format: ExportFormat;
  /** Every file written, in selection order. A cancelled folder export keeps the complete files; a cancelled ZIP is not written. */
  readonly files: readonly ExportedFile[];
  /** Files left alone under `skip`. */
  readonly skipped: readonly { readonly outputId: number; readonly path: string }[];
  readonly bytes: number;
  readonly seconds: number;
  readonly cancelled: boolean;
}

export interface ContactSheetRequest extends JobRequest {
  readonly selection: ExportSelection;
  /** Defaults to the square root of the count, rounded up. */
  readonly columns?: number | undefined;
  /** Each image's square cell in px; defaults to 256. */
  readonly cellSize?: number | undefined;
  /** A template for the caption under each cell, e.g. "{seed} · {checkpoint}"; null or absent: no captions. */
  readonly captions?: string | null | undefined;
  readonly format: ExportFormat;
  readonly quality?: number | undefined;
  /** The sheet's file, extension included. */
  readonly path: string;
  /** `skip` is not offered: a sheet is one file. */
  readonly conflict?: Exclude<ConflictPolicy, 'skip'> | undefined;
}

export interface SheetReport {
  readonly exportId: number;
  /** The file written (under keep-both, the numbered one). */
  readonly path: string;
  readonly width: number;
  readonly height: number;
  readonly columns: number;
  readonly rows: number;
  readonly count: number;
  readonly bytes: number;
  readonly seconds: number;
}

export interface SpriteSheetRequest extends JobRequest {
  readonly selection: ExportSelection;
  /** Defaults to the square root of the count, rounded up. */
  readonly columns?: number | undefined;
  /** Each frame's square size in px; defaults to the largest image's longer side. */
  readonly cellSize?: number | undefined;
  /** Transparent px between frames and around the sheet; defaults to 0. */
  readonly padding?: number | undefined;
  /** Frame names in the atlas (".png" is added); defaults to "{name}". */
  readonly template?: string | undefined;
  readonly format: SheetFormat;
  /** The sheet's file; the atlas is written beside it as the same name with .json. */
  readonly path: string;
  readonly conflict?: Exclude<ConflictPolicy, 'skip'> | undefined;
}

/** One frame as the atlas lists it. */
export interface SpriteFrame {
  readonly name: string;
  readonly outputId: number;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** The atlas is TexturePacker's "JSON (Hash)" format, which Phaser, PixiJS and most engines load. */
export interface SpriteSheetReport extends SheetReport {
  readonly atlasPath: string;
  readonly frames: readonly SpriteFrame[];
}

export type RecallRequest =
  /** A file on this machine (under serve mode: a staged upload's path). */
  | { readonly path: string; readonly keep?: boolean | undefined }
  /** A dropped image's bytes in base64 — PNG, JPEG, WebP, AVIF or TIFF — at most about 700 KB; larger ones by path. */
  | { readonly png: string; readonly keep?: boolean | undefined };

/** How the image was made, as far as its provenance tells. */
export interface RecalledSettings {
  /** sample, mix, projection, animation, translate, style, … */
  readonly tool: string | null;
  readonly truncation: number | null;
  readonly class: number | null;
  readonly ema: boolean | null;
  /** Translations: which way and how strongly. */
  readonly direction: string | null;
  readonly strength: number | null;
  /** Translations: what was translated, as the provenance names it. */
  readonly source: { readonly outputId: number | null; readonly name: string | null } | null;
}

/** What the studio can restore in this project. */
export interface RecalledRestore {
  /** Where to reopen it: Explore for latents, Translate or Style for translations. */
  readonly view: 'explore' | 'translate' | 'style' | null;
  /** The checkpoint in this project whose SHA-256 matches the one recorded (null: not in this project). */
  readonly checkpoint: { readonly checkpointId: number; readonly runId: number; readonly runName: string; readonly step: number } | null;
  /** A latent every latent tool takes: the output's (when it is here, or was kept), or the seed. */
  readonly latent: LatentSource | null;
  /** The translation's source, when it is an output in this project. */
  readonly sourceOutputId: number | null;
}

export interface RecallResult {
  /** False: the image carries no Latent Studio provenance (`message` says so); everything else is then null. */
  readonly found: boolean;
  /** One sentence for a person: what came back, and what did not. */
  readonly message: string;
  /** Where the provenance was read from. */
  readonly carrier: 'xmp' | 'exif' | null;
  readonly width: number;
  readonly height: number;
  readonly format: string;
  /** The provenance JSON exactly as it was exported. */
  readonly provenance: Record<string, unknown> | null;
  /** The output it was exported from, as the file records it. */
  readonly exported: { readonly outputId: number; readonly blobHash: string; readonly checkpointSha256: string | null } | null;
  /** That output, when it is in this project (same id and image); or the image kept as a new output. */
  readonly output: { readonly outputId: number; readonly url: string; readonly kept: boolean; readonly trashed: boolean } | null;
  /** The latent as recorded: a seed, or a base64 vector of float32s. */
  readonly latent: { readonly seed: number | null; readonly vector: string | null; readonly class: number | null } | null;
  readonly settings: RecalledSettings | null;
  readonly restore: RecalledRestore;
}

export interface ExportFormatInfo {
  readonly format: ExportFormat;
  readonly label: string;
  readonly extension: string;
  readonly lossy: boolean;
  readonly defaultQuality: number | null;
  /** Where the provenance goes: XMP in every format, and EXIF ImageDescription too where the format carries EXIF (all but TIFF). */
  readonly metadata: readonly ('xmp' | 'exif')[];
}

export interface ExportOptions {
  readonly formats: readonly ExportFormatInfo[];
  readonly sizes: readonly { readonly preset: SizePreset; readonly label: string; readonly width: number; readonly height: number | null; readonly fit: ExportFit }[];
  readonly templateFields: readonly { readonly field: TemplateField; readonly description: string }[];
  readonly defaultTemplate: string;
}

/** A row of the project's export history. */
export interface ExportRecord {
  readonly exportId: number;
  readonly kind: 'images' | 'contact-sheet' | 'sprite-sheet';
  readonly destination: string;
  readonly format: string;
  readonly count: number;
  readonly createdAt: number;
}

export interface ExportApi {
  /** The formats, size presets and template fields, for the export dialog. */
  options(): Promise<ExportOptions>;
  /** The files `images` would write and which exist already; writes nothing. */
  plan(request: ExportImagesRequest): Promise<ExportPlan>;
  /** A job: the selection as files in a folder or one ZIP, each carrying its provenance. */
  images(request: ExportImagesRequest): Promise<ExportReport>;
  /** A job: the selection in one grid image with captions. */
  contactSheet(request: ContactSheetRequest): Promise<SheetReport>;
  /** A job: the selection in one sheet image and a JSON atlas beside it. */
  spriteSheet(request: SpriteSheetRequest): Promise<SpriteSheetReport>;
  /** Reads an exported image's provenance back and says what this project can restore from it. */
  recall(request: RecallRequest): Promise<RecallResult>;
  /** The project's most recent exports, newest first. */
  history(): Promise<readonly ExportRecord[]>;
}
