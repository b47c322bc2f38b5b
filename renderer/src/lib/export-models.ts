/**
 * The checkpoints the Models tab can export, from the two lists the studio
 * keeps (Explore's generators and the translation models), and how a model
 * bundle's summary reads. Pure, so the naming rules are unit-tested.
 */
import type { ExploreModel, ModelArchitecture, ModelSourceSummary, TranslateModel } from '../../../preload/contract';
import { modelLabels } from './model-families';

export interface ExportableModel {
  readonly checkpointId: number;
  readonly architecture: ModelArchitecture;
  /** "Fashion · DCGAN 32 px · step 1,000". */
  readonly label: string;
  /** A FastGAN or DCGAN with a moving average of its weights: the bundle may hold either. */
  readonly hasEma: boolean;
  readonly createdAt: number;
}

/** Every checkpoint, newest first; run names already name the family and size unless renamed, so those are added only when missing. */
export function exportableModels(generators: readonly ExploreModel[], translators: readonly TranslateModel[]): ExportableModel[] {
  const all: ExportableModel[] = [
    ...generators.map((model) => entry(model.checkpointId, model.architecture, model.runName, model.resolution, model.step, model.hasEma, model.createdAt)),
    ...translators.map((model) => entry(model.checkpointId, model.architecture, model.runName, model.resolution, model.step, false, model.createdAt)),
  ];
  return all.sort((a, b) => b.createdAt - a.createdAt || b.checkpointId - a.checkpointId);
}

function entry(checkpointId: number, architecture: ModelArchitecture, runName: string, resolution: number, step: number, hasEma: boolean, createdAt: number): ExportableModel {
  const family = modelLabels[architecture];
  const named = runName.includes(family) ? runName : `${runName} · ${family} ${resolution} px`;
  return { checkpointId, architecture, label: `${named} · step ${step.toLocaleString('en')}`, hasEma, createdAt };
}

/** "DCGAN 32 px, step 12, latent 64, 10 classes · trained on Fashion in Studio": a bundle or checkpoint before it is imported. */
export function sourceSummaryLine(summary: ModelSourceSummary): string {
  const facts = [`${modelLabels[summary.architecture]} ${summary.resolution} px`, `step ${summary.step.toLocaleString('en')}`];
  if (summary.latentSize !== null) facts.push(`latent ${summary.latentSize}`);
  if (summary.classNames.length > 0) facts.push(`${summary.classNames.length} classes`);
  if (summary.directions.length > 0) facts.push(summary.directions.map((direction) => (direction === 'AtoB' ? 'A → B' : 'B → A')).join(' and '));
  const origin = [summary.dataset ? `trained on ${summary.dataset}` : null, summary.project ? `in ${summary.project}` : null].filter((part) => part !== null);
  return `${facts.join(', ')}${origin.length > 0 ? ` · ${origin.join(' ')}` : ''}`;
}

/** Where an imported model is used, with its link. */
export function usedInLink(usableIn: ModelSourceSummary['usableIn'], checkpointId: number): { readonly href: string; readonly label: string } {
  return usableIn === 'explore' ? { href: '#/explore', label: 'Open Explore' } : { href: `#/translate?checkpoint=${checkpointId}`, label: 'Open in Translate' };
}
