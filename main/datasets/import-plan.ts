/**
 * Turns what the user pointed at (files, folders, zips, IDX files; one or two
 * roots for paired and unpaired sets) into import units: one stable source
 * name each, for resuming, and a loader that yields the images to store or the
 * problem that stops them.
 */
import { basename, extname, resolve } from 'node:path';
import sharp from 'sharp';
import { StudioError, type DatasetKind, type Domain, type ImportProblem } from '../../preload/contract';
import { FileError, maxImageFileBytes, readUserFile } from '../files/user-file';
import { normaliseImage, type DecodeLimits, type NormalisedImage } from './decode';
import { importProblem, isImportProblem } from './problems';
import { classNamesFileFor, isIdxClassNamesFile, isIdxImagesFile, isIdxLabelsFile, labelsFileFor, readIdxDataset, type IdxDataset } from './sources/idx';
import { walkImages, type WalkEntry } from './sources/walk';
import { countZipEntries, readZipImages } from './sources/zip';
import { rawImage } from '../images/raw-image';

export interface PlacedImage {
  readonly image: NormalisedImage;
  readonly originalName: string;
  readonly classLabel: string | null;
  readonly domain: Domain | null;
  readonly pairKey: string | null;
}

export interface ImportUnit {
  /** Stable across runs: a file's absolute path, `archive.zip/entry`, or `file.idx#index`. */
  readonly source: string;
  load(): Promise<PlacedImage[] | ImportProblem>;
}

export interface ImportPlan {
  /** How many units to expect, for progress; zips count their entries up front. */
  readonly total: number;
  readonly units: AsyncIterable<ImportUnit>;
}

export interface PlanRequest {
  readonly kind: DatasetKind;
  readonly paths: readonly string[];
  readonly pairing: 'side-by-side' | 'matched-folders';
}

export const importLimits = {
  decode: { maxPixels: 80_000_000 } satisfies DecodeLimits,
  zip: { maxEntryBytes: maxImageFileBytes, maxTotalBytes: 16 * 1024 ** 3 },
} as const;

export async function planImport(request: PlanRequest): Promise<ImportPlan> {
  const paths = request.paths.map((path) => resolve(path));
  if (request.kind === 'images') return planImages(paths);
  const [first, second] = paths;
  if (request.kind === 'paired' && request.pairing === 'side-by-side') return planImages(paths, splitSideBySide);
  if (!first || !second || paths.length !== 2) {
    throw new StudioError('INVALID_ARGUMENT', `paths: ${request.kind} datasets import from exactly two folders, domain A then domain B`);
  }
  return request.kind === 'paired' ? planMatchedFolders(first, second) : planUnpaired(first, second);
}

type Place = (image: NormalisedImage, entry: { source: string; name: string; classLabel: string | null }) => Promise<PlacedImage[]>;

const asItself: Place = async (image, entry) => [{ image, originalName: entry.name, classLabel: entry.classLabel, domain: null, pairKey: null }];

/** Files, folders, zips and IDX files; `place` decides what each decoded image becomes. */
async function planImages(paths: readonly string[], place: Place = asItself): Promise<ImportPlan> {
  const files: WalkEntry[] = [];
  const problems: ImportProblem[] = [];
  const zips: string[] = [];
  const idxFiles: WalkEntry[] = [];
  let total = 0;
  for (const path of paths) {
    for await (const entry of walkImages(path)) {
      if (isImportProblem(entry)) problems.push(entry);
      else if (extname(entry.path).toLowerCase() === '.zip') zips.push(entry.path);
      else if (isIdxImagesFile(entry.path)) idxFiles.push(entry);
      else if (!isIdxLabelsFile(entry.path) && !isIdxClassNamesFile(entry.path)) files.push(entry);
    }
  }
  const idx: { path: string; data: IdxDataset }[] = [];
  for (const loaded of await Promise.all(idxFiles.map(readIdxEntry))) {
    if (isImportProblem(loaded)) problems.push(loaded);
    else idx.push(loaded);
  }
  total = files.length + problems.length + idx.reduce((sum, { data }) => sum + data.count, 0);
  for (const zip of zips) total += await countZipEntries(zip);

  async function* units(): AsyncGenerator<ImportUnit> {
    for (const problem of problems) yield { source: problem.source, load: async () => problem };
    for (const entry of files) {
      yield {
        source: entry.path,
        load: () => loadFile(entry.path, entry.relativePath, (image) => place(image, { source: entry.path, name: entry.relativePath, classLabel: entry.classLabel })),
      };
    }
    for (const { path, data } of idx) {
      for (let index = 0; index < data.count; index++) {
        const source = `${path}#${index}`;
        const classLabel = data.className(index);
        yield {
          source,
          load: async () => {
            const bytes = await rawImage(data.image(index), data.width, data.height, 1).png().toBuffer();
            const image: NormalisedImage = { bytes, mediaType: 'image/png', width: data.width, height: data.height, channels: 1 };
            return place(image, { source, name: `${basename(path)}#${index}`, classLabel });
          },
        };
      }
    }
    for (const zip of zips) {
      for await (const entry of readZipImages(zip, importLimits.zip)) {
        if (isImportProblem(entry)) {
          yield { source: entry.source, load: async () => entry };
          continue;
        }
        const source = `${zip}/${entry.relativePath}`;
        const name = `${basename(zip)}/${entry.relativePath}`;
        yield { source, load: () => decoded(entry.bytes, name, (image) => place(image, { source, name, classLabel: entry.classLabel })) };
      }
    }
  }
  return { total, units: units() };
}

/** pix2pix's layout: A on the left half, B on the right. */
const splitSideBySide: Place = async (image, entry) => {
  const half = Math.floor(image.width / 2);
  if (half < 1) return [];
  const [a, b] = await Promise.all(
    [0, half].map((left) => sharp(image.bytes).rotate().extract({ left, top: 0, width: half, height: image.height }).png().toBuffer()),
  );
  const halfImage = (bytes: Buffer): NormalisedImage => ({ bytes, mediaType: 'image/png', width: half, height: image.height, channels: image.channels });
  return [
    { image: halfImage(a!), originalName: entry.name, classLabel: entry.classLabel, domain: 'A', pairKey: entry.name },
    { image: halfImage(b!), originalName: entry.name, classLabel: entry.classLabel, domain: 'B', pairKey: entry.name },
  ];
};

/** Two folders whose files pair up by name (without extension): A/cat.jpg with B/cat.png. */
async function planMatchedFolders(aRoot: string, bRoot: string): Promise<ImportPlan> {
  const [a, b] = await Promise.all([listFiles(aRoot), listFiles(bRoot)]);
  const byKey = (entries: WalkEntry[]) => new Map(entries.map((entry) => [stem(entry.relativePath), entry]));
  const aByKey = byKey(a.files);
  const bByKey = byKey(b.files);
  const unmatched = [
    ...a.files.filter((entry) => !bByKey.has(stem(entry.relativePath))).map((entry) => unmatchedProblem(entry, bRoot)),
    ...b.files.filter((entry) => !aByKey.has(stem(entry.relativePath))).map((entry) => unmatchedProblem(entry, aRoot)),
  ];
  const pairs = [...aByKey].filter(([key]) => bByKey.has(key)).map(([key, entry]) => ({ key, a: entry, b: bByKey.get(key)! }));
  async function* units(): AsyncGenerator<ImportUnit> {
    for (const problem of [...a.problems, ...b.problems, ...unmatched]) yield { source: problem.source, load: async () => problem };
    for (const pair of pairs) {
      yield {
        source: pair.a.path,
        load: async () => {
          const [first, second] = await Promise.all([loadFile(pair.a.path, pair.a.relativePath, async (image) => [image]), loadFile(pair.b.path, pair.b.relativePath, async (image) => [image])]);
          if (isImportProblem(first)) return first;
          if (isImportProblem(second)) return second;
          return [
            { image: first[0]!, originalName: pair.a.relativePath, classLabel: null, domain: 'A', pairKey: pair.key },
            { image: second[0]!, originalName: pair.b.relativePath, classLabel: null, domain: 'B', pairKey: pair.key },
          ];
        },
      };
    }
  }
  return { total: pairs.length + unmatched.length + a.problems.length + b.problems.length, units: units() };
}

/** CycleGAN's layout: two unrelated collections, A and B. */
async function planUnpaired(aRoot: string, bRoot: string): Promise<ImportPlan> {
  const [a, b] = await Promise.all([planImages([aRoot], inDomain('A')), planImages([bRoot], inDomain('B'))]);
  async function* units(): AsyncGenerator<ImportUnit> {
    yield* a.units;
    yield* b.units;
  }
  return { total: a.total + b.total, units: units() };
}

function inDomain(domain: Domain): Place {
  return async (image, entry) => [{ image, originalName: entry.name, classLabel: null, domain, pairKey: null }];
}

async function listFiles(root: string): Promise<{ files: WalkEntry[]; problems: ImportProblem[] }> {
  const files: WalkEntry[] = [];
  const problems: ImportProblem[] = [];
  for await (const entry of walkImages(root)) (isImportProblem(entry) ? problems : files).push(entry as never);
  return { files, problems };
}

/**
 * An IDX images file with its labels and class names, or the problem that
 * keeps the set out while the rest of the import goes on. The problem goes
 * under the images file's name, saying which file is at fault: the labels or
 * class names, when they are, may be listed already as problems of their own.
 */
async function readIdxEntry(entry: WalkEntry): Promise<{ path: string; data: IdxDataset } | ImportProblem> {
  const labels = labelsFileFor(entry.path);
  try {
    return { path: entry.path, data: await readIdxDataset(entry.path, labels, labels === null ? null : classNamesFileFor(labels)) };
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    if (error.path === entry.path) return fileProblem(entry.relativePath, error);
    return importProblem(entry.relativePath, error.problem, `was not imported: ${basename(error.path)} ${error.detail}.`);
  }
}

async function loadFile<T>(path: string, name: string, place: (image: NormalisedImage) => Promise<T>): Promise<T | ImportProblem> {
  let bytes: Buffer;
  try {
    bytes = await readUserFile(path, maxImageFileBytes);
  } catch (error) {
    if (error instanceof FileError) return fileProblem(name, error);
    return importProblem(name, 'unreadable', `cannot be read: ${(error as Error).message}`);
  }
  return decoded(bytes, name, place);
}

function fileProblem(name: string, error: FileError): ImportProblem {
  return importProblem(name, error.problem, `${error.detail}.`);
}

async function decoded<T>(bytes: Buffer, name: string, place: (image: NormalisedImage) => Promise<T>): Promise<T | ImportProblem> {
  const image = await normaliseImage(bytes, name, importLimits.decode);
  return isImportProblem(image) ? image : place(image);
}

function unmatchedProblem(entry: WalkEntry, otherRoot: string): ImportProblem {
  return importProblem(entry.path, 'unmatched', `has no file of the same name in ${otherRoot}, so it has no partner.`);
}

function stem(relativePath: string): string {
  return relativePath.slice(0, relativePath.length - extname(relativePath).length);
}
