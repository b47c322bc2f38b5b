/** Command-line spellings of latents and of the settings every latent command shares. */
import type { LatentSource, RenderSettings } from '../../preload/contract';
import { integerOption } from './options';
import { UsageError } from './usage';

/** `42` or `seed:42` (a seed), `output:17` (a gallery image's latent), `saved:3` (a saved latent). */
export function latentSourceOption(text: string, option: string): LatentSource {
  const match = /^(?:(seed|output|saved):)?(\d+)$/.exec(text.trim());
  if (!match) throw new UsageError(`${option}: "${text}" is not a latent; write a seed (42), output:ID or saved:ID`);
  const value = Number(match[2]);
  if (!Number.isSafeInteger(value)) throw new UsageError(`${option}: ${match[2]} is too large`);
  switch (match[1]) {
    case 'output':
      return { kind: 'output', outputId: value };
    case 'saved':
      return { kind: 'saved', latentId: value };
    default:
      return { kind: 'seed', seed: value };
  }
}

export function latentListOption(text: string | undefined, option: string): LatentSource[] {
  if (text === undefined) return [];
  return text.split(',').filter((part) => part.trim() !== '').map((part) => latentSourceOption(part, option));
}

export function numberOption(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) throw new UsageError(`${option} must be a number, got "${value}"`);
  return number;
}

/** The parseArgs options behind renderSettings. */
export const renderOptions = {
  checkpoint: { type: 'string' },
  truncation: { type: 'string' },
  class: { type: 'string' },
  ema: { type: 'boolean' },
} as const;

export function renderSettings(values: { checkpoint?: string | undefined; truncation?: string | undefined; class?: string | undefined; ema?: boolean | undefined }, command: string): RenderSettings {
  const checkpointId = integerOption(values.checkpoint, '--checkpoint');
  if (checkpointId === undefined) throw new UsageError(`${command} needs --checkpoint ID (see the Train view, or training runs' checkpoints)`);
  const truncation = numberOption(values.truncation, '--truncation');
  const chosenClass = integerOption(values.class, '--class');
  return {
    checkpointId,
    ...(values.ema !== undefined && { ema: values.ema }),
    ...(truncation !== undefined && { truncation }),
    ...(chosenClass !== undefined && { class: chosenClass }),
  };
}
