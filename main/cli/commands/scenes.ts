import { parseArgs } from 'node:util';
import { formatDuration } from '../../../preload/format';
import {
  sceneDatasetFolders,
  sceneDatasetTargets,
  sceneFileName,
  sceneLayouts,
  sceneSizeLimits,
  writeSceneDataset,
  type SceneDatasetReport,
  type SceneProgress,
} from '../../scenes/scene-dataset';
import type { SceneSize } from '../../scenes/scene';
import type { CliIo } from '../context';
import { integerOption, oneOf } from '../options';
import { refuseExisting } from '../output-files';
import { UsageError } from '../usage';

/**
 * `latent-studio scenes --out DIR [--count N] [--size PX|WxH] [--seed S] [--layout folders|side-by-side]`:
 * generated landscapes as a paired day / night / sketch dataset. Needs no
 * project and no engine: the scenes are drawn, not learned.
 */
export async function scenesCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
      count: { type: 'string', default: '100' },
      size: { type: 'string', default: '128' },
      seed: { type: 'string', default: '1' },
      layout: { type: 'string', default: 'folders' },
    },
    strict: true,
  });
  if (!values.out) throw new UsageError('scenes needs --out DIR');
  const count = integerOption(values.count, '--count')!;
  if (count < 1) throw new UsageError('--count must be at least 1');
  const request = {
    out: values.out,
    count,
    seed: integerOption(values.seed, '--seed')!,
    size: sizeOption(values.size),
    layout: oneOf(values.layout, sceneLayouts, '--layout')!,
  };
  refuseExisting(sceneDatasetTargets(request), 'scenes are never overwritten: choose another --out, or a --seed past the scenes already there');

  const stop = new AbortController();
  const cancel = () => stop.abort();
  process.once('SIGINT', cancel);
  const started = performance.now();
  try {
    const report = await writeSceneDataset(request, (progress) => io.progress(progressLine(progress, (performance.now() - started) / 1000)), stop.signal);
    io.progress(null);
    io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : describe(report, request.count));
    return report.cancelled ? 130 : 0;
  } finally {
    io.progress(null);
    process.off('SIGINT', cancel);
  }
}

/** `128` for a square, `192x128` for width × height. */
export function sizeOption(value: string | undefined): SceneSize {
  const match = /^(\d+)(?:x(\d+))?$/.exec(value ?? '');
  const { min, max } = sceneSizeLimits;
  const width = Number(match?.[1]);
  const height = Number(match?.[2] ?? match?.[1]);
  if (!match || [width, height].some((side) => side < min || side > max)) {
    throw new UsageError(`--size must be PX or WIDTHxHEIGHT, each from ${min} to ${max} pixels, got "${value}"`);
  }
  return { width, height };
}

function progressLine(progress: SceneProgress, seconds: number): string {
  const percent = Math.floor((progress.completed / progress.total) * 100);
  const eta = progress.completed > 0 ? `  ETA ${formatDuration((seconds / progress.completed) * (progress.total - progress.completed))}` : '';
  return `Drawing scenes  ${progress.completed.toLocaleString('en')}/${progress.total.toLocaleString('en')}  ${percent}%${eta}  ${progress.file}`;
}

function describe(report: SceneDatasetReport, requested: number): string {
  const [first, last] = report.seeds;
  const folders = sceneDatasetFolders(report.layout);
  const lines = [
    `${report.cancelled ? 'Stopped after' : 'Wrote'} ${report.count} scene${report.count === 1 ? '' : 's'} (seeds ${first}–${last}, ${report.size.width}×${report.size.height} px) in ${report.seconds.toFixed(1)} s`,
    ...report.folders.map((folder) => `  ${folder}/  ${sceneFileName(first)} …`),
  ];
  if (report.cancelled) lines.push(`Continue with --seed ${last + 1} --count ${requested - report.count} and the same --out.`);
  else if (report.layout === 'folders') {
    const [sketch, day] = [folders.indexOf('sketch'), folders.indexOf('day')].map((index) => quoted(report.folders[index]!));
    lines.push(`Import sketch→day pairs with: latent-studio import NAME ${sketch} ${day} --kind paired --pairing matched-folders`);
  } else lines.push(`Import sketch→day pairs with: latent-studio import NAME ${quoted(report.folders[0]!)} --kind paired`);
  return `${lines.join('\n')}\n`;
}

/** A path as a shell word, for a command line the user can paste. */
function quoted(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replaceAll("'", `'\\''`)}'`;
}
