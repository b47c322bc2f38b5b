import { describe, expect, it } from 'vitest';
import type { RecallResult } from '../../../preload/contract';
import { latentLength, latentName, recallFacts, restoreAction } from '../../../renderer/src/lib/export-recall';

const checkpoint = { checkpointId: 4, runId: 2, runName: 'Fashion · DCGAN 32 px', step: 1200 };

function recalled(overrides: Partial<RecallResult> = {}): RecallResult {
  return {
    found: true,
    message: 'Recalled seed 42 from Fashion · DCGAN 32 px.',
    carrier: 'xmp',
    width: 64,
    height: 64,
    format: 'webp',
    provenance: { tool: 'sample', seed: 42 },
    exported: { outputId: 17, blobHash: 'ab'.repeat(32), checkpointSha256: 'cd'.repeat(32) },
    output: { outputId: 17, url: '/asset/blob/ab', kept: false, trashed: false },
    latent: { seed: 42, vector: null, class: null },
    settings: { tool: 'sample', truncation: 0.7, class: null, ema: true, direction: null, strength: null, source: null },
    restore: { view: 'explore', checkpoint, latent: { kind: 'output', outputId: 17 }, sourceOutputId: null },
    ...overrides,
  };
}

describe('recalled facts', () => {
  it('lists what the provenance records, leaving out what it does not', () => {
    expect(recallFacts(recalled())).toEqual([
      { label: 'Image', value: '64 × 64 WEBP · provenance in XMP' },
      { label: 'Tool', value: 'sample' },
      { label: 'Checkpoint', value: 'Fashion · DCGAN 32 px · step 1,200' },
      { label: 'Latent', value: 'seed 42' },
      { label: 'Truncation ψ', value: '0.7' },
      { label: 'Weights', value: 'moving average (EMA)' },
      { label: 'In this project', value: 'output 17' },
    ]);
  });

  it('says when the checkpoint and the output are not in this project, and how long a recorded latent is', () => {
    const facts = recallFacts(
      recalled({
        output: null,
        latent: { seed: null, vector: 'A'.repeat(342) + '==', class: 3 },
        settings: { tool: 'mix', truncation: null, class: 3, ema: false, direction: null, strength: null, source: null },
        restore: { view: 'explore', checkpoint: null, latent: null, sourceOutputId: null },
      }),
    );
    expect(facts).toContainEqual({ label: 'Checkpoint', value: 'not in this project (SHA-256 cdcdcdcdcdcd…)' });
    expect(facts).toContainEqual({ label: 'Latent', value: '64 numbers, recorded in the file' });
    expect(facts).toContainEqual({ label: 'Class', value: '3' });
    expect(facts).toContainEqual({ label: 'Weights', value: 'as last trained' });
    expect(facts).toContainEqual({ label: 'In this project', value: 'no: it was output 17 where it was exported' });
  });

  it('names a translation’s direction, strength and source', () => {
    const facts = recallFacts(
      recalled({
        latent: null,
        settings: { tool: 'style', truncation: null, class: null, ema: null, direction: 'BtoA', strength: 0.5, source: { outputId: null, name: 'beach.jpg' } },
        output: { outputId: 9, url: '/x', kept: true, trashed: true },
      }),
    );
    expect(facts).toContainEqual({ label: 'Direction', value: 'B → A' });
    expect(facts).toContainEqual({ label: 'Strength', value: '0.5' });
    expect(facts).toContainEqual({ label: 'Source', value: 'beach.jpg' });
    expect(facts).toContainEqual({ label: 'In this project', value: 'output 9 (kept just now, in the trash)' });
  });
});

describe('latents', () => {
  it('measures base64 float32 vectors and names sources', () => {
    expect(latentLength('AAAAAA==')).toBe(1);
    expect(latentLength('A'.repeat(16))).toBe(3);
    expect(latentName({ kind: 'seed', seed: 5 })).toBe('seed 5');
    expect(latentName({ kind: 'output', outputId: 8 })).toBe('gallery output 8');
    expect(latentName({ kind: 'saved', latentId: 2 })).toBe('saved latent 2');
  });
});

describe('restoring', () => {
  it('reopens an output of this project where it was made', () => {
    expect(restoreAction(recalled())).toEqual({
      kind: 'reopen',
      label: 'Open in Explore',
      instructions: 'Output 17 is in this project: its latent goes onto Explore’s path, drawn by Fashion · DCGAN 32 px · step 1,200.',
    });
  });

  it('links to Explore with what to do there when only the model is here', () => {
    const action = restoreAction(recalled({ output: null, restore: { view: 'explore', checkpoint, latent: { kind: 'seed', seed: 42 }, sourceOutputId: null } }));
    expect(action).toEqual({ kind: 'link', href: '#/explore', label: 'Open in Explore', instructions: 'In Explore, choose Fashion · DCGAN 32 px · step 1,200, then add seed 42 (Latent by: Seed) to a tool.' });
  });

  it('opens Translate and Style on the checkpoint', () => {
    const action = restoreAction(recalled({ output: null, restore: { view: 'style', checkpoint, latent: null, sourceOutputId: 5 } }));
    expect(action).toMatchObject({ kind: 'link', href: '#/style?checkpoint=4', label: 'Open in Style' });
    expect(action && 'instructions' in action ? action.instructions : '').toContain('gallery output 5');
  });

  it('asks for the model when its checkpoint is not here, and offers nothing without provenance', () => {
    expect(restoreAction(recalled({ restore: { view: 'translate', checkpoint: null, latent: null, sourceOutputId: null } }))).toMatchObject({ kind: 'import-model' });
    expect(restoreAction(recalled({ found: false, restore: { view: null, checkpoint: null, latent: null, sourceOutputId: null } }))).toBeNull();
  });
});
