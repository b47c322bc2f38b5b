/**
 * How a recalled image's provenance reads, and what reopening it takes. Pure,
 * so the wording is unit-tested. An output in this project reopens as the
 * Gallery's viewer reopens it; otherwise Explore takes the latent by seed or
 * by gallery output, so the link there says which, and Translate and Style
 * open on the checkpoint from their link.
 */
import type { LatentSource, RecallResult } from '../../../preload/contract';

export interface RecallFact {
  readonly label: string;
  readonly value: string;
}

/**
 * How to reopen the image: its output taken up in the view that made it (the
 * output is in this project), a link and what to do there (it is not, but
 * its model is), or, when its model is missing, the way to import it.
 */
export type RestoreAction =
  | { readonly kind: 'reopen'; readonly label: string; readonly instructions: string }
  | { readonly kind: 'link'; readonly href: string; readonly label: string; readonly instructions: string }
  | { readonly kind: 'import-model'; readonly instructions: string };

const viewLabels = { explore: 'Explore', translate: 'Translate', style: 'Style' } as const;

/** Length of a latent recorded as base64 float32s. */
export function latentLength(vector: string): number {
  const padding = vector.endsWith('==') ? 2 : vector.endsWith('=') ? 1 : 0;
  return Math.floor(((vector.length * 3) / 4 - padding) / 4);
}

/** "seed 42", "gallery output 17", "saved latent 3", "a point of seed map 9". */
export function latentName(source: LatentSource): string {
  if (source.kind === 'seed') return `seed ${source.seed}`;
  if (source.kind === 'output') return `gallery output ${source.outputId}`;
  if (source.kind === 'saved') return `saved latent ${source.latentId}`;
  return `a point of seed map ${source.seed}`;
}

/** The provenance as rows of a definition list; what it does not record is left out. */
export function recallFacts(result: RecallResult): RecallFact[] {
  const facts: RecallFact[] = [];
  const add = (label: string, value: string | null) => {
    if (value !== null) facts.push({ label, value });
  };
  add('Image', `${result.width} × ${result.height} ${result.format.toUpperCase()}${result.carrier ? ` · provenance in ${result.carrier.toUpperCase()}` : ''}`);
  const { settings, restore, exported, latent, output } = result;
  add('Tool', settings?.tool ?? null);
  if (restore.checkpoint) add('Checkpoint', `${restore.checkpoint.runName} · step ${restore.checkpoint.step.toLocaleString('en')}`);
  else if (exported?.checkpointSha256) add('Checkpoint', `not in this project (SHA-256 ${exported.checkpointSha256.slice(0, 12)}…)`);
  if (latent?.seed !== null && latent?.seed !== undefined) add('Latent', `seed ${latent.seed}`);
  else if (latent?.vector) add('Latent', `${latentLength(latent.vector)} numbers, recorded in the file`);
  add('Class', text(settings?.class ?? latent?.class ?? null));
  add('Truncation ψ', text(settings?.truncation ?? null));
  const ema = settings?.ema ?? null;
  add('Weights', ema === null ? null : ema ? 'moving average (EMA)' : 'as last trained');
  add('Direction', settings?.direction ? settings.direction.replace('AtoB', 'A → B').replace('BtoA', 'B → A') : null);
  add('Strength', text(settings?.strength ?? null));
  if (settings?.source) add('Source', settings.source.name ?? (settings.source.outputId === null ? null : `output ${settings.source.outputId}`));
  if (output) {
    const notes = [output.kept ? 'kept just now' : null, output.trashed ? 'in the trash' : null].filter((note) => note !== null);
    add('In this project', `output ${output.outputId}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`);
  } else if (exported) add('In this project', `no: it was output ${exported.outputId} where it was exported`);
  return facts;
}

/** Explore's "Latent by" menu takes seeds and gallery outputs by number. */
function latentByHint(source: LatentSource): string {
  if (source.kind === 'seed') return ' (Latent by: Seed)';
  return source.kind === 'output' ? ' (Latent by: Gallery output id)' : '';
}

function text(value: number | null): string | null {
  return value === null ? null : String(value);
}

/** Where to reopen it and how; null when the provenance names no view to reopen it in. */
export function restoreAction(result: RecallResult): RestoreAction | null {
  const { view, checkpoint, latent, sourceOutputId } = result.restore;
  if (!result.found || view === null) return null;
  const viewName = viewLabels[view];
  if (!checkpoint) {
    return {
      kind: 'import-model',
      instructions: `The checkpoint that made it is not in this project: import its model bundle or checkpoint under Models, then recall the image again to open it in ${viewName}.`,
    };
  }
  const model = `${checkpoint.runName} · step ${checkpoint.step.toLocaleString('en')}`;
  if (result.output) {
    const what = view === 'explore' ? `its latent goes onto Explore’s path, drawn by ${model}` : `${viewName} opens on ${model} with output ${result.output.outputId}`;
    return { kind: 'reopen', label: `Open in ${viewName}`, instructions: `Output ${result.output.outputId} is in this project: ${what}.` };
  }
  if (view === 'explore') {
    const how = latent ? `, then add ${latentName(latent)}${latentByHint(latent)} to a tool` : '';
    return { kind: 'link', href: '#/explore', label: 'Open in Explore', instructions: `In Explore, choose ${model}${how}.` };
  }
  const source = sourceOutputId === null ? 'the source image' : `gallery output ${sourceOutputId}`;
  return { kind: 'link', href: `#/${view}?checkpoint=${checkpoint.checkpointId}`, label: `Open in ${viewName}`, instructions: `${viewName} opens on ${model}; translate ${source} again there.` };
}
