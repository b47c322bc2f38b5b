import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { BlobStore } from '../../../../main/library/blobs';
import { migrate } from '../../../../main/library/migrations';
import { createDataset } from '../../../../main/library/repos/datasets';
import { insertItem } from '../../../../main/library/repos/items';
import { createRun, findRun, latestMetrics, recordMetrics, setRunProgress } from '../../../../main/library/repos/runs';
import { runWarnings } from '../../../../main/training/run-warnings';

const hashOf = (n: number) => n.toString(16).padStart(64, '0');

describe('run warnings', () => {
  let db: Database.Database;
  let runId: number;
  let datasetId: number;

  beforeEach(() => {
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, ':memory:');
    datasetId = createDataset(db, 'Wardrobe', 'images').id;
    // Three classes, which training sorts as bag, shirt, shoe.
    ['shoe', 'bag', 'shirt'].forEach((label, n) => {
      BlobStore.record(db, hashOf(n + 1), 10, { mediaType: 'image/png', width: 8, height: 8 });
      insertItem(db, { datasetId, blobHash: hashOf(n + 1), originalName: `${label}.png`, width: 8, height: 8, classLabel: label, domain: null, pairKey: null, phash: '0'.repeat(16), signature: new Uint8Array(256), nearDuplicateOf: null });
    });
    const model = { architecture: 'dcgan', resolution: 32, classes: 3 };
    runId = createRun(db, 'Wardrobe · DCGAN 32 px', datasetId, 'dcgan', { model, seed: 1, totalSteps: 6000, checkpointEvery: 60, previewEvery: 60, metricsEvery: 60 });
  });

  /** Records `values` of metric `name` at steps 60, 120, … (or the steps given), and moves the run to the last of them. */
  const record = (name: string, values: readonly number[], steps = values.map((_, index) => 60 * (index + 1))) => {
    recordMetrics(db, runId, values.map((value, index) => ({ name, step: steps[index]!, value })));
    setRunProgress(db, runId, Math.max(findRun(db, runId)!.step, steps.at(-1)!), 1);
  };
  const warnings = () => runWarnings(db, findRun(db, runId)!, latestMetrics(db, runId));

  it('warns of mode collapse soon after the warm-up, long before step 500, once diversity has stayed low', () => {
    // An untrained generator's 0.06 at step 60 is the warm-up: it does not count.
    record('diversity', [0.06, 0.1]);
    expect(warnings()).toEqual([]);
    record('diversity', [0.07], [180]);
    expect(findRun(db, runId)!.step).toBe(180);
    expect(warnings()).toEqual([expect.stringMatching(/vary only 7% as much as the real ones.*mode collapse/)]);
  });

  it('does not warn for a single dip', () => {
    record('diversity', [0.06, 0.1, 0.8, 0.2, 0.9, 0.25]);
    expect(warnings()).toEqual([]);
  });

  it('names each class whose own diversity stayed collapsed, even while the overall diversity looks healthy', () => {
    record('diversity', [0.82, 0.82, 0.83]);
    record('diversityClass0', [0.9, 0.95, 1.0]);
    record('diversityClass1', [0.5, 0.06, 0.05]);
    record('diversityClass2', [0.04, 0.9, 0.08]);
    expect(warnings()).toEqual([expect.stringMatching(/^Mode collapse within one class \(shirt 5%\)/)]);
    record('diversityClass2', [0.07], [240]);
    expect(warnings()).toEqual([expect.stringMatching(/^Mode collapse within 2 classes \(shirt 5%, shoe 7%\)/)]);
  });

  it('names classes by number when the dataset’s labels no longer match the model', () => {
    db.prepare('DELETE FROM dataset_items WHERE class_label = ?').run('bag');
    record('diversityClass1', [0.05, 0.05], [120, 180]);
    expect(warnings()).toEqual([expect.stringMatching(/\(Class 1 5%\)/)]);
  });

  it('warns of spectral artefacts that last once the run has settled, naming a checkerboard when the harmonics make the score', () => {
    record('spectral', [20, 18, 15, 14, 13, 12], [300, 360, 420, 480, 540, 600]);
    record('spectralHarmonic', [11], [600]);
    expect(warnings()).toEqual([expect.stringMatching(/^Spectral artefacts \(score 12\.0 dB.*checkerboard/)]);
  });

  it('keeps quiet about spectral artefacts before step 500, and after them once the score is back under its limit', () => {
    record('spectral', [20, 18], [300, 360]);
    expect(warnings()).toEqual([]);
    record('spectral', [12, 4], [540, 600]);
    expect(warnings()).toEqual([]);
  });

  it('still waits for step 500 before warning of memorisation and an overfitting discriminator', () => {
    record('nearestTrainingMin', [0.01, 0.01]);
    record('signReal', [0.9, 0.9]);
    expect(warnings()).toEqual([]);
    record('nearestTrainingMin', [0.01], [540]);
    record('signReal', Array.from({ length: 100 }, () => 0.9), Array.from({ length: 100 }, (_, index) => 441 + index));
    expect(warnings()).toEqual([expect.stringMatching(/^Memorisation/), expect.stringMatching(/^The discriminator is overfitting \(E\[sign D\(real\)\] = 0\.90/)]);
  });
});
