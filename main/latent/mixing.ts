/** Latent arithmetic, crossover and mutation: children stored with their parents as lineage. */
import type { LatentImage, LatentSource, MixRequest } from '../../preload/contract';
import type { Library } from '../library/library';
import { drawLatents, storeImages, type Painter } from './drawing';
import { checkClass, generatorToDraw } from './models';
import { recordOf, resolveSource, withClass, type ResolvedLatent } from './sources';
import { crossover, latentArithmetic, mutate } from './space/breeding';
import type { LatentCode } from './space/code';

interface Brood {
  readonly children: LatentCode[];
  readonly parents: readonly { readonly role: string; readonly latent: ResolvedLatent }[];
  readonly details: Record<string, unknown>;
}

export async function mixLatents(library: Library, painter: Painter, request: MixRequest): Promise<LatentImage[]> {
  const generator = generatorToDraw(library, painter, request.checkpointId, request.ema);
  checkClass(generator, request.class, 'class');
  const truncation = request.truncation ?? 1;
  const resolve: Resolve = (role, source, field = role) => ({ role, latent: resolveSource(library, generator, source, `operation.${field}`) });
  const brood = breed(request.operation, resolve);
  const children = brood.children.map((child) => withClass(child, request.class));
  const batch = await drawLatents(painter, generator, children, truncation);
  const lineage = brood.parents.flatMap(({ role, latent }) => (latent.outputId === null ? [] : [{ outputId: latent.outputId, role }]));
  const parentRecords = Object.fromEntries(brood.parents.map(({ role, latent }) => [role, latent.record]));
  return storeImages(
    library,
    generator,
    truncation,
    batch,
    children.map((child, index) => ({
      kind: 'mix',
      latent: recordOf(child),
      details: { operation: request.operation.kind, parents: parentRecords, ...brood.details, child: index },
      parents: lineage,
    })),
  );
}

type Resolve = (role: string, source: LatentSource, field?: string) => { role: string; latent: ResolvedLatent };

function breed(operation: MixRequest['operation'], resolve: Resolve): Brood {
  switch (operation.kind) {
    case 'arithmetic': {
      const [a, b, c] = [resolve('a', operation.a), resolve('b', operation.b), resolve('c', operation.c)];
      return { children: [latentArithmetic(a.latent.code, b.latent.code, c.latent.code)], parents: [a, b, c], details: {} };
    }
    case 'crossover': {
      const [first, second] = [resolve('first', operation.parents[0], 'parents.0'), resolve('second', operation.parents[1], 'parents.1')];
      return {
        children: crossover(first.latent.code, second.latent.code, operation.children, operation.seed),
        parents: [first, second],
        details: { seed: operation.seed },
      };
    }
    case 'mutate': {
      const parent = resolve('parent', operation.parent);
      return {
        children: mutate(parent.latent.code, operation.strength, operation.children, operation.seed),
        parents: [parent],
        details: { seed: operation.seed, strength: operation.strength },
      };
    }
  }
}
