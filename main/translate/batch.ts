/**
 * A batch: every image of some files and folders, or of a dataset (one side
 * of a paired or unpaired set), translated and stored one after another. An
 * image that cannot be read or translated is reported by name and the batch
 * goes on; cancelling keeps what is done.
 */
import { StudioError, type BatchInputs, type TranslateBatchReport, type TranslateBatchRequest, type TranslationResult } from '../../preload/contract';
import { walkImages } from '../datasets/sources/walk';
import { isImportProblem } from '../datasets/problems';
import type { EngineAccess } from '../jobs/engine-work';
import type { Jobs } from '../jobs/jobs';
import type { Library } from '../library/library';
import { requireDataset } from '../library/repos/datasets';
import { itemsPage } from '../library/repos/items';
import { translatorToUse } from './models';
import { loadSource, loadStoredImage, nameOfFile, type LoadedSource } from './source';
import { storeTranslation, translateSource } from './translation';

/** One image of the batch, read only when its turn comes. */
interface BatchInput {
  readonly name: string;
  readonly load: () => Promise<LoadedSource>;
}

const itemsPerPage = 1000;

export async function translateBatch(library: Library, access: EngineAccess, jobs: Jobs, request: TranslateBatchRequest): Promise<TranslateBatchReport> {
  const translator = translatorToUse(library, access, request.checkpointId, request.direction);
  const { inputs, failed } = await listInputs(library, request.inputs);
  if (inputs.length === 0 && failed.length === 0) throw new StudioError('INVALID_ARGUMENT', 'inputs: there are no images to translate');
  const strength = request.strength ?? 1;
  const tool = request.tool ?? 'translate';
  const datasetId = 'dataset' in request.inputs ? requireDataset(library.db, request.inputs.dataset).id : undefined;
  const started = performance.now();

  return jobs.run(
    'translate-batch',
    `Translating ${inputs.length} images with ${translator.run.name}`,
    async (job) => {
      const results: TranslationResult[] = [];
      job.update(0, inputs.length, 'Starting');
      for (const [index, input] of inputs.entries()) {
        if (job.signal.aborted) break;
        const imageStarted = performance.now();
        try {
          const source = await input.load();
          const translated = await translateSource(access, translator, source, request, strength, {
            job,
            onTiles: (done, total) => job.update(index + done / total, inputs.length, `Image ${index + 1} of ${inputs.length}: ${input.name}`),
          });
          results.push(await storeTranslation(library, translator, source, translated, { tool, strength, seconds: (performance.now() - imageStarted) / 1000, datasetId }));
        } catch (error) {
          if (job.signal.aborted) break;
          failed.push({ name: input.name, message: (error as Error).message });
        }
        job.update(index + 1, inputs.length, `${index + 1} of ${inputs.length} translated`);
      }
      return { results, failed, cancelled: job.signal.aborted, seconds: (performance.now() - started) / 1000 };
    },
    (report) => `${report.results.length} translated${report.failed.length > 0 ? `, ${report.failed.length} failed` : ''}`,
    request.jobId,
  );
}

async function listInputs(library: Library, inputs: BatchInputs): Promise<{ inputs: BatchInput[]; failed: { name: string; message: string }[] }> {
  const found: BatchInput[] = [];
  const failed: { name: string; message: string }[] = [];
  if ('paths' in inputs) {
    for (const path of inputs.paths) {
      for await (const entry of walkImages(path)) {
        if (isImportProblem(entry)) failed.push({ name: nameOfFile(library, entry.source), message: entry.message });
        else found.push({ name: nameOfFile(library, entry.path), load: () => loadSource(library, { path: entry.path }, 'inputs') });
      }
    }
    return { inputs: found, failed };
  }
  const dataset = requireDataset(library.db, inputs.dataset);
  const filter = inputs.domain ? { domain: inputs.domain } : {};
  for (let offset = 0; ; offset += itemsPerPage) {
    const page = itemsPage(library.db, dataset.id, offset, itemsPerPage, filter);
    for (const item of page.items) found.push({ name: item.originalName, load: () => loadStoredImage(library, item.blobHash, item.originalName) });
    if (offset + itemsPerPage >= page.total) break;
  }
  return { inputs: found, failed };
}
