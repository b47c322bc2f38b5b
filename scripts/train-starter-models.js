// Trains the starter models a new project opens with (issue 8), using only
// the studio's own CLI, and writes each as a TF.js bundle into assets/starter/
// with a manifest of how long it took and the metrics it reached.
//
// Usage: npm run build && node scripts/train-starter-models.js [--quick] [--out assets/starter]
//   --quick   a few steps each: checks the whole pipeline in minutes, for trying changes
//
// The landscapes come from `latent-studio scenes` (deterministic by seed), so
// the same command trains on the same data anywhere; Fashion-MNIST comes
// from Debian's dataset-fashion-mnist package (MIT licence), and its first
// 1,000 training images go into assets/starter/fashion-mnist with their labels,
// the class names and the licence, as the starter project's dataset.
import { spawnSync } from 'node:child_process';
import { gunzipSync, gzipSync } from 'node:zlib';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, out: { type: 'string', default: 'assets/starter' } } });
const quick = values.quick;
const out = resolve(values.out);
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
  { name: 'landscapes-dcgan-64', dataset: 'Landscapes', args: ['--model', 'dcgan', '--resolution', '64', '--width', '24', '--batch', '16', '--steps', '2500', '--seed', '1'] },
  { name: 'fashion-dcgan-32', dataset: 'Fashion-MNIST', args: ['--model', 'dcgan', '--resolution', '32', '--conditional', '--width', '32', '--batch', '32', '--steps', '3000', '--seed', '2'] },
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

if (existsSync(out) && !quick) {
  console.error(`${out} exists: move it aside first (this script never overwrites the shipped models)`);
  process.exit(2);
}
mkdirSync(out, { recursive: true });
console.log(`Training in the scratch project under ${scratch}`);

const sceneCount = quick ? 40 : 4000;
cli('scenes', '--out', join(scratch, 'scenes-64'), '--count', String(sceneCount), '--size', '64', '--seed', '1');
cli('scenes', '--out', join(scratch, 'scenes-128'), '--count', String(quick ? 40 : 2000), '--size', '128', '--seed', '100001');
cli('import', 'Landscapes', join(scratch, 'scenes-64', 'day'), '--kind', 'images');
cli('import', 'Sketch to day', join(scratch, 'scenes-128', 'sketch'), join(scratch, 'scenes-128', 'day'), '--kind', 'paired', '--pairing', 'matched-folders');
cli('import', 'Day to night', join(scratch, 'scenes-128', 'day'), join(scratch, 'scenes-128', 'night'), '--kind', 'paired', '--pairing', 'matched-folders');
cli('import', 'Fashion-MNIST', fashionMnist, '--kind', 'images');

const manifest = [];
for (const model of models) {
  const started = Date.now();
  // train --json streams metric points as JSON Lines; the run as it ended is the last line.
  const run = JSON.parse(cli('train', '--dataset', model.dataset, ...withSteps(model.args), '--json').trim().split('\n').at(-1));
  const checkpoint = run.checkpoints.at(-1);
  cli('models', 'export', '--checkpoint', String(checkpoint.id), '--out', join(out, model.name), '--float16', ...(quick ? ['--overwrite'] : []));
  if (model.dataset === 'Fashion-MNIST') nameClasses(join(out, model.name), fashionClasses);
  manifest.push({ name: model.name, dataset: model.dataset, command: `latent-studio train --dataset "${model.dataset}" ${withSteps(model.args).join(' ')}`, steps: run.step, trainSeconds: Math.round(run.trainSeconds), wallSeconds: Math.round((Date.now() - started) / 1000), metrics: run.latest, checkpointSha256: checkpoint.sha256 });
  console.log(`${model.name}: ${run.step} steps in ${Math.round(run.trainSeconds)} s`, run.latest);
}
writeFashionSample(join(out, 'fashion-mnist'), fashionSampleSize);
writeFileSync(join(out, 'manifest.json'), `${JSON.stringify({ trainedAt: new Date().toISOString(), quick, models: manifest }, null, 2)}\n`);
console.log(`Wrote ${models.length} bundles and manifest.json to ${out}`);
