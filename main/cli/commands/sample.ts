import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { LatentImage } from '../../../preload/contract';
import { call, openProjectOption, withStudio, type CliIo } from '../context';
import { backendOption, integerOption } from '../options';
import { UsageError } from '../usage';

/** `latent-studio sample --checkpoint ID --count N --seed S --out DIR`: seed-S.png … in DIR, and in the gallery. */
export async function sampleCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      project: { type: 'string' },
      checkpoint: { type: 'string' },
      count: { type: 'string', default: '16' },
      seed: { type: 'string', default: '0' },
      out: { type: 'string' },
      ema: { type: 'boolean' },
      backend: { type: 'string' },
    },
    strict: true,
  });
  const checkpointId = integerOption(values.checkpoint, '--checkpoint');
  if (checkpointId === undefined || !values.out) throw new UsageError('sample needs --checkpoint ID and --out DIR');
  const count = integerOption(values.count, '--count')!;
  const seed = integerOption(values.seed, '--seed')!;
  const out = values.out;
  const targets = Array.from({ length: count }, (_, index) => join(out, `seed-${seed + index}.png`));
  const taken = targets.filter((target) => existsSync(target));
  // Never overwrite: a person may have curated those files.
  if (taken.length > 0) throw new UsageError(`${taken[0]} already exists${taken.length > 1 ? ` (and ${taken.length - 1} more)` : ''}; choose another --out or --seed`);

  return withStudio(io, async (studio) => {
    await openProjectOption(studio, io, values.project);
    const images = await call<LatentImage[]>(studio, 'latent.sample', [{ checkpointId, count, seed, ...(values.ema !== undefined && { ema: values.ema }) }]);
    mkdirSync(out, { recursive: true });
    const library = studio.project.library;
    const written = images.map((image, index) => {
      copyFileSync(library.blobs.pathOf(image.blobHash), targets[index]!);
      return { ...image, file: targets[index]! };
    });
    if (values.json) io.stdout(`${JSON.stringify(written, null, 2)}\n`);
    else io.stdout(`Wrote ${written.length} images to ${out} (seeds ${seed}–${seed + count - 1}); they are in the gallery too.\n`);
    return 0;
  }, backendOption(values.backend));
}
