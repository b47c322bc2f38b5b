/** The translate namespace: Translate's and Style's tools, each translating with the engine and storing what it makes with its provenance. */
import type { StudioApi, TranslationResult } from '../../preload/contract';
import type { EngineHost } from '../engine/host';
import { engineAccess } from '../jobs/engine-work';
import type { Jobs } from '../jobs/jobs';
import type { CurrentProject } from '../library/current-project';
import type { ComputeBackends } from '../system/compute';
import { translateBatch } from './batch';
import { translateModels, translatorToUse } from './models';
import { previewTranslation } from './preview';
import { loadSource } from './source';
import { storeTranslation, translateSource } from './translation';

export function translateService(project: CurrentProject, engine: EngineHost, compute: ComputeBackends, jobs: Jobs): StudioApi['translate'] {
  const access = engineAccess(engine, compute, jobs);
  return {
    models: async () => translateModels(project.library),

    image: async (request) => {
      const library = project.library;
      const translator = translatorToUse(library, access, request.checkpointId, request.direction);
      const source = await loadSource(library, request.source);
      const strength = request.strength ?? 1;
      return jobs.run(
        'translate',
        `Translating ${source.name} with ${translator.run.name}`,
        async (job) => {
          const started = performance.now();
          const translated = await translateSource(access, translator, source, request, strength, { job, onTiles: (done, total) => job.update(done, total, `Tile ${done} of ${total}`) });
          return storeTranslation(library, translator, source, translated, { tool: request.tool ?? 'translate', strength, seconds: (performance.now() - started) / 1000 });
        },
        (result) => `${result.width}×${result.height}${result.tiles > 0 ? ` in ${result.tiles} tiles` : ''}`,
        request.jobId,
      );
    },

    preview: (request) => previewTranslation(project.library, access, request),

    batch: (request) => translateBatch(project.library, access, jobs, request),

    compare: async (request) => {
      const library = project.library;
      const translators = request.styles.map((style, index) => ({ translator: translatorToUse(library, access, style.checkpointId, style.direction), strength: style.strength ?? 1, index }));
      const source = await loadSource(library, request.source);
      return jobs.run(
        'translate-compare',
        `Comparing ${translators.length} styles on ${source.name}`,
        async (job) => {
          const results: TranslationResult[] = [];
          for (const { translator, strength, index } of translators) {
            const started = performance.now();
            const onTiles = (done: number, total: number) => job.update(index + done / total, translators.length, `Style ${index + 1} of ${translators.length}: ${translator.run.name}`);
            const translated = await translateSource(access, translator, source, request, strength, { job, onTiles });
            results.push(await storeTranslation(library, translator, source, translated, { tool: 'style', strength, seconds: (performance.now() - started) / 1000 }));
          }
          return results;
        },
        (results) => `${results.length} styles`,
        request.jobId,
      );
    },
  };
}
