/**
 * Which charts a run shows, per model family, and the metrics each draws
 * under the names the engine records them (main/engine/train/dcgan/steps.ts,
 * image-gan/quality.ts, pix2pix/step.ts and trainee.ts, cyclegan/step.ts and
 * trainee.ts). Pure, so the groups are tested on their own; the charts are
 * built once per run.
 */
import type { ModelKind } from '../../../preload/contract';
import { alignSeries, type ChartData, type SeriesPoints } from './metric-series';

/** A line of a chart: its legend label and a theme colour (`--chart-1`…). */
export interface ChartLine {
  readonly label: string;
  readonly colour: 'chart-1' | 'chart-2' | 'chart-3' | 'chart-4' | 'chart-axis';
  /** Drawn dashed: a reference level rather than a measurement. */
  readonly dashed?: boolean;
}

export interface ChartSpec {
  /** The chart's test id is `chart-<id>`. */
  readonly id: string;
  readonly title: string;
  /** One recorded metric per measured line, in the order of `lines`. */
  readonly metrics: readonly string[];
  /** The measured lines, then the reference line when there is one. */
  readonly lines: readonly ChartLine[];
  /** A constant level drawn dashed across the chart, as the last line. */
  readonly reference?: number;
}

/** Karras et al. (2020) aim adaptive augmentation at E[sign D(real)] = 0.6: above it, D is learning the training set by heart. */
const overfittingLevel = 0.6;
/** The spectral artefact score's warning level (spectralArtefactLimit in main/engine/metrics/spectral-artefacts.ts): real images score under 2.2. */
const spectralWarningLevel = 5;

const losses: ChartSpec = {
  id: 'losses',
  title: 'Losses',
  metrics: ['lossD', 'lossG'],
  lines: [
    { label: 'D loss', colour: 'chart-1' },
    { label: 'G loss', colour: 'chart-2' },
  ],
};

/** Recorded by FastGAN and DCGAN runs against the real images, and by pix2pix runs of their held-out outputs against the targets. */
const spectral: ChartSpec = {
  id: 'spectral',
  title: 'Spectral artefacts in dB (lower is closer to the data)',
  metrics: ['spectral', 'spectralHarmonic'],
  lines: [
    { label: 'Score', colour: 'chart-3' },
    { label: 'Checkerboard part', colour: 'chart-4' },
    { label: 'Warning above', colour: 'chart-axis', dashed: true },
  ],
  reference: spectralWarningLevel,
};

const dcgan: readonly ChartSpec[] = [
  losses,
  {
    id: 'outputs',
    title: 'D(real) and D(fake)',
    metrics: ['dReal', 'dFake'],
    lines: [
      { label: 'D(real)', colour: 'chart-3' },
      { label: 'D(fake)', colour: 'chart-4' },
    ],
  },
  {
    id: 'sign',
    title: 'E[sign D(real)]',
    metrics: ['signReal'],
    lines: [
      { label: 'E[sign D(real)]', colour: 'chart-1' },
      { label: 'Overfitting above', colour: 'chart-axis', dashed: true },
    ],
    reference: overfittingLevel,
  },
  { id: 'swd', title: 'Sliced Wasserstein distance (lower is closer to the data)', metrics: ['swd'], lines: [{ label: 'SWD', colour: 'chart-2' }] },
  spectral,
];

/** FastGAN records what DCGAN does, and its discriminator's self-supervised reconstruction error. */
const fastgan: readonly ChartSpec[] = [
  ...dcgan,
  {
    id: 'reconstruction',
    // An L1 in the [-1, 1] pixel units: small decoders redraw real images from D's features, so D keeps a full description of them rather than memorising what tells them apart.
    title: 'D’s reconstruction error of real images (L1, lower is better)',
    metrics: ['reconstruction'],
    lines: [{ label: 'Reconstruction', colour: 'chart-3' }],
  },
];

const pix2pix: readonly ChartSpec[] = [
  losses,
  {
    id: 'generator-terms',
    // lossL1 is recorded before λ weighs it: the G loss is GAN + λ · L1.
    title: 'Generator terms: GAN and L1 (before λ)',
    metrics: ['lossGan', 'lossL1'],
    lines: [
      { label: 'GAN', colour: 'chart-1' },
      { label: 'L1', colour: 'chart-2' },
    ],
  },
  {
    id: 'outputs',
    title: 'PatchGAN on real and translated pairs (mean logit)',
    metrics: ['dReal', 'dFake'],
    lines: [
      { label: 'D(real)', colour: 'chart-3' },
      { label: 'D(fake)', colour: 'chart-4' },
    ],
  },
  { id: 'held-out-l1', title: 'Held-out L1 (lower is closer to the targets)', metrics: ['heldOutL1'], lines: [{ label: 'L1', colour: 'chart-2' }] },
  { id: 'held-out-psnr', title: 'Held-out PSNR in dB (higher is better)', metrics: ['heldOutPsnr'], lines: [{ label: 'PSNR', colour: 'chart-3' }] },
  { id: 'held-out-ssim', title: 'Held-out SSIM (1 is the target itself)', metrics: ['heldOutSsim'], lines: [{ label: 'SSIM', colour: 'chart-4' }] },
  spectral,
];

const cyclegan: readonly ChartSpec[] = [
  losses,
  {
    id: 'generator-terms',
    title: 'Generator terms: GAN, cycle and identity (weighted)',
    metrics: ['lossGan', 'lossCycle', 'lossIdentity'],
    lines: [
      { label: 'GAN', colour: 'chart-1' },
      { label: 'Cycle', colour: 'chart-2' },
      { label: 'Identity', colour: 'chart-3' },
    ],
  },
  {
    id: 'discriminators',
    title: 'Discriminator losses, each side',
    metrics: ['lossDA', 'lossDB'],
    lines: [
      { label: 'D(A) loss', colour: 'chart-3' },
      { label: 'D(B) loss', colour: 'chart-4' },
    ],
  },
  {
    id: 'cycle-error',
    title: 'Held-out cycle error (lower returns closer to the original)',
    metrics: ['cycleErrorA', 'cycleErrorB', 'cycleError'],
    lines: [
      { label: 'A → B → A', colour: 'chart-1' },
      { label: 'B → A → B', colour: 'chart-2' },
      { label: 'Mean', colour: 'chart-4' },
    ],
  },
];

const chartsByModel: Readonly<Record<ModelKind, readonly ChartSpec[]>> = { fastgan, dcgan, pix2pix, cyclegan };

export function chartsOf(model: ModelKind): readonly ChartSpec[] {
  return chartsByModel[model];
}

/** Every metric some family charts: reads ask for these only, which keeps a long run's first read small. */
export const chartedMetrics: readonly string[] = [...new Set(Object.values(chartsByModel).flatMap((charts) => charts.flatMap((chart) => chart.metrics)))];

/** A chart's points, lined up on shared steps (at most `maxPoints` of them), with its reference level as the last line. */
export function chartDataOf(chart: ChartSpec, seriesOf: (metric: string) => SeriesPoints | undefined, maxPoints: number): ChartData {
  const { x, ys } = alignSeries(chart.metrics.map(seriesOf), maxPoints);
  const reference = chart.reference;
  return reference === undefined ? { x, ys } : { x, ys: [...ys, x.map(() => reference)] };
}
