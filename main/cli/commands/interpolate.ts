import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AnimationFormat, AnimationResult, Easing, InterpolationMode } from '../../../preload/contract';
import { openProjectOption, withStudio, type CliIo } from '../context';
import { call } from '../../studio';
import { followJob } from '../follow-job';
import { latentListOption, numberOption, renderOptions, renderSettings } from '../latent-options';
import { backendOption, integerOption, oneOf } from '../options';
import { copyOut, refuseExisting } from '../output-files';
import { UsageError } from '../usage';
import { zipEntries } from '../zip-entries';

const formats: readonly AnimationFormat[] = ['webp', 'gif', 'apng', 'png', 'mp4'];
const modes: readonly InterpolationMode[] = ['spherical', 'linear'];
const easings: readonly Easing[] = ['ease-in-out', 'linear', 'ease-in', 'ease-out'];

/**
 * `latent-studio interpolate --checkpoint ID --seeds 1,7,42 --frames 120 --loop --format webp --size 512 --out FILE`:
 * an animation through the keyframes (or, for --format png, numbered frames in the folder --out).
 */
export async function interpolateCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      project: { type: 'string' },
      seeds: { type: 'string' },
      keyframes: { type: 'string' },
      frames: { type: 'string', default: '120' },
      fps: { type: 'string', default: '24' },
      loop: { type: 'boolean', default: false },
      mode: { type: 'string', default: 'spherical' },
      easing: { type: 'string', default: 'ease-in-out' },
      format: { type: 'string', default: 'webp' },
      size: { type: 'string' },
      out: { type: 'string' },
      backend: { type: 'string' },
      ...renderOptions,
    },
    allowNegative: true,
    strict: true,
  });
  const settings = renderSettings(values, 'interpolate');
  const keyframes = [...latentListOption(values.seeds, '--seeds'), ...latentListOption(values.keyframes, '--keyframes')];
  if (keyframes.length < 2) throw new UsageError('interpolate needs at least two keyframes: --seeds 1,7,42 or --keyframes output:12,saved:3');
  if (!values.out) throw new UsageError('interpolate needs --out FILE (a folder for --format png)');
  const format = oneOf(values.format, formats, '--format')!;
  const frames = integerOption(values.frames, '--frames')!;
  const size = integerOption(values.size, '--size');
  const out = values.out;
  const request = {
    ...settings,
    path: { keyframes, mode: oneOf(values.mode, modes, '--mode')!, easing: oneOf(values.easing, easings, '--easing')!, loop: values.loop },
    frames,
    fps: numberOption(values.fps, '--fps')!,
    format,
    ...(size !== undefined && { size }),
  };
  if (format !== 'png') refuseExisting([out], 'choose another --out');

  return withStudio(io, async (studio) => {
    await openProjectOption(studio, io, values.project);
    const result = await followJob(studio, io, 'interpolate', () => call<AnimationResult>(studio, 'latent.interpolate', [request]));
    const stored = studio.project.library.blobs.pathOf(result.blobHash);
    let written: string[];
    if (format === 'png') {
      const entries = await zipEntries(readFileSync(stored));
      // Only the base name: whatever a ZIP says, nothing is written outside --out.
      written = entries.map((entry) => join(out, basename(entry.name)));
      refuseExisting(written, 'choose another --out');
      mkdirSync(out, { recursive: true });
      entries.forEach((entry, index) => writeFileSync(written[index]!, entry.bytes, { flag: 'wx' }));
    } else {
      copyOut(stored, out);
      written = [out];
    }
    if (values.json) io.stdout(`${JSON.stringify({ ...result, files: written }, null, 2)}\n`);
    else io.stdout(`Wrote ${result.frames} frames at ${result.size} px to ${format === 'png' ? `${out} (${written.length} files)` : out}; it is in the gallery too (output ${result.outputId}).\n`);
    return 0;
  }, backendOption(values.backend));
}
