import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { LatentImage, MixOperation } from '../../../preload/contract';
import { openProjectOption, withStudio, type CliIo } from '../context';
import { call } from '../../studio';
import { latentListOption, numberOption, renderOptions, renderSettings } from '../latent-options';
import { backendOption, integerOption } from '../options';
import { copyOut, refuseExisting } from '../output-files';
import { UsageError } from '../usage';

/**
 * `latent-studio mix --checkpoint ID (--arithmetic A,B,C | --crossover P,Q | --mutate P [--strength S]) [--children N] --out DIR`:
 * child-1.png … in DIR, in the gallery with their parents as lineage.
 */
export async function mixCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      project: { type: 'string' },
      arithmetic: { type: 'string' },
      crossover: { type: 'string' },
      mutate: { type: 'string' },
      strength: { type: 'string', default: '0.3' },
      children: { type: 'string', default: '8' },
      seed: { type: 'string', default: '0' },
      out: { type: 'string' },
      backend: { type: 'string' },
      ...renderOptions,
    },
    allowNegative: true,
    strict: true,
  });
  const settings = renderSettings(values, 'mix');
  if (!values.out) throw new UsageError('mix needs --out DIR');
  const operation = operationOf(values);
  const out = values.out;
  const count = operation.kind === 'arithmetic' ? 1 : operation.children;
  const targets = Array.from({ length: count }, (_, index) => join(out, `child-${index + 1}.png`));
  refuseExisting(targets, 'choose another --out');

  return withStudio(io, async (studio) => {
    await openProjectOption(studio, io, values.project);
    const children = await call<LatentImage[]>(studio, 'latent.mix', [{ ...settings, operation }]);
    const written = children.map((child, index) => {
      copyOut(studio.project.library.blobs.pathOf(child.blobHash), targets[index]!);
      return { ...child, file: targets[index]! };
    });
    if (values.json) io.stdout(`${JSON.stringify(written, null, 2)}\n`);
    else io.stdout(`Wrote ${written.length} ${written.length === 1 ? 'child' : 'children'} to ${out} (outputs ${written.map((child) => child.outputId).join(', ')}).\n`);
    return 0;
  }, backendOption(values.backend));
}

function operationOf(values: { arithmetic?: string | undefined; crossover?: string | undefined; mutate?: string | undefined; strength: string; children: string; seed: string }): MixOperation {
  const chosen = (['arithmetic', 'crossover', 'mutate'] as const).filter((name) => values[name] !== undefined);
  if (chosen.length !== 1) throw new UsageError('mix needs exactly one of --arithmetic A,B,C, --crossover P,Q or --mutate P');
  const children = integerOption(values.children, '--children')!;
  const seed = integerOption(values.seed, '--seed')!;
  switch (chosen[0]!) {
    case 'arithmetic': {
      const [a, b, c, ...rest] = latentListOption(values.arithmetic, '--arithmetic');
      if (!a || !b || !c || rest.length > 0) throw new UsageError('--arithmetic takes three latents, A,B,C, for A − B + C');
      return { kind: 'arithmetic', a, b, c };
    }
    case 'crossover': {
      const [first, second, ...rest] = latentListOption(values.crossover, '--crossover');
      if (!first || !second || rest.length > 0) throw new UsageError('--crossover takes two parents, P,Q');
      return { kind: 'crossover', parents: [first, second], children, seed };
    }
    case 'mutate': {
      const [parent, ...rest] = latentListOption(values.mutate, '--mutate');
      if (!parent || rest.length > 0) throw new UsageError('--mutate takes one parent');
      return { kind: 'mutate', parent, strength: numberOption(values.strength, '--strength')!, children, seed };
    }
  }
}
