/**
 * What other views can take up from an output, read from its provenance: the
 * latent for Explore (outputs of the latent tools record one), the image as a
 * source for Translate, the settings of a translation, the run for Train.
 */
import type { GalleryReuse, OutputKind } from '../../preload/contract';

interface ReusedOutput {
  readonly id: number;
  readonly kind: OutputKind;
  readonly runId: number | null;
  readonly checkpointId: number | null;
  readonly provenance: Readonly<Record<string, unknown>>;
}

/** Animations (and the ZIPs of PNG frames they can be) are not one picture to translate. */
const stillImageKinds: ReadonlySet<OutputKind> = new Set<OutputKind>(['sample', 'mix', 'projection', 'interpolation-frame', 'translation', 'style', 'sketch', 'upload', 'preview']);

export function reuseOf(output: ReusedOutput): GalleryReuse {
  const { provenance } = output;
  const hasLatent = typeof provenance['latent'] === 'object' && provenance['latent'] !== null;
  return {
    latent: hasLatent
      ? {
          source: { kind: 'output', outputId: output.id },
          checkpointId: output.checkpointId,
          truncation: typeof provenance['truncation'] === 'number' ? provenance['truncation'] : null,
          ema: typeof provenance['ema'] === 'boolean' ? provenance['ema'] : null,
        }
      : null,
    translateSource: stillImageKinds.has(output.kind) ? { outputId: output.id } : null,
    translateSettings: translateSettingsOf(output),
    train: output.runId !== null ? { runId: output.runId, checkpointId: output.checkpointId } : null,
  };
}

function translateSettingsOf({ kind, checkpointId, provenance }: ReusedOutput): GalleryReuse['translateSettings'] {
  const { direction, strength } = provenance;
  if ((kind !== 'translation' && kind !== 'style') || checkpointId === null || (direction !== 'AtoB' && direction !== 'BtoA')) return null;
  return { checkpointId, direction, strength: typeof strength === 'number' ? strength : 1 };
}
