/**
 * Checkpoints written before generators could upsample by resizing (their
 * configs have no `upsample` or `padding`) still load as the transposed,
 * zero-padded networks they were, and draw exactly the pixels they drew.
 * tests/fixtures/legacy-checkpoints holds tiny ones written by that code
 * (make-legacy.ts.txt beside them, run with tsx in a checkout of commit 21ab0a8) and the SHA-256 of what it drew.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCheckpoint } from '../../../../../main/formats/checkpoint-file';
import { generatePixels, latentsForSeeds, predictWith } from '../../../../../main/engine/latent/generate';
import { loadGenerator } from '../../../../../main/engine/latent/loaded-generator';
import type { ImageBatch } from '../../../../../main/engine/metrics/image-batch';
import { loadTranslator } from '../../../../../main/engine/translate/loaded-translator';
import { translateWhole } from '../../../../../main/engine/translate/translate-image';
import { useCpuBackend } from './ml-fixtures';

const folder = join(__dirname, '../../../../fixtures/legacy-checkpoints');
const drawnBefore = JSON.parse(readFileSync(join(folder, 'drawn.json'), 'utf8')) as Record<string, string>;
const sha256 = (pixels: Uint8Array) => createHash('sha256').update(pixels).digest('hex');

/** The input the fixtures were translated from: a fixed 64×32 pattern. */
const pattern: ImageBatch = { count: 1, height: 32, width: 64, channels: 3, pixels: Uint8Array.from({ length: 32 * 64 * 3 }, (_, i) => (i * 37 + (i >> 7) * 11) % 256) };

/** A network that drew one flat colour would match whatever it was built as: the fixtures draw varied pixels. */
function expectVaried(image: ImageBatch): void {
  expect(new Set(image.pixels).size).toBeGreaterThan(20);
}

beforeAll(useCpuBackend);

describe('checkpoints from before resize-convolution upsampling', () => {
  it('read as transposed convolutions with zero padding', () => {
    expect(readCheckpoint(join(folder, 'dcgan-32.lsck')).state.config).toMatchObject({ architecture: 'dcgan', upsample: 'transposed' });
    for (const name of ['pix2pix-32', 'cyclegan-32']) {
      expect(readCheckpoint(join(folder, `${name}.lsck`)).state.config).toMatchObject({ upsample: 'transposed', padding: 'zeros' });
    }
  });

  it('a DCGAN draws the same pixels as before', async () => {
    const loaded = loadGenerator(join(folder, 'dcgan-32.lsck'), false);
    expect(loaded.generator.layers.map((layer) => layer.getClassName())).toContain('Conv2DTranspose');
    const latents = { ...latentsForSeeds(loaded.config, [1, 2, 3, 4]), labels: Int32Array.from([0, 1, 0, 1]) };
    const drawn = await generatePixels(predictWith(loaded.generator), loaded.config, latents);
    expectVaried(drawn);
    expect(sha256(drawn.pixels)).toBe(drawnBefore['dcgan-32']);
  });

  it('pix2pix and CycleGAN translate to the same pixels as before', () => {
    const cases = [['pix2pix-32', 'AtoB', 'pix2pix-32'], ['cyclegan-32', 'AtoB', 'cyclegan-32-AtoB'], ['cyclegan-32', 'BtoA', 'cyclegan-32-BtoA']] as const;
    for (const [file, direction, key] of cases) {
      const translated = translateWhole(loadTranslator(join(folder, `${file}.lsck`), direction), pattern);
      expectVaried(translated);
      expect(sha256(translated.pixels), key).toBe(drawnBefore[key]);
    }
  });
});
