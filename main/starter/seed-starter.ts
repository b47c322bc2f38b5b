/**
 * Fills a new default project with the starter content, as one job with
 * progress (kind `starter-project`), through the same API the views call.
 * Every step first looks for its result, so a run that was killed carries on
 * where it stopped: a dataset imported whole or a model already registered
 * is kept; a dataset left half imported is replaced. When the person opens
 * another project meanwhile, the work stops and resumes at the next launch.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StudioError, type DatasetSummary, type ImportModelReport, type LatentImage, type RunDetail, type RunSummary, type TranslationResult } from '../../preload/contract';
import type { Job } from '../jobs/jobs';
import { describeScene } from '../scenes/describe-scene';
import { renderScenePng } from '../scenes/render-scene';
import { writeSceneDataset } from '../scenes/scene-dataset';
import { call, type Studio } from '../studio';
import { starterDatasets, starterModels, starterOutputs, type StarterDataset, type StarterModel, type StarterScenes } from './starter-content';
import { clearStarterPending } from './starter-marker';

export interface StarterReport {
  readonly datasets: number;
  readonly models: number;
  readonly outputs: number;
}

export function seedStarterProject(studio: Studio, starterDir: string, projectRoot: string): Promise<StarterReport> {
  const steps = starterDatasets.length + Object.keys(starterModels).length + 1;
  return studio.jobs.run(
    'starter-project',
    'Setting up the starter project',
    async (job) => {
      const seeding = new Seeding(studio, job, projectRoot, steps);
      const scratch = mkdtempSync(join(tmpdir(), 'studio-starter-'));
      try {
        for (const dataset of starterDatasets) await seeding.step(`Adding the ${dataset.name} dataset`, () => seeding.dataset(dataset, starterDir, scratch));
        const checkpoints = new Map<StarterModel, number>();
        for (const model of Object.values(starterModels)) {
          await seeding.step(`Adding the model ${model.runName}`, async () => void checkpoints.set(model, await seeding.model(model, starterDir)));
        }
        const outputs = await seeding.step('Drawing the first images', () => seeding.outputs(checkpoints));
        clearStarterPending(projectRoot);
        // Every view reads the project afresh, as after opening it.
        await seeding.call('library.open', { path: projectRoot });
        return { datasets: starterDatasets.length, models: checkpoints.size, outputs };
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    },
    (report) => `${report.datasets} datasets, ${report.models} models and ${report.outputs} images ready`,
  );
}

class Seeding {
  #done = 0;
  readonly #drawn = new Set<string>();

  constructor(
    private readonly studio: Studio,
    private readonly job: Job,
    private readonly projectRoot: string,
    private readonly steps: number,
  ) {}

  async step<T>(message: string, work: () => Promise<T>): Promise<T> {
    if (this.job.signal.aborted) throw new StudioError('CANCELLED', `${this.job.title} was cancelled; it carries on at the next launch`);
    if (this.studio.project.summary?.path !== this.projectRoot) throw new StudioError('CANCELLED', 'Another project was opened; the starter project is finished at the next launch');
    this.job.update(this.#done, this.steps, message);
    const result = await work();
    this.job.update(++this.#done, this.steps, message);
    return result;
  }

  call<T>(method: string, argument?: unknown): Promise<T> {
    return call<T>(this.studio, method, argument === undefined ? [] : [argument]);
  }

  async dataset(dataset: StarterDataset, starterDir: string, scratch: string): Promise<void> {
    const existing = (await this.call<DatasetSummary[]>('datasets.list')).find((summary) => summary.name === dataset.name);
    // A paired dataset holds an item per side.
    if (existing?.itemCount === (dataset.kind === 'scenes' ? dataset.count * dataset.views.length : dataset.count)) return;
    if (existing) await this.call('datasets.delete', { dataset: dataset.name });
    const paired = dataset.kind === 'scenes' && dataset.views.length === 2;
    await this.call('datasets.create', { name: dataset.name, kind: paired ? 'paired' : 'images', notes: dataset.notes });
    const paths = dataset.kind === 'files' ? [join(starterDir, dataset.file)] : await this.scenes(dataset, scratch);
    await this.call('datasets.import', { dataset: dataset.name, paths, ...(paired && { pairing: 'matched-folders' }) });
  }

  /** The scenes' folders, one per view, drawn into the scratch folder once per size and seed range (two datasets share them). */
  async scenes(dataset: StarterScenes, scratch: string): Promise<string[]> {
    const out = join(scratch, `scenes-${dataset.size}-${dataset.seed}-${dataset.count}`);
    if (!this.#drawn.has(out)) {
      await writeSceneDataset({ out, count: dataset.count, seed: dataset.seed, size: { width: dataset.size, height: dataset.size }, layout: 'folders' });
      this.#drawn.add(out);
    }
    return dataset.views.map((view) => join(out, view));
  }

  /** The model's checkpoint, imported from its bundle unless a run of its name is here already. */
  async model(model: StarterModel, starterDir: string): Promise<number> {
    const existing = (await this.call<RunSummary[]>('training.list')).find((run) => run.name === model.runName);
    if (existing) return (await this.call<RunDetail>('training.get', { runId: existing.id })).checkpoints.at(-1)!.id;
    return (await this.call<ImportModelReport>('models.import', { path: join(starterDir, model.bundle), name: model.runName })).checkpointId;
  }

  /** A few images in the gallery, drawn once: none are drawn again into a project that has any. */
  async outputs(checkpoints: ReadonlyMap<StarterModel, number>): Promise<number> {
    const count = this.studio.project.library.db.prepare('SELECT count(*) FROM outputs').pluck().get() as number;
    if (count > 0) return count;
    const checkpointOf = (model: StarterModel) => checkpoints.get(model)!;
    const landscapes = await this.call<LatentImage[]>('latent.sample', { checkpointId: checkpointOf(starterModels.landscapes), ...starterOutputs.landscapeGrid });
    const garments = await this.call<LatentImage[]>('latent.sample', { checkpointId: checkpointOf(starterModels.fashion), ...starterOutputs.fashionGrid });
    const sketch = await renderScenePng(describeScene(starterOutputs.sketchSeed), { width: 128, height: 128 }, 'sketch');
    const day = await this.call<TranslationResult>('translate.image', { checkpointId: checkpointOf(starterModels.sketchToDay), source: { png: sketch.toString('base64') }, tool: 'translate' });
    await this.call<TranslationResult>('translate.image', { checkpointId: checkpointOf(starterModels.dayToNight), source: { outputId: day.outputId }, tool: 'style' });
    // The drawing, its day image and its night image.
    return landscapes.length + garments.length + 3;
  }
}
