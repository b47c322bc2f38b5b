import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import type { LatentImage } from '../../../preload/contract';
import { openProjectOption, withStudio, type CliIo } from '../context';
import { call } from '../../studio';
import { renderOptions, renderSettings } from '../latent-options';
import { backendOption, integerOption } from '../options';
import { copyOut, refuseExisting } from '../output-files';
import { UsageError } from '../usage';

/**
 * `latent-studio sample --checkpoint ID --count N --seed S --out DIR`: seed-S.png … in DIR,
 * and in the gallery; `--grid C` also lays them out C wide in grid-S.png.
 */
export async function sampleCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      project: { type: 'string' },
      count: { type: 'string', default: '16' },
      seed: { type: 'string', default: '0' },
      grid: { type: 'string' },
      out: { type: 'string' },
      backend: { type: 'string' },
      ...renderOptions,
    },
    allowNegative: true,
    strict: true,
  });
  const settings = renderSettings(values, 'sample');
  if (!values.out) throw new UsageError('sample needs --out DIR');
  const count = integerOption(values.count, '--count')!;
  const seed = integerOption(values.seed, '--seed')!;
  const columns = integerOption(values.grid, '--grid');
  if (columns === 0) throw new UsageError('--grid must be at least 1 column');
  const out = values.out;
  const targets = Array.from({ length: count }, (_, index) => join(out, `seed-${seed + index}.png`));
  const gridFile = join(out, `grid-${seed}.png`);
  refuseExisting(columns ? [...targets, gridFile] : targets, 'choose another --out or --seed');

  return withStudio(io, async (studio) => {
    await openProjectOption(studio, io, values.project);
    const images = await call<LatentImage[]>(studio, 'latent.sample', [{ ...settings, count, seed }]);
    const blobs = studio.project.library.blobs;
    const written = images.map((image, index) => {
      copyOut(blobs.pathOf(image.blobHash), targets[index]!);
      return { ...image, file: targets[index]! };
    });
    if (columns) await writeGrid(written.map((image) => image.file), columns, gridFile);
    if (values.json) io.stdout(`${JSON.stringify(written, null, 2)}\n`);
    else io.stdout(`Wrote ${written.length} images to ${out} (seeds ${seed}–${seed + count - 1})${columns ? ` and ${gridFile}` : ''}; they are in the gallery too.\n`);
    return 0;
  }, backendOption(values.backend));
}

/** The images `columns` wide with a 2-pixel gap, on the studio's dark grey. */
async function writeGrid(files: readonly string[], columns: number, target: string): Promise<void> {
  const gap = 2;
  const { width = 0, height = 0 } = await sharp(files[0]!).metadata();
  const rows = Math.ceil(files.length / columns);
  const across = Math.min(columns, files.length);
  await sharp({ create: { width: across * width + (across - 1) * gap, height: rows * height + (rows - 1) * gap, channels: 3, background: '#181818' } })
    .composite(files.map((file, index) => ({ input: file, left: (index % columns) * (width + gap), top: Math.floor(index / columns) * (height + gap) })))
    .png()
    .toFile(target);
}
