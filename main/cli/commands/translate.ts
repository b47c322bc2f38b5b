/**
 * `latent-studio translate --checkpoint ID [--direction AtoB] INPUT... --out DIR [--tile]`:
 * every image of the files and folders named, through a pix2pix or CycleGAN
 * checkpoint, into DIR as <name>.png (and into the gallery). Files that
 * already exist in DIR are refused before anything is translated; Ctrl+C
 * cancels, keeping what is done.
 */
import { basename, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { TranslateBatchReport } from '../../../preload/contract';
import { isImportProblem } from '../../datasets/problems';
import { walkImages } from '../../datasets/sources/walk';
import { openProjectOption, withStudio, type CliIo } from '../context';
import { call } from '../../studio';
import { followJob } from '../follow-job';
import { backendOption, integerOption, oneOf } from '../options';
import { copyOut, refuseExisting } from '../output-files';
import { UsageError } from '../usage';

export async function translateCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      project: { type: 'string' },
      checkpoint: { type: 'string' },
      direction: { type: 'string' },
      out: { type: 'string' },
      tile: { type: 'boolean' },
      fit: { type: 'boolean' },
      overlap: { type: 'string' },
      'working-size': { type: 'string' },
      strength: { type: 'string' },
      style: { type: 'boolean', default: false },
      backend: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const checkpointId = integerOption(values.checkpoint, '--checkpoint');
  if (checkpointId === undefined || positionals.length === 0 || !values.out) throw new UsageError('translate needs --checkpoint ID, one or more INPUT files or folders, and --out DIR');
  if (values.tile && values.fit) throw new UsageError('--tile and --fit cannot both be given');
  const strength = values.strength === undefined ? undefined : Number(values.strength);
  if (strength !== undefined && !(strength >= 0 && strength <= 1)) throw new UsageError(`--strength must be from 0 to 1, got "${values.strength}"`);
  const direction = oneOf(values.direction, ['AtoB', 'BtoA'] as const, '--direction');
  const overlap = integerOption(values.overlap, '--overlap');
  const workingSize = integerOption(values['working-size'], '--working-size');

  const inputs = await listInputs(positionals);
  const targets = outputNames(inputs.files).map((name) => join(values.out!, name));
  refuseExisting(targets, 'choose another --out');
  const request = {
    checkpointId,
    inputs: { paths: inputs.files },
    tool: values.style ? ('style' as const) : ('translate' as const),
    ...(direction && { direction }),
    ...(strength !== undefined && { strength }),
    ...(values.tile && { tiling: 'tile' as const }),
    ...(values.fit && { tiling: 'fit' as const }),
    ...(overlap !== undefined && { overlap }),
    ...(workingSize !== undefined && { workingSize }),
  };

  return withStudio(io, async (studio) => {
    await openProjectOption(studio, io, values.project);
    const report = await followJob(studio, io, 'translate-batch', () => call<TranslateBatchReport>(studio, 'translate.batch', [request]));
    const written = report.results.map((result) => {
      const file = targets[inputs.files.indexOf(result.sourceName)]!;
      copyOut(studio.project.library.blobs.pathOf(result.blobHash), file);
      return { ...result, file };
    });
    const failed = [...inputs.problems, ...report.failed];
    if (values.json) io.stdout(`${JSON.stringify({ ...report, results: written, failed }, null, 2)}\n`);
    else {
      io.stdout(`Translated ${written.length} of ${inputs.files.length} images into ${values.out} in ${report.seconds.toFixed(1)} s${report.cancelled ? ' (cancelled)' : ''}; they are in the gallery too.\n`);
      for (const failure of failed) io.stdout(`  ✗ ${failure.message.startsWith(failure.name) ? failure.message : `${failure.name}: ${failure.message}`}\n`);
    }
    if (report.cancelled) return 130;
    return failed.length > 0 ? 1 : 0;
  }, backendOption(values.backend));
}

/** The files to translate, in order: each file named, and every file under each folder named. */
async function listInputs(paths: readonly string[]): Promise<{ files: string[]; problems: { name: string; message: string }[] }> {
  const files: string[] = [];
  const problems: { name: string; message: string }[] = [];
  for (const path of paths) {
    for await (const entry of walkImages(resolve(path))) {
      if (isImportProblem(entry)) problems.push({ name: entry.source, message: entry.message });
      else files.push(entry.path);
    }
  }
  return { files, problems };
}

/** <name>.png for each input, numbered where two inputs share a name. */
export function outputNames(files: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return files.map((file) => {
    const stem = basename(file, extname(file));
    const count = (seen.get(stem) ?? 0) + 1;
    seen.set(stem, count);
    return count === 1 ? `${stem}.png` : `${stem}-${count}.png`;
  });
}
