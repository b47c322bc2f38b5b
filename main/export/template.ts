/**
 * File-name and caption templates: "{collection}-{seed}-{index}" filled in
 * for each output. Names are made safe for every file system the studio
 * runs on (no separators, reserved characters or reserved Windows names) and
 * numbered where two come out the same.
 */
import { StudioError, type TemplateField } from '../../preload/contract';
import type { ExportItem } from './selection';

export const defaultTemplate = '{name}';

export const templateFields: readonly { readonly field: TemplateField; readonly description: string }[] = [
  { field: 'name', description: 'What made it and its id, e.g. sample-17' },
  { field: 'id', description: 'The output’s id in the gallery' },
  { field: 'index', description: 'Its place in the export, from 1, zero-padded (001)' },
  { field: 'collection', description: 'The collection’s name (empty for a selection)' },
  { field: 'tool', description: 'sample, mix, projection, translate, style, …' },
  { field: 'seed', description: 'The latent’s seed (empty for other latents)' },
  { field: 'class', description: 'The class drawn, for conditional models' },
  { field: 'truncation', description: 'The truncation ψ it was drawn with' },
  { field: 'checkpoint', description: 'The checkpoint’s id' },
  { field: 'step', description: 'The checkpoint’s training step' },
  { field: 'run', description: 'The training run’s name' },
  { field: 'rating', description: 'Its star rating, 0–5' },
  { field: 'date', description: 'When it was made, as 2025-01-31' },
  { field: 'time', description: 'When it was made, as 142501 (hours, minutes, seconds)' },
];

const known = new Set<string>(templateFields.map((entry) => entry.field));

/** One item's values: the item, its place in the export, and the collection it came from. */
export interface TemplateContext {
  readonly item: ExportItem;
  readonly index: number;
  readonly count: number;
  readonly collection: string | null;
}

type Piece = { readonly text: string } | { readonly field: TemplateField };

/** A checked template; `what` names the request field in errors ("template", "captions"). */
export class Template {
  readonly #pieces: readonly Piece[];

  constructor(source: string, what: string) {
    this.#pieces = parse(source, what);
  }

  /** The template filled in for one item, as text (captions). */
  text(context: TemplateContext): string {
    return this.#pieces.map((piece) => ('text' in piece ? piece.text : valueOf(piece.field, context))).join('');
  }

  /** The template filled in as a safe file name stem (no extension). */
  fileStem(context: TemplateContext): string {
    return safeFileStem(this.text(context));
  }
}

function parse(source: string, what: string): Piece[] {
  const pieces: Piece[] = [];
  const pattern = /\{([^{}]*)\}|([{}])|([^{}]+)/g;
  for (const match of source.matchAll(pattern)) {
    const [, field, stray, text] = match;
    if (stray !== undefined) throw new StudioError('INVALID_ARGUMENT', `${what}: a "${stray}" without its pair at character ${match.index + 1}; fields are written {name}`);
    if (text !== undefined) pieces.push({ text });
    else if (!known.has(field!.trim())) {
      throw new StudioError('INVALID_ARGUMENT', `${what}: unknown field {${field}}; the fields are ${templateFields.map((entry) => `{${entry.field}}`).join(' ')}`);
    } else pieces.push({ field: field!.trim() as TemplateField });
  }
  return pieces;
}

function valueOf(field: TemplateField, { item, index, count, collection }: TemplateContext): string {
  const latent = item.provenance['latent'] as { seed?: unknown; class?: unknown } | undefined;
  const made = new Date(item.createdAt);
  const two = (value: number) => String(value).padStart(2, '0');
  switch (field) {
    case 'name':
      return `${toolOf(item)}-${item.outputId}`;
    case 'id':
      return String(item.outputId);
    case 'index':
      return String(index + 1).padStart(String(count).length, '0');
    case 'collection':
      return collection ?? '';
    case 'tool':
      return toolOf(item);
    case 'seed':
      return typeof latent?.seed === 'number' ? String(latent.seed) : '';
    case 'class':
      return numberText(latent?.class ?? item.provenance['class']);
    case 'truncation':
      return numberText(item.provenance['truncation']);
    case 'checkpoint':
      return item.checkpointId === null ? '' : String(item.checkpointId);
    case 'step':
      return item.step === null ? numberText(item.provenance['step']) : String(item.step);
    case 'run':
      return item.runName ?? '';
    case 'rating':
      return String(item.rating);
    case 'date':
      return `${made.getFullYear()}-${two(made.getMonth() + 1)}-${two(made.getDate())}`;
    case 'time':
      return `${two(made.getHours())}${two(made.getMinutes())}${two(made.getSeconds())}`;
  }
}

export function toolOf(item: ExportItem): string {
  return typeof item.provenance['tool'] === 'string' ? item.provenance['tool'] : item.kind;
}

function numberText(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

/** Characters no file system takes (Windows' set, which covers the others), and control characters. */
const unsafe = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
const reservedOnWindows = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;
const longestStem = 180;

/**
 * Empty fields leave their separators behind ("-42-001" when there is no
 * collection): runs of a separator collapse to one and the ends are trimmed.
 */
export function safeFileStem(raw: string): string {
  let stem = raw
    .replace(unsafe, '_')
    .replace(/\s+/g, ' ')
    .replace(/([-_. ])\1+/g, '$1')
    .replace(/^[-_. ]+|[-_. ]+$/g, '');
  if (stem.length > longestStem) stem = stem.slice(0, longestStem).replace(/[-_. ]+$/, '');
  if (stem === '') return 'image';
  return reservedOnWindows.test(stem) ? `${stem}_` : stem;
}

/** Names made unique ignoring case (macOS and Windows folders do): "a.png", "a-2.png", "a-3.png". */
export function uniqueNames(names: readonly string[], taken: (name: string) => boolean = () => false): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    const chosen = firstFree(name, (candidate) => used.has(candidate.toLowerCase()) || taken(candidate));
    used.add(chosen.toLowerCase());
    return chosen;
  });
}

/** `name`, or the first of name-2, name-3, … that `isTaken` says is free. */
export function firstFree(name: string, isTaken: (candidate: string) => boolean): string {
  if (!isTaken(name)) return name;
  const dot = name.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let number = 2; ; number++) {
    const candidate = `${stem}-${number}${extension}`;
    if (!isTaken(candidate)) return candidate;
  }
}
