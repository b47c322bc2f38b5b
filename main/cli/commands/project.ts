import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ProjectionResult, SavedLatent } from '../../../preload/contract';
import { openProjectOption, withStudio, type CliIo } from '../context';
import { call } from '../../studio';
import { followJob } from '../follow-job';
import { backendOption, integerOption } from '../options';
import { copyOut, refuseExisting } from '../output-files';
import { UsageError } from '../usage';

/** `latent-studio project --checkpoint ID IMAGE [--steps N] [--out FILE] [--save NAME]`: the latent that best redraws IMAGE. */
export async function projectCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      project: { type: 'string' },
      checkpoint: { type: 'string' },
      ema: { type: 'boolean' },
      class: { type: 'string' },
      steps: { type: 'string' },
      out: { type: 'string' },
      save: { type: 'string' },
      backend: { type: 'string' },
    },
    allowPositionals: true,
    allowNegative: true,
    strict: true,
  });
  const checkpointId = integerOption(values.checkpoint, '--checkpoint');
  const [image, ...extra] = positionals;
  if (checkpointId === undefined || !image || extra.length > 0) throw new UsageError('project needs --checkpoint ID and one IMAGE');
  const steps = integerOption(values.steps, '--steps');
  const chosenClass = integerOption(values.class, '--class');
  if (values.out) refuseExisting([values.out], 'choose another --out');
  const request = {
    checkpointId,
    image: { path: resolve(image) },
    ...(values.ema !== undefined && { ema: values.ema }),
    ...(steps !== undefined && { steps }),
    ...(chosenClass !== undefined && { class: chosenClass }),
  };

  return withStudio(io, async (studio) => {
    await openProjectOption(studio, io, values.project);
    const result = await followJob(studio, io, 'project', () => call<ProjectionResult>(studio, 'latent.project', [request]));
    if (values.out) copyOut(studio.project.library.blobs.pathOf(result.blobHash), values.out);
    const saved = values.save
      ? await call<SavedLatent>(studio, 'latent.save', [{ name: values.save, checkpointId, source: { kind: 'output', outputId: result.outputId } }])
      : null;
    if (values.json) io.stdout(`${JSON.stringify({ ...result, savedLatent: saved }, null, 2)}\n`);
    else {
      io.stdout(
        `Projected ${image} in ${result.steps} steps: loss ${result.initialLoss.toFixed(4)} → ${result.finalLoss.toFixed(4)}. ` +
          `Its latent is output:${result.outputId}${saved ? ` and saved as "${saved.name}" (saved:${saved.latentId})` : ''}` +
          `${values.out ? `; the image is in ${values.out}` : ''}.\n`,
      );
    }
    return 0;
  }, backendOption(values.backend));
}
