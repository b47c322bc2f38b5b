import { parseArgs } from 'node:util';
import type { SavedLatent } from '../../../preload/contract';
import { openProjectOption, withStudio, type CliIo } from '../context';
import { call } from '../../studio';
import { latentSourceOption } from '../latent-options';
import { integerOption } from '../options';
import { UsageError } from '../usage';

/**
 * `latent-studio latents` lists saved latents; `latents save NAME LATENT --checkpoint ID`,
 * `latents rename ID NAME` and `latents forget ID` change them.
 */
export async function latentsCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { json: { type: 'boolean', default: false }, project: { type: 'string' }, checkpoint: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [action = 'list', ...rest] = positionals;
  const call$ = (method: string, argument?: unknown) =>
    withStudio(
      io,
      async (studio) => {
        await openProjectOption(studio, io, values.project);
        return call<unknown>(studio, method, argument === undefined ? [] : [argument]);
      },
      undefined,
      action === 'list' ? 'read' : 'write',
    );
  const print = (value: unknown, text: string) => io.stdout(values.json ? `${JSON.stringify(value ?? { ok: true }, null, 2)}\n` : text);

  switch (action) {
    case 'list': {
      const latents = (await call$('latent.saved')) as SavedLatent[];
      print(latents, latents.length === 0 ? 'No saved latents yet.\n' : latents.map((latent) => `saved:${latent.latentId}  ${latent.name}  (${latent.latentSize} numbers${latent.class === null ? '' : `, class ${latent.class}`})\n`).join(''));
      return 0;
    }
    case 'save': {
      const [name, source] = rest;
      const checkpointId = integerOption(values.checkpoint, '--checkpoint');
      if (!name || !source || checkpointId === undefined) throw new UsageError('latents save needs NAME, a LATENT (42, output:ID, saved:ID) and --checkpoint ID');
      const saved = (await call$('latent.save', { name, checkpointId, source: latentSourceOption(source, 'LATENT') })) as SavedLatent;
      print(saved, `Saved "${saved.name}" as saved:${saved.latentId}.\n`);
      return 0;
    }
    case 'rename': {
      const [id, name] = rest;
      const latentId = integerOption(id, 'ID');
      if (latentId === undefined || !name) throw new UsageError('latents rename needs ID and NAME');
      const renamed = (await call$('latent.rename', { latentId, name })) as SavedLatent;
      print(renamed, `saved:${renamed.latentId} is now "${renamed.name}".\n`);
      return 0;
    }
    case 'forget': {
      const latentId = integerOption(rest[0], 'ID');
      if (latentId === undefined) throw new UsageError('latents forget needs ID');
      await call$('latent.forget', { latentId });
      print(null, `Forgot saved:${latentId}.\n`);
      return 0;
    }
    default:
      throw new UsageError(`latents: unknown action "${action}" (list, save, rename, forget)`);
  }
}
