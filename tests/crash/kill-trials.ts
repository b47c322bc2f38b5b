/**
 * SIGKILL at random moments of creating a project, importing into it and
 * training in it, then checks what a person would meet next: the project
 * opens, its library passes SQLite's integrity check, no temporary file
 * is left, every checkpoint the library names is whole and every whole
 * checkpoint on disk is named, and running the same command again finishes
 * the work.
 *
 * `npx tsx tests/crash/kill-trials.ts [--trials N] [--seed S]` runs N trials
 * of each (20 by default) and prints what each kill hit; the unit test
 * tests/unit/main/library/kill-trials.test.ts runs the same trials in CI.
 * Needs the built CLI (npm run build).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { openLibrary } from '../../main/library/library';
import { appPaths } from '../../main/paths';

const cli = join(appPaths().root, 'dist', 'main', 'cli.js');

export type TrialKind = 'create' | 'import' | 'train';

export interface TrialReport {
  readonly kind: TrialKind;
  readonly trials: number;
  /** What each kill left, in words: "no folder", "project with 12 images", "run at step 40". */
  readonly outcomes: readonly string[];
  readonly seconds: number;
}

/** Deterministic delays for a given seed, so a failing trial can be run again. */
function delays(seed: number, count: number, fromMs: number, toMs: number): number[] {
  let state = seed >>> 0 || 1;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.round(fromMs + (state / 2 ** 32) * (toMs - fromMs));
  });
}

/** Starts the command and kills it `delayMs` after `ready` resolves (at once when there is no `ready`). */
async function killAfter(args: readonly string[], env: NodeJS.ProcessEnv, delayMs: number, ready: Promise<void> = Promise.resolve()): Promise<number | null> {
  const child = spawn(process.execPath, [cli, ...args], { env, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let timer: NodeJS.Timeout | undefined;
  void ready.then(() => (timer = setTimeout(() => child.kill('SIGKILL'), delayMs)));
  const code = await exited;
  clearTimeout(timer);
  return code;
}

/** Resolves when a checkpoint file newer than those in `folder` now appears there (checked every 20 ms). */
function nextCheckpointFile(folder: string): Promise<void> {
  const before = new Set(existsSync(folder) ? readdirSync(folder) : []);
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (readdirSync(folder).some((name) => name.endsWith('.lsck') && !before.has(name))) {
        clearInterval(timer);
        resolve();
      }
    }, 20);
  });
}

function runToEnd(args: readonly string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8', timeout: 180_000 });
  if (result.status !== 0) throw new Error(`latent-studio ${args.join(' ')} failed after a kill (exit ${result.status}): ${result.stderr}`);
}

async function writeImages(folder: string, count: number): Promise<string> {
  mkdirSync(folder, { recursive: true });
  await Promise.all(
    Array.from({ length: count }, (_, index) => {
      const pixels = Buffer.alloc(32 * 32 * 3);
      for (let offset = 0; offset < pixels.length; offset++) pixels[offset] = (index * 53 + offset * (7 + (index % 5))) % 256;
      return sharp(pixels, { raw: { width: 32, height: 32, channels: 3 } }).png().toFile(join(folder, `${String(index).padStart(3, '0')}.png`));
    }),
  );
  return folder;
}

function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

const temporary = /(^\..*\.tmp$)|(\.part$)|(library\.db\.\d+\.tmp)/;

/** Opens the project as its next writer would and checks everything a crash could have broken; returns a summary. */
export function checkProject(project: string): string {
  const library = openLibrary(project);
  try {
    const { db } = library;
    if (db.pragma('integrity_check', { simple: true }) !== 'ok') throw new Error(`${project}: integrity_check failed`);
    if ((db.pragma('foreign_key_check') as unknown[]).length > 0) throw new Error(`${project}: broken references`);
    const leftovers = filesUnder(project).filter((file) => temporary.test(file.split(/[\\/]/).at(-1)!));
    if (leftovers.length > 0) throw new Error(`${project}: temporary files left after open: ${leftovers.join(', ')}`);
    for (const hash of db.prepare('SELECT blob_hash FROM dataset_items').pluck().all() as string[]) {
      const file = library.blobs.pathOf(hash);
      if (!existsSync(file) || createHash('sha256').update(readFileSync(file)).digest('hex') !== hash) throw new Error(`${project}: blob ${hash} is missing or damaged`);
    }
    const recorded = db.prepare('SELECT path, sha256, step, run_id FROM checkpoints').all() as { path: string; sha256: string; step: number; run_id: number }[];
    for (const row of recorded) {
      const file = library.fileOf(row.path);
      if (!existsSync(file) || createHash('sha256').update(readFileSync(file)).digest('hex') !== row.sha256) throw new Error(`${project}: checkpoint ${row.path} is missing or damaged`);
    }
    const known = new Set(recorded.map((row) => library.fileOf(row.path)));
    const unrecorded = filesUnder(library.folders.checkpoints).filter((file) => file.endsWith('.lsck') && !known.has(file));
    if (unrecorded.length > 0) throw new Error(`${project}: checkpoint files the library does not name: ${unrecorded.join(', ')}`);
    const live = db.prepare("SELECT count(*) FROM runs WHERE status IN ('running', 'queued')").pluck().get() as number;
    if (live > 0) throw new Error(`${project}: a run is still marked running after its writer died`);
    const items = db.prepare('SELECT count(*) FROM dataset_items').pluck().get() as number;
    const newest = Math.max(0, ...recorded.map((row) => row.step));
    return recorded.length > 0 ? `run resumable from step ${newest}` : `project with ${items} images`;
  } finally {
    library.close();
  }
}

/**
 * Kills `import … --project NEW` into a new project each trial: early kills
 * land while the project is being made (create), later ones while images go in.
 */
async function importKills(kind: 'create' | 'import', imageCount: number, window: readonly [number, number], trials: number, seed: number): Promise<TrialReport> {
  const started = performance.now();
  const base = mkdtempSync(join(tmpdir(), `studio-kill-${kind}-`));
  const env = { ...process.env, XDG_CONFIG_HOME: join(base, 'config') };
  const images = await writeImages(join(base, 'images'), imageCount);
  const outcomes: string[] = [];
  for (const [index, delay] of delays(seed, trials, ...window).entries()) {
    const project = join(base, `P${index}`);
    const args = ['import', 'Photos', images, '--kind', 'images', '--project', project];
    await killAfter(args, env, delay);
    outcomes.push(`${delay} ms: ${existsSync(project) ? checkProject(project) : 'no folder'}`);
    runToEnd(args, env);
    if (!checkProject(project).includes(`${imageCount} images`)) throw new Error(`${project}: the import run again did not finish`);
    const staging = readdirSync(base).filter((name) => name.includes('.creating-'));
    if (staging.length > 0) throw new Error(`staging folders left after the next create: ${staging.join(', ')}`);
    rmSync(project, { recursive: true, force: true });
  }
  rmSync(base, { recursive: true, force: true });
  return { kind, trials, outcomes, seconds: (performance.now() - started) / 1000 };
}

export const createTrials = (trials: number, seed: number) => importKills('create', 3, [50, 700], trials, seed);

export const importTrials = (trials: number, seed: number) => importKills('import', 200, [300, 1800], trials, seed);

export async function trainTrials(trials: number, seed: number): Promise<TrialReport> {
  const started = performance.now();
  const base = mkdtempSync(join(tmpdir(), 'studio-kill-train-'));
  const env = { ...process.env, XDG_CONFIG_HOME: join(base, 'config') };
  const project = join(base, 'P');
  runToEnd(['import', 'Small', await writeImages(join(base, 'images'), 24), '--kind', 'images', '--project', project], env);
  // Checkpoints every 10 steps (the fewest steps a plan puts between them), about every half second here:
  // kills land while a checkpoint is written and recorded as well as between them.
  runToEnd(['train', '--dataset', 'Small', '--steps', '4', '--model', 'dcgan', '--resolution', '32', '--width', '8', '--batch', '8', '--backend', 'wasm', '--project', project], env);
  const outcomes: string[] = [];
  for (const [index, delay] of delays(seed, trials, 0, 3000).entries()) {
    const args = ['train', '--resume', '1', '--steps', '100000', '--project', project];
    // Every other kill lands within moments of a checkpoint being written and recorded, the others anywhere from startup on.
    if (index % 2 === 0) {
      await killAfter(args, env, delay);
      outcomes.push(`${delay} ms after start: ${checkProject(project)}`);
    } else {
      const afterWrite = Math.round(delay / 60);
      await killAfter(args, env, afterWrite, nextCheckpointFile(join(project, 'checkpoints', 'run-1')));
      outcomes.push(`${afterWrite} ms after a checkpoint file appeared: ${checkProject(project)}`);
    }
  }
  const library = openLibrary(project, { mode: 'read' });
  const step = library.db.prepare('SELECT step FROM runs WHERE id = 1').pluck().get() as number;
  library.close();
  runToEnd(['train', '--resume', '1', '--steps', String(step + 10), '--project', project], env);
  rmSync(base, { recursive: true, force: true });
  return { kind: 'train', trials, outcomes, seconds: (performance.now() - started) / 1000 };
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { trials: { type: 'string', default: '20' }, seed: { type: 'string', default: '1' } } });
  const [trials, seed] = [Number(values.trials), Number(values.seed)];
  for (const run of [createTrials, importTrials, trainTrials]) {
    const report = await run(trials, seed);
    console.log(`${report.kind}: ${report.trials} kills, all recovered, ${report.seconds.toFixed(1)} s`);
    for (const outcome of report.outcomes) console.log(`  ${outcome}`);
  }
}
