/**
 * `latent-studio export (--outputs 1,2,3 | --collection NAME) --out DIR|FILE.zip`:
 * gallery images as files carrying their provenance, at a size and in a
 * format, named by a template; `--contact-sheet FILE` and `--sprite-sheet
 * FILE` lay them out in one image instead. `latent-studio recall FILE` reads
 * an exported image's provenance back. Nothing is overwritten unless
 * --overwrite, --keep-both or --skip says how; Ctrl+C cancels.
 */
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { StudioError, type ConflictPolicy, type ExportFormat, type ExportReport, type ExportSelection, type ExportSize, type RecallResult, type SheetReport, type SpriteSheetReport } from '../../../preload/contract';
import { collectionIdByName } from '../../export/selection';
import { call, type Studio } from '../../studio';
import { openProjectOption, withStudio, type CliIo } from '../context';
import { followJob } from '../follow-job';
import { integerOption, oneOf } from '../options';
import { UsageError } from '../usage';

const formats: readonly ExportFormat[] = ['png', 'jpeg', 'webp', 'avif', 'tiff'];
const presets = ['original', 'long-512', 'long-1024', 'long-2048', 'long-4096', 'instagram-square', 'instagram-portrait', 'instagram-story'] as const;
const fits = ['inside', 'cover', 'contain', 'fill'] as const;
const formatOfExtension: Readonly<Record<string, ExportFormat>> = { '.png': 'png', '.jpg': 'jpeg', '.jpeg': 'jpeg', '.webp': 'webp', '.avif': 'avif', '.tif': 'tiff', '.tiff': 'tiff' };

export async function exportCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      project: { type: 'string' },
      outputs: { type: 'string' },
      collection: { type: 'string' },
      out: { type: 'string' },
      'contact-sheet': { type: 'string' },
      'sprite-sheet': { type: 'string' },
      format: { type: 'string' },
      quality: { type: 'string' },
      size: { type: 'string' },
      fit: { type: 'string' },
      template: { type: 'string' },
      columns: { type: 'string' },
      cell: { type: 'string' },
      padding: { type: 'string' },
      captions: { type: 'string' },
      overwrite: { type: 'boolean', default: false },
      'keep-both': { type: 'boolean', default: false },
      skip: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const destinations = [values.out, values['contact-sheet'], values['sprite-sheet']].filter((value) => value !== undefined);
  if (destinations.length !== 1) throw new UsageError('export needs one of --out DIR|FILE.zip, --contact-sheet FILE or --sprite-sheet FILE');
  if ((values.outputs === undefined) === (values.collection === undefined)) throw new UsageError('export needs --outputs 1,2,3 or --collection NAME (one of them)');
  const conflict = conflictOption(values);
  const format = oneOf(values.format, formats, '--format');
  const quality = integerOption(values.quality, '--quality');
  const columns = integerOption(values.columns, '--columns');
  const cellSize = integerOption(values.cell, '--cell');

  return withStudio(io, async (studio) => {
    await openProjectOption(studio, io, values.project);
    const selection = selectionOption(studio, values.outputs, values.collection);
    const follow = <T>(method: string, request: Record<string, unknown>) => followJob(studio, io, 'export', () => call<T>(studio, method, [request])).catch(withFlagAdvice);
    if (values.out !== undefined) {
      const zip = /\.zip$/i.test(values.out);
      const request = { selection, format: format ?? 'png', quality, size: sizeOption(values.size, values.fit), template: values.template, destination: zip ? { zip: values.out } : { folder: values.out }, conflict };
      const report = await follow<ExportReport>('export.images', request);
      if (values.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      else io.stdout(`${describeReport(report)}\n`);
      return report.cancelled ? 130 : 0;
    }
    if (conflict === 'skip') throw new UsageError('--skip is for --out: a sheet is one file (use --overwrite or --keep-both)');
    const sheetConflict = conflict as Exclude<ConflictPolicy, 'skip'>;
    if (values['contact-sheet'] !== undefined) {
      const path = values['contact-sheet'];
      const request = { selection, columns, cellSize, captions: values.captions, format: format ?? formatOfPath(path, '--contact-sheet'), quality, path, conflict: sheetConflict };
      const report = await follow<SheetReport>('export.contactSheet', request);
      io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : `Wrote a contact sheet of ${report.count} images (${report.columns} × ${report.rows}, ${report.width} × ${report.height} px) to ${report.path}\n`);
      return 0;
    }
    const path = values['sprite-sheet']!;
    const sheetFormat = format ?? formatOfPath(path, '--sprite-sheet');
    if (sheetFormat !== 'png' && sheetFormat !== 'webp') throw new UsageError('--sprite-sheet writes PNG or WebP (FILE.png or FILE.webp)');
    const request = { selection, columns, cellSize, padding: integerOption(values.padding, '--padding'), template: values.template, format: sheetFormat, path, conflict: sheetConflict };
    const report = await follow<SpriteSheetReport>('export.spriteSheet', request);
    io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : `Wrote a sprite sheet of ${report.count} frames (${report.width} × ${report.height} px) to ${report.path}, and its atlas to ${report.atlasPath}\n`);
    return 0;
  });
}

/** `latent-studio recall FILE [--keep]`: what an exported image carries; exit 1 when it carries nothing. */
export async function recallCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { json: { type: 'boolean', default: false }, project: { type: 'string' }, keep: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new UsageError('recall needs one FILE');
  return withStudio(io, async (studio) => {
    await openProjectOption(studio, io, values.project);
    const result = await call<RecallResult>(studio, 'export.recall', [{ path: positionals[0], keep: values.keep }]);
    io.stdout(values.json ? `${JSON.stringify(result, null, 2)}\n` : describeRecall(result));
    return result.found ? 0 : 1;
  }, undefined, values.keep ? 'write' : 'read');
}

function conflictOption(values: { overwrite: boolean; 'keep-both': boolean; skip: boolean }): ConflictPolicy {
  const chosen = (['overwrite', 'keep-both', 'skip'] as const).filter((flag) => values[flag]);
  if (chosen.length > 1) throw new UsageError(`--${chosen.join(' and --')} cannot be given together`);
  return chosen[0] ?? 'ask';
}

function selectionOption(studio: Studio, outputs: string | undefined, collection: string | undefined): ExportSelection {
  if (collection !== undefined) {
    const id = collectionIdByName(studio.project.library.db, collection);
    if (id === null) throw new StudioError('NOT_FOUND', `--collection: no collection named "${collection}" in this project`);
    return { collectionId: id };
  }
  const ids = outputs!.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (ids.length === 0) throw new UsageError('--outputs needs output ids, like 1,2,3');
  return { outputIds: ids.map((id) => integerOption(id, '--outputs')!) };
}

/** `1024` (the long edge), `640x480` (a box, cropped to fill unless --fit), or a preset name. */
function sizeOption(text: string | undefined, fitText: string | undefined): ExportSize | undefined {
  const fit = oneOf(fitText, fits, '--fit');
  if (text === undefined) {
    if (fit) throw new UsageError('--fit goes with --size WxH');
    return undefined;
  }
  if ((presets as readonly string[]).includes(text)) return text as (typeof presets)[number];
  const box = /^(\d+)(?:x(\d+))?$/i.exec(text);
  if (!box) throw new UsageError(`--size must be a long edge (1024), WxH (640x480) or one of ${presets.join(', ')}; got "${text}"`);
  const width = Number(box[1]);
  if (box[2] === undefined) return { width, height: width, fit: fit ?? 'inside' };
  return { width, height: Number(box[2]), ...(fit && { fit }) };
}

function formatOfPath(path: string, option: string): ExportFormat {
  const format = formatOfExtension[extname(path).toLowerCase()];
  if (!format) throw new UsageError(`${option}: name the file .png, .jpg, .webp, .avif or .tif, or give --format`);
  return format;
}

/** The service says what to choose; on the command line the choices are flags. */
function withFlagAdvice(error: unknown): never {
  if (error instanceof StudioError && error.code === 'ALREADY_EXISTS') {
    throw new StudioError(error.code, error.message.replace(/choose (overwrite.*)$/, (_, choices: string) => `pass ${choices.replace(/[a-z-]+/g, (choice) => (choice === 'or' ? choice : `--${choice}`))}`));
  }
  throw error;
}

function describeReport(report: ExportReport): string {
  const kib = Math.max(1, Math.round(report.bytes / 1024));
  const lines = [
    `Exported ${report.files.length} ${report.files.length === 1 ? 'image' : 'images'} (${kib.toLocaleString('en')} KiB, ${report.format.toUpperCase()}) to ${report.destination} in ${report.seconds.toFixed(1)} s${report.cancelled ? ' (cancelled)' : ''}`,
    ...(report.skipped.length > 0 ? [`Skipped ${report.skipped.length} that exist already: ${report.skipped.map((entry) => entry.path).join(', ')}`] : []),
  ];
  return lines.join('\n');
}

function describeRecall(result: RecallResult): string {
  if (!result.found) return `${result.message}.\n`;
  const lines = [result.message];
  const { settings, restore, latent } = result;
  if (settings?.tool) lines.push(`  tool        ${settings.tool}`);
  if (restore.checkpoint) lines.push(`  checkpoint  ${restore.checkpoint.checkpointId} (step ${restore.checkpoint.step} of “${restore.checkpoint.runName}”)`);
  else if (result.exported?.checkpointSha256) lines.push(`  checkpoint  sha256 ${result.exported.checkpointSha256} (not in this project)`);
  if (latent) lines.push(`  latent      ${latent.seed !== null ? `seed ${latent.seed}` : 'a vector'}${latent.class !== null ? `, class ${latent.class}` : ''}`);
  if (settings?.truncation != null) lines.push(`  truncation  ${settings.truncation}`);
  // Spelled as every latent command takes it.
  if (restore.latent?.kind === 'output') lines.push(`  latent arg  output:${restore.latent.outputId}`);
  else if (restore.latent?.kind === 'seed') lines.push(`  latent arg  ${restore.latent.seed}`);
  return `${lines.join('\n')}\n`;
}
