/**
 * How the Export view's settings become export requests, and what stops them
 * from being sent yet. Pure, so the rules are unit-tested; the backend checks
 * everything again and has the last word.
 */
import type {
  ConflictPolicy,
  ExportDestination,
  ExportFit,
  ExportFormat,
  ExportFormatInfo,
  ExportImagesRequest,
  ExportSelection,
  ExportSize,
  SizePreset,
  TemplateField,
} from '../../../preload/contract';

/** The size menu: the original, a preset, or a box of the person's own. */
export type SizeChoice = 'original' | SizePreset | 'custom';

/** Where the images go: a folder (made if missing) or one ZIP file. */
export type DestinationKind = 'folder' | 'zip';

export interface ImageExportDraft {
  readonly format: ExportFormat;
  /** Null: the format's own default. Only lossy formats use it. */
  readonly quality: number | null;
  readonly size: SizeChoice;
  readonly customWidth: number | null;
  /** Null: the width is the long edge and the aspect is kept. */
  readonly customHeight: number | null;
  /** How the image meets a box of both width and height; a width alone is the long edge, aspect kept. */
  readonly fit: ExportFit;
  readonly template: string;
  readonly destinationKind: DestinationKind;
  readonly destinationPath: string;
}

/** The largest side the backend accepts, in pixels. */
export const maxExportSide = 16_384;

/** The size as the API takes it; null when the custom box is not filled in properly. */
export function exportSize(draft: Pick<ImageExportDraft, 'size' | 'customWidth' | 'customHeight' | 'fit'>): ExportSize | null {
  if (draft.size !== 'custom') return draft.size;
  const { customWidth: width, customHeight: height } = draft;
  if (!isSide(width) || (height !== null && !isSide(height))) return null;
  return height === null ? { width } : { width, height, fit: draft.fit };
}

function isSide(value: number | null): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= maxExportSide;
}

export function destinationOf(kind: DestinationKind, path: string): ExportDestination {
  const trimmed = path.trim();
  return kind === 'folder' ? { folder: trimmed } : { zip: trimmed };
}

/** The request for `export.images` and `export.plan`. Quality goes only to lossy formats, and only when set. */
export function imagesRequest(selection: ExportSelection, draft: ImageExportDraft, formats: readonly ExportFormatInfo[], conflict: ConflictPolicy = 'ask'): ExportImagesRequest {
  const lossy = formats.find((info) => info.format === draft.format)?.lossy ?? false;
  const size = exportSize(draft);
  const template = draft.template.trim();
  return {
    selection,
    format: draft.format,
    ...(lossy && draft.quality !== null ? { quality: draft.quality } : {}),
    ...(size === null || size === 'original' ? {} : { size }),
    ...(template === '' ? {} : { template }),
    destination: destinationOf(draft.destinationKind, draft.destinationPath),
    conflict,
  };
}

/** Why the images cannot be exported yet, in words for the person; null when they can. */
export function imagesDraftProblem(draft: ImageExportDraft, fields: readonly TemplateField[]): string | null {
  if (draft.quality !== null && !(Number.isInteger(draft.quality) && draft.quality >= 1 && draft.quality <= 100)) return 'Quality must be a whole number from 1 to 100.';
  if (draft.size === 'custom' && exportSize(draft) === null) return `Give the custom size a width (and, if you like, a height) of 1 to ${maxExportSide.toLocaleString('en')} pixels.`;
  const template = templateProblem(draft.template, fields);
  if (template) return template;
  return pathProblem(draft.destinationKind === 'folder' ? 'folder' : 'zip', draft.destinationPath);
}

/** Why a destination path will not do, or null: it must be absolute (the studio may run elsewhere), and a ZIP must be a .zip. */
export function pathProblem(kind: 'folder' | 'zip' | 'file', path: string): string | null {
  const trimmed = path.trim();
  const noun = kind === 'folder' ? 'folder' : kind === 'zip' ? 'ZIP file' : 'file';
  if (trimmed === '') return `Type the path of the ${noun} to write.`;
  if (!isAbsolutePath(trimmed)) return `Type the ${noun}'s full path, from the top of the disk (like /home/you/Pictures/export).`;
  if (kind === 'zip' && !/\.zip$/i.test(trimmed)) return 'A ZIP file’s path must end in .zip.';
  return null;
}

/** POSIX (/…), Windows drive (C:\… or C:/…) and UNC (\\server\…) paths. */
export function isAbsolutePath(path: string): boolean {
  return /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path);
}

/** The {fields} a template uses that the backend does not know; empty when every one is known. */
export function unknownTemplateFields(template: string, fields: readonly TemplateField[]): string[] {
  const known = new Set<string>(fields);
  const used = Array.from(template.matchAll(/\{([^{}]*)\}/g), (match) => match[1]!.trim());
  return [...new Set(used.filter((field) => !known.has(field)))];
}

/** Why a file-name or caption template will not do, or null. */
export function templateProblem(template: string, fields: readonly TemplateField[]): string | null {
  if (template.trim() === '') return null; // The backend's default template.
  if (template.trim().length > 300) return 'The name template is longer than 300 characters.';
  const unknown = unknownTemplateFields(template, fields);
  if (unknown.length === 0) return null;
  const names = unknown.map((field) => `{${field}}`).join(', ');
  return `${names} ${unknown.length === 1 ? 'is not a field' : 'are not fields'} a template can use.`;
}

/** The last part of a path, for showing file names: "/a/b/seed-42.png" → "seed-42.png". */
export function fileNameOf(path: string): string {
  return path.split(/[\\/]/).filter((part) => part !== '').pop() ?? path;
}

/** The path with its extension swapped, for a sheet that changes format: "/a/sheet.png" + "webp" → "/a/sheet.webp". */
export function withExtension(path: string, extension: string): string {
  const trimmed = path.trim();
  if (trimmed === '') return trimmed;
  const name = fileNameOf(trimmed);
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? trimmed.slice(0, trimmed.length - (name.length - dot)) : trimmed;
  return `${stem}.${extension}`;
}

/**
 * Output ids as a person types them: "3, 7, 10-14" (an en dash works too).
 * Keeps the order given and drops repeats; ranges go up to 100,000 ids.
 */
export function parseOutputIds(text: string): { readonly ids: number[] } | { readonly error: string } {
  const ids: number[] = [];
  const seen = new Set<number>();
  const add = (id: number) => {
    if (!seen.has(id)) ids.push(id);
    seen.add(id);
  };
  for (const part of text.split(/[\s,;]+/).filter((piece) => piece !== '')) {
    const range = /^(\d+)[-–](\d+)$/.exec(part);
    const single = /^\d+$/.test(part) ? Number(part) : null;
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      if (from < 1 || to < from) return { error: `${part} is not a range of ids (the first must be 1 or more, and not above the last).` };
      if (to - from >= 100_000) return { error: `${part} names more than 100,000 outputs.` };
      for (let id = from; id <= to; id++) add(id);
    } else if (single !== null && single >= 1) {
      add(single);
    } else {
      return { error: `${part} is not an output id: type whole numbers like 3, 7, 10-14.` };
    }
  }
  if (ids.length > 100_000) return { error: 'That is more than 100,000 outputs; export them in parts.' };
  return ids.length === 0 ? { error: 'Type the ids of the outputs to export, like 3, 7, 10-14.' } : { ids };
}

/** "XMP and EXIF (ImageDescription)": where a format carries the provenance. */
export function carriersLabel(carriers: readonly ('xmp' | 'exif')[]): string {
  const names = carriers.map((carrier) => (carrier === 'xmp' ? 'XMP' : 'EXIF (ImageDescription)'));
  return names.length <= 1 ? (names[0] ?? 'no metadata') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
