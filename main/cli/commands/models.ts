/**
 * `latent-studio models export --checkpoint ID --out DIR [--raw] [--float16] [--overwrite | --keep-both]`
 * writes a checkpoint's generator as a TF.js bundle (--float16: weights at half
 * the size); `models import PATH
 * [--checkpoint ID] [--name NAME]` brings a bundle, a checkpoint file, or a
 * project's checkpoint into the project; `models inspect PATH [--checkpoint ID]`
 * says what one holds. Progress on stderr; Ctrl+C cancels, leaving nothing.
 */
import { parseArgs } from 'node:util';
import type { ExportModelReport, ImportModelReport, ModelArchitecture, ModelSourceSummary } from '../../../preload/contract';
import { openProjectOption, withStudio, type CliIo } from '../context';
import { call } from '../../studio';
import { followJob } from '../follow-job';
import { backendOption, integerOption } from '../options';
import { UsageError } from '../usage';

export async function modelsCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      project: { type: 'string' },
      checkpoint: { type: 'string' },
      out: { type: 'string' },
      raw: { type: 'boolean', default: false },
      float16: { type: 'boolean', default: false },
      overwrite: { type: 'boolean', default: false },
      'keep-both': { type: 'boolean', default: false },
      name: { type: 'string' },
      backend: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [action, ...rest] = positionals;
  const checkpointId = integerOption(values.checkpoint, '--checkpoint');
  const print = (value: unknown, text: string) => io.stdout(values.json ? `${JSON.stringify(value, null, 2)}\n` : text);
  const inStudio = <T>(kind: string | null, method: string, argument: unknown) =>
    withStudio(
      io,
      async (studio) => {
        await openProjectOption(studio, io, values.project);
        const work = () => call<T>(studio, method, [argument]);
        return kind ? followJob(studio, io, kind, work) : work();
      },
      backendOption(values.backend),
      // Inspecting changes nothing: it may look at a project another process is writing.
      action === 'inspect' ? 'read' : 'write',
    );

  switch (action) {
    case 'export': {
      if (checkpointId === undefined || !values.out || rest.length > 0) throw new UsageError('models export needs --checkpoint ID and --out DIR');
      if (values.overwrite && values['keep-both']) throw new UsageError('--overwrite and --keep-both cannot both be given');
      const request = {
        checkpointId,
        folder: values.out,
        ...(values.raw && { ema: false }),
        ...(values.float16 && { precision: 'float16' as const }),
        ...(values.overwrite && { conflict: 'overwrite' as const }),
        ...(values['keep-both'] && { conflict: 'keep-both' as const }),
      };
      const report = await inStudio<ExportModelReport>('model-export', 'models.export', request);
      const files = report.files.map((file) => `  ${file.name}  ${formatBytes(file.bytes)}\n`).join('');
      print(report, `Exported checkpoint ${checkpointId} (${report.architecture}) to ${report.folder}:\n${files}`);
      return 0;
    }
    case 'import': {
      const [path] = rest;
      if (!path || rest.length > 1) throw new UsageError('models import needs one PATH: a bundle folder, a checkpoint file, or a project folder with --checkpoint ID');
      const report = await inStudio<ImportModelReport>('model-import', 'models.import', { path, ...(checkpointId !== undefined && { checkpointId }), ...(values.name !== undefined && { name: values.name }) });
      print(report, `Imported "${report.runName}" as run ${report.runId}, checkpoint ${report.checkpointId}: ${describe(report.summary)}.\n`);
      return 0;
    }
    case 'inspect': {
      const [path] = rest;
      if (!path || rest.length > 1) throw new UsageError('models inspect needs one PATH');
      const summary = await inStudio<ModelSourceSummary>(null, 'models.inspect', { path, ...(checkpointId !== undefined && { checkpointId }) });
      print(summary, `${summary.runName} (${summary.kind}): ${describe(summary)}; checkpoint SHA-256 ${summary.checkpointSha256}\n`);
      return 0;
    }
    default:
      throw new UsageError(action === undefined ? 'models needs an action: export, import or inspect' : `models: unknown action "${action}" (export, import, inspect)`);
  }
}

const architectureNames: Readonly<Record<ModelArchitecture, string>> = { fastgan: 'FastGAN', dcgan: 'DCGAN', pix2pix: 'pix2pix', cyclegan: 'CycleGAN' };

function describe(summary: ModelSourceSummary): string {
  const name = `${architectureNames[summary.architecture]} ${summary.resolution} px`;
  const model = summary.latentSize !== null ? `${name}, latent ${summary.latentSize}` : `${name}, ${summary.directions.join(' and ')}`;
  return `${model}, step ${summary.step}, for ${summary.usableIn === 'explore' ? 'Explore' : 'Translate and Style'}`;
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}
