/**
 * What a run's recorded metrics warn the artist of: mode collapse (overall
 * and, for a conditional model, within a class), spectral artefacts,
 * memorisation and an overfitting discriminator. Each warning waits until a
 * signal has settled, and the quality warnings until it has held over the
 * last measurements, so one unlucky measurement never raises one.
 */
import type { Database } from 'better-sqlite3';
import { classCollapseWarning } from '../engine/metrics/class-diversity';
import { modeCollapseScore, modeCollapseWarning } from '../engine/metrics/diversity';
import { spectralArtefactLimit, spectralArtefactWarning } from '../engine/metrics/spectral-artefacts';
import { metricSeries, planOf, recentMetric, type RunRow } from '../library/repos/runs';
import { classNamesOfRun } from '../library/run-class-names';

/**
 * E[sign(D(real))] above this, averaged over the last steps, means the
 * discriminator has learned the training images by heart (Karras et al. 2020,
 * who aim adaptive augmentation at 0.6). Early in a run D is confidently right
 * about everything, so the warning waits until the run has settled.
 */
const overfittingSignal = 0.6;
const overfittingWindow = 100;
/** The overfitting, memorisation and spectral warnings wait until this step: early on those signals look alarming in every run. */
const settledFromStep = 500;
/**
 * Diversity is measured from this step on. An untrained generator draws
 * near-constant grey (diversity 0.06), but within the first hundred steps a
 * healthy one spreads out; one still collapsed after that is worth saying so
 * at once rather than after step 500.
 */
const diversityFromStep = 100;
/** A quality warning needs this many measurements in a row beyond its threshold: a single dip is noise. */
const sustainedMeasurements = 2;
/** RMS pixel distance (0–1) to the nearest training image below which a sample is a copy of it. */
const nearCopy = 0.025;

export function runWarnings(db: Database, run: RunRow, latest: Readonly<Record<string, number>>): string[] {
  const settled = run.step >= settledFromStep;
  const collapsed = sustained(db, run, 'diversity', diversityFromStep, (value) => value < modeCollapseScore);
  const spectral = sustained(db, run, 'spectral', settledFromStep, (value) => value > spectralArtefactLimit);
  const nearest = latest['nearestTrainingMin'];
  const overfitting = settled ? recentSignReal(db, run) : null;
  return [
    collapsed === null ? null : modeCollapseWarning(collapsed),
    classCollapse(db, run),
    spectral === null ? null : spectralArtefactWarning({ score: spectral, harmonic: latest['spectralHarmonic'] ?? 0 }),
    settled && nearest !== undefined && nearest < nearCopy
      ? `Memorisation: a sample is a near copy of a training image (distance ${nearest.toFixed(3)}). Use an earlier checkpoint, or add images and augmentation.`
      : null,
    overfitting !== null && overfitting > overfittingSignal
      ? `The discriminator is overfitting (E[sign D(real)] = ${overfitting.toFixed(2)} over the last ${overfittingWindow} steps): turn on augmentation or add images.`
      : null,
  ].filter((warning) => warning !== null);
}

/** The newest value of `name` when its last measurements, all from `fromStep` on, are all `beyond`; else null. */
function sustained(db: Database, run: RunRow, name: string, fromStep: number, beyond: (value: number) => boolean): number | null {
  const points = recentMetric(db, run.id, name, sustainedMeasurements);
  if (points.length < sustainedMeasurements || points.some(({ step, value }) => step < fromStep || !beyond(value))) return null;
  return points.at(-1)!.value;
}

/** Every class of a conditional model whose own diversity has stayed collapsed, by name. */
function classCollapse(db: Database, run: RunRow): string | null {
  const classes = Number(planOf(run).model['classes'] ?? 0);
  if (!(classes > 0)) return null;
  const collapsed = Array.from({ length: classes }, (_, label) => sustained(db, run, `diversityClass${label}`, diversityFromStep, (value) => value < modeCollapseScore));
  if (collapsed.every((score) => score === null)) return null;
  const names = classNamesOfRun(db, run, classes);
  return classCollapseWarning(collapsed.flatMap((score, label) => (score === null ? [] : [{ name: names[label]!, score }])));
}

function recentSignReal(db: Database, run: RunRow): number | null {
  const [signReal] = metricSeries(db, run.id, ['signReal'], Math.max(0, run.step - overfittingWindow));
  return signReal ? signReal.values.reduce((sum, value) => sum + value, 0) / signReal.values.length : null;
}
