// Trains the starter models a new project opens with (issue 8), using only
// the studio's own CLI, and writes each as a TF.js bundle into assets/starter/
// with a manifest of how long it took and the metrics it reached.
//
// Usage: npm run build && node scripts/train-starter-models.js [--quick] [--only NAME,…] [--out assets/starter] [--grids docs/starter]
//   --quick   a few steps each: checks the whole pipeline in minutes, for trying changes
//   --only    train these models alone (the full set takes hours on a CPU, so it
//             can be trained in parts): their folders must not exist yet, and
//             their entries replace any of the same name in manifest.json
//
//   --grids   where the README's pictures of each model go, as NAME.png: a grid
//             of samples (a row per class for a conditional model), or for a
//             translation model held-out inputs, outputs and targets in rows;
//             for day to night also NAME-tiled-512.png, a 512 px scene
//             translated in tiles, where a seam or grid would show
//
// The landscapes come from `latent-studio scenes` (deterministic by seed), so
// the same command trains on the same data anywhere; Fashion-MNIST comes
// from Debian's dataset-fashion-mnist package (MIT licence), and its first
// 1,000 training images go into assets/starter/fashion-mnist with their labels,
// the class names and the licence, as the starter project's dataset.
import { spawnSync } from 'node:child_process';
import { gunzipSync, gzipSync } from 'node:zlib';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, out: { type: 'string', default: 'assets/starter' }, grids: { type: 'string', default: 'docs/starter' } } });
const quick = values.quick;
const out = resolve(values.out);
const grids = resolve(values.grids);
// A scratch user-data folder: the CLI makes its default project there, away from yours.
const scratch = mkdtempSync(join(tmpdir(), 'studio-starter-'));
const fashionMnistFolder = '/usr/share/datasets/fashion-mnist';
const fashionMnist = join(fashionMnistFolder, 'train-images-idx3-ubyte.gz');
const fashionSampleSize = 1000;
// IDX labels are numbers; the bundle names them, so Explore's class menu reads "Sneaker" rather than "7".
const fashionClasses = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

/** The starter models: what each learns from and how it is trained (full run; --quick cuts the steps). */
const models = [
  { name: 'sketch-to-day-pix2pix-128', dataset: 'Sketch to day', args: ['--model', 'pix2pix', '--resolution', '128', '--width', '16', '--steps', '3000', '--seed', '3'] },
  { name: 'day-to-night-pix2pix-128', dataset: 'Day to night', args: ['--model', 'pix2pix', '--resolution', '128', '--width', '16', '--steps', '3000', '--seed', '4'] },
  { name: 'landscapes-fastgan-64', dataset: 'Landscapes', args: ['--model', 'fastgan', '--resolution', '64', '--width', '8', '--batch', '16', '--steps', '5000', '--seed', '1'] },
  { name: 'fashion-fastgan-32', dataset: 'Fashion-MNIST', args: ['--model', 'fastgan', '--resolution', '32', '--conditional', '--width', '8', '--batch', '16', '--steps', '3000', '--seed', '2'] },
];

/** Runs the CLI on the scratch default project; stops the script when a command fails. */
function cli(...args) {
  const done = spawnSync(process.execPath, ['dist/main/cli.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, XDG_CONFIG_HOME: scratch },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 2 ** 20,
  });
  if (done.status !== 0) {
    console.error(`latent-studio ${args.join(' ')} failed with exit code ${done.status}`);
    process.exit(1);
  }
  return done.stdout;
}

/** Gives a conditional bundle's classes their names, in bundle.json (what an import reads) and README.md. */
function nameClasses(folder, names) {
  const manifestFile = join(folder, 'bundle.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  manifest.classNames = names;
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  const readmeFile = join(folder, 'README.md');
  const classes = names.map((name, index) => `${index}: ${name}`).join(', ');
  writeFileSync(readmeFile, readFileSync(readmeFile, 'utf8').replace(/^\| classes \| .* \|$/m, `| classes | ${classes} |`));
}

/**
 * The starter project's Fashion-MNIST dataset: the first images and labels as
 * IDX files (headers rewritten to the new count), classes.txt naming the
 * labels, and the licence from Debian's copyright file.
 */
function writeFashionSample(folder, count) {
  mkdirSync(folder, { recursive: true });
  for (const [kind, headerBytes, itemBytes] of [['images-idx3', 16, 28 * 28], ['labels-idx1', 8, 1]]) {
    const name = `train-${kind}-ubyte.gz`;
    const whole = gunzipSync(readFileSync(join(fashionMnistFolder, name)));
    const header = Buffer.from(whole.subarray(0, headerBytes));
    header.writeUInt32BE(count, 4);
    writeFileSync(join(folder, name), gzipSync(Buffer.concat([header, whole.subarray(headerBytes, headerBytes + count * itemBytes)]), { level: 9 }));
  }
  writeFileSync(join(folder, 'classes.txt'), `${fashionClasses.join('\n')}\n`);
  // The Expat text is the copyright file's last stanza, indented one space, with "." for blank lines.
  const copyright = readFileSync('/usr/share/doc/dataset-fashion-mnist/copyright', 'utf8');
  const expat = copyright.slice(copyright.lastIndexOf('License: Expat\n') + 'License: Expat\n'.length).split('\n').map((line) => (line === ' .' ? '' : line.slice(1))).join('\n');
  writeFileSync(
    join(folder, 'LICENSE'),
    `Fashion-MNIST: the first ${count.toLocaleString('en')} images of the training set, with their labels.\nCopyright (c) 2017 Zalando SE, https://tech.zalando.com — https://github.com/zalandoresearch/fashion-mnist\nLicensed under the MIT (Expat) licence:\n\n${expat.trimEnd()}\n`,
  );
}

function withSteps(args) {
  if (!quick) return args;
  const at = args.indexOf('--steps');
  return [...args.slice(0, at + 1), '20', ...args.slice(at + 2)];
}

/** Lays equal-sized PNG files out in rows of `columns`, on black, each scaled up `scale` times by repeating pixels. */
async function writeGrid(files, columns, path, scale = 1) {
  const { width: side } = await sharp(files[0]).metadata();
  const cell = side * scale;
  const rows = Math.ceil(files.length / columns);
  const tiles = await Promise.all(files.map(async (file, index) => ({ input: await sharp(file).resize(cell, cell, { kernel: 'nearest' }).toBuffer(), left: (index % columns) * cell, top: Math.floor(index / columns) * cell })));
  await sharp({ create: { width: columns * cell, height: rows * cell, channels: 3, background: '#000' } }).composite(tiles).png().toFile(path);
}

/** Samples from a noise model: 8×8 seeds, or for a conditional model a row of 8 per class. */
async function writeSampleGrid(checkpoint, model) {
  const samples = join(scratch, `${model.name}-samples`);
  const classes = model.args.includes('--conditional') ? fashionClasses.map((_, index) => ['--class', String(index)]) : [[]];
  const files = [];
  for (const [index, classArgs] of classes.entries()) {
    const dir = join(samples, String(index));
    const count = classes.length > 1 ? 8 : 64;
    cli('sample', '--checkpoint', String(checkpoint), '--out', dir, '--count', String(count), '--seed', '1', ...classArgs);
    files.push(...Array.from({ length: count }, (_, n) => join(dir, `seed-${1 + n}.png`)));
  }
  // 32 px samples are shown three times their size, so a face or a seam can be seen at all.
  await writeGrid(files, 8, join(grids, `${model.name}.png`), model.args[model.args.indexOf('--resolution') + 1] === '32' ? 3 : 1);
}

/**
 * A translation model on scenes it never saw: six inputs, their outputs and
 * the true targets in three rows. Day to night also gets a 512 px scene,
 * which the CLI translates in overlapping tiles, where any seam, grid or
 * frame would show. (Sketch to day is not tiled: a tile of a large drawing
 * is a fragment of a scene, and whether it is sky or land is not in it.)
 */
async function writeTranslationGrids(checkpoint, model) {
  const [from, to] = model.dataset === 'Sketch to day' ? ['sketch', 'day'] : ['day', 'night'];
  const heldOut = join(scratch, `${model.name}-held-out`);
  cli('scenes', '--out', heldOut, '--count', '6', '--size', '128', '--seed', '300001');
  const outputs = join(scratch, `${model.name}-outputs`);
  cli('translate', '--checkpoint', String(checkpoint), join(heldOut, from), '--out', outputs);
  const names = readdirSync(join(heldOut, from)).sort();
  await writeGrid([...names.map((name) => join(heldOut, from, name)), ...names.map((name) => join(outputs, name)), ...names.map((name) => join(heldOut, to, name))], names.length, join(grids, `${model.name}.png`));
  if (from !== 'day') return;
  const large = join(scratch, `${model.name}-512`);
  cli('scenes', '--out', large, '--count', '1', '--size', '512', '--seed', '400001');
  const tiled = join(scratch, `${model.name}-tiled`);
  cli('translate', '--checkpoint', String(checkpoint), join(large, from), '--out', tiled);
  await writeGrid([join(large, from, 'scene-400001.png'), join(tiled, 'scene-400001.png')], 2, join(grids, `${model.name}-tiled-512.png`));
}

const selected = values.only ? values.only.split(',') : models.map((model) => model.name);
const unknown = selected.filter((name) => !models.some((model) => model.name === name));
if (unknown.length > 0) {
  console.error(`--only: no starter model named ${unknown.join(', ')} (they are ${models.map((model) => model.name).join(', ')})`);
  process.exit(2);
}
// This script never overwrites a shipped model: train into a new folder, look, then move it in.
const existing = quick ? [] : selected.filter((name) => existsSync(join(out, name)));
if (!values.only && existsSync(out) && !quick) existing.push(out);
if (existing.length > 0) {
  console.error(`${existing.join(', ')} exists: move it aside first (this script never overwrites the shipped models)`);
  process.exit(2);
}
mkdirSync(out, { recursive: true });
mkdirSync(grids, { recursive: true });
console.log(`Training in the scratch project under ${scratch}`);

// Only the datasets the chosen models learn from: drawing 4,000 scenes or importing 60,000 garments takes minutes.
const needed = new Set(models.filter(({ name }) => selected.includes(name)).map((model) => model.dataset));
if (needed.has('Landscapes')) {
  cli('scenes', '--out', join(scratch, 'scenes-64'), '--count', String(quick ? 40 : 4000), '--size', '64', '--seed', '1');
  cli('import', 'Landscapes', join(scratch, 'scenes-64', 'day'), '--kind', 'images');
}
if (needed.has('Sketch to day') || needed.has('Day to night')) {
  cli('scenes', '--out', join(scratch, 'scenes-128'), '--count', String(quick ? 40 : 2000), '--size', '128', '--seed', '100001');
  if (needed.has('Sketch to day')) cli('import', 'Sketch to day', join(scratch, 'scenes-128', 'sketch'), join(scratch, 'scenes-128', 'day'), '--kind', 'paired', '--pairing', 'matched-folders');
  if (needed.has('Day to night')) cli('import', 'Day to night', join(scratch, 'scenes-128', 'day'), join(scratch, 'scenes-128', 'night'), '--kind', 'paired', '--pairing', 'matched-folders');
}
if (needed.has('Fashion-MNIST')) cli('import', 'Fashion-MNIST', fashionMnist, '--kind', 'images');

const manifestFile = join(out, 'manifest.json');
const manifest = existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')).models : [];
for (const model of models.filter(({ name }) => selected.includes(name))) {
  const started = Date.now();
  // train --json streams metric points as JSON Lines; the run as it ended is the last line.
  const run = JSON.parse(cli('train', '--dataset', model.dataset, ...withSteps(model.args), '--json').trim().split('\n').at(-1));
  const checkpoint = run.checkpoints.at(-1);
  const folder = join(out, model.name);
  cli('models', 'export', '--checkpoint', String(checkpoint.id), '--out', folder, '--float16', ...(quick ? ['--overwrite'] : []));
  if (model.dataset === 'Fashion-MNIST') nameClasses(folder, fashionClasses);
  if (model.args[1] === 'pix2pix') await writeTranslationGrids(checkpoint.id, model);
  else await writeSampleGrid(checkpoint.id, model);
  const entry = { name: model.name, dataset: model.dataset, command: `latent-studio train --dataset "${model.dataset}" ${withSteps(model.args).join(' ')}`, steps: run.step, trainSeconds: Math.round(run.trainSeconds), wallSeconds: Math.round((Date.now() - started) / 1000), trainedAt: new Date().toISOString(), metrics: run.latest, checkpointSha256: checkpoint.sha256 };
  manifest.splice(0, manifest.length, ...manifest.filter(({ name }) => name !== model.name), entry);
  // Written after each model, so a long run stopped part-way keeps what it finished.
  writeFileSync(manifestFile, `${JSON.stringify({ quick, models: models.map(({ name }) => manifest.find((done) => done.name === name)).filter(Boolean) }, null, 2)}\n`);
  console.log(`${model.name}: ${run.step} steps in ${Math.round(run.trainSeconds)} s`, run.latest);
}
if (!existsSync(join(out, 'fashion-mnist'))) writeFashionSample(join(out, 'fashion-mnist'), fashionSampleSize);
console.log(`Wrote ${selected.join(', ')} and manifest.json to ${out}`);
