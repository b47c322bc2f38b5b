/** The datasets namespace of the API: arguments arrive validated by the dispatcher. */
import { StudioError, type StudioApi } from '../../preload/contract';
import type { Jobs } from '../jobs/jobs';
import type { CurrentProject } from '../library/current-project';
import {
  classCounts,
  createDataset,
  datasetSummary,
  deleteDataset,
  domainCounts,
  findDataset,
  listDatasets,
  nearDuplicateCount,
  pairCount,
  requireDataset,
} from '../library/repos/datasets';
import { latestProblems } from '../library/repos/imports';
import { itemsPage } from '../library/repos/items';
import { runImport } from './import';
import { checkDatasetPair, makePairedDataset } from './pairing';
import { preparedCaches, prepareDataset, removePreparedCaches } from './prepared';

const problemsShown = 500;

export function datasetsService(project: CurrentProject, jobs: Jobs): StudioApi['datasets'] {
  return {
    create: async ({ name, kind, notes }) => {
      const { db } = project.library;
      return datasetSummary(db, createDataset(db, name, kind, notes).id);
    },

    list: async () => listDatasets(project.library.db),

    get: async ({ dataset }) => {
      const library = project.library;
      const { db } = library;
      const row = requireDataset(db, dataset);
      return {
        ...datasetSummary(db, row.id),
        classCounts: classCounts(db, row.id),
        domainCounts: domainCounts(db, row.id),
        pairCount: pairCount(db, row.id),
        nearDuplicateCount: nearDuplicateCount(db, row.id),
        prepared: preparedCaches(library, row),
        problems: latestProblems(db, row.id, problemsShown),
      };
    },

    items: async ({ dataset, offset, limit, classLabel, domain }) => {
      const { db } = project.library;
      const filter = { ...(classLabel !== undefined && { classLabel }), ...(domain !== undefined && { domain }) };
      return itemsPage(db, requireDataset(db, dataset).id, offset, limit, filter);
    },

    delete: async ({ dataset }) => {
      const library = project.library;
      const row = requireDataset(library.db, dataset);
      library.db.transaction(() => deleteDataset(library.db, row.id))();
      removePreparedCaches(library, row.id);
    },

    import: async (request) => {
      const library = project.library;
      const { db } = library;
      let row = findDataset(db, request.dataset);
      if (!row) {
        if (!request.kind) throw new StudioError('INVALID_ARGUMENT', `kind: needed to create the new dataset "${request.dataset}" (images, paired or unpaired)`);
        row = createDataset(db, request.dataset, request.kind);
      } else if (request.kind && request.kind !== row.kind) {
        throw new StudioError('INVALID_ARGUMENT', `kind: "${row.name}" holds ${row.kind} images, not ${request.kind}`);
      }
      const dataset = row;
      return jobs.run(
        'import',
        `Importing into ${dataset.name}`,
        (job) => runImport(library, dataset, request, job),
        (report) => `${report.imported} imported, ${report.duplicates} duplicates, ${report.problems.length} problems`,
        request.jobId,
      );
    },

    prepare: async (request) => {
      const library = project.library;
      const row = requireDataset(library.db, request.dataset);
      return jobs.run(
        'prepare',
        `Preparing ${row.name} at ${request.resolution} px`,
        (job) => prepareDataset(library, row, request, job),
        (caches) => `${caches.reduce((sum, cache) => sum + cache.count, 0)} examples ready`,
        request.jobId,
      );
    },

    makePairs: async (request) => {
      const library = project.library;
      const source = requireDataset(library.db, request.dataset);
      return jobs.run(
        'make-pairs',
        `Making ${request.into} from ${source.name}`,
        (job) => makePairedDataset(library, source, request, job),
        (summary) => `${summary.itemCount / 2} pairs made`,
        request.jobId,
      );
    },

    checkPair: async ({ dataset, pairKey }) => {
      const library = project.library;
      return checkDatasetPair(library, requireDataset(library.db, dataset), pairKey);
    },
  };
}
