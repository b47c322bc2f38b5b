import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetDetail, DatasetSummary, GalleryPage, RunSummary } from '../../../../preload/contract';
import { forkEngine } from '../../../../main/engine/fork';
import { appPaths } from '../../../../main/paths';
import { openDefaultProject } from '../../../../main/starter/open-default-project';
import { seedStarterProject } from '../../../../main/starter/seed-starter';
import { isStarterPending, markStarterPending } from '../../../../main/starter/starter-marker';
import { createStudio, type Studio } from '../../../../main/studio';
import { caller } from '../models/harness';

/**
 * The starter project with the real engine and the shipped models in
 * assets/starter: what a person finds on first launch, and what a launch
 * after a killed or finished setup does to it.
 */
describe('starter project', () => {
  let studio: Studio;
  let base: string;
  const call = caller(() => studio);
  const { starterDir } = appPaths();

  const contents = async () => {
    const datasets = await call<DatasetSummary[]>('datasets.list');
    const runs = await call<RunSummary[]>('training.list');
    const gallery = await call<GalleryPage>('gallery.query', { limit: 500 });
    return {
      datasets: Object.fromEntries(datasets.map((dataset) => [dataset.name, dataset.itemCount])),
      runs: runs.map((run) => `${run.name}: ${run.status}`).sort(),
      outputs: gallery.items.map((item) => item.id).sort((a, b) => a - b),
      tools: gallery.items.map((item) => item.tool).sort(),
    };
  };

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'studio-starter-test-'));
    studio = createStudio('cli', forkEngine(appPaths().engineEntry), { backend: 'wasm' });
  });
  afterAll(() => {
    studio?.close();
    rmSync(base, { recursive: true, force: true });
  });

  describe('a new default project', () => {
    let root: string;
    let first: Awaited<ReturnType<typeof contents>>;

    beforeAll(async () => {
      const opened = await openDefaultProject(studio, join(base, 'Default Project'), starterDir);
      expect(opened.opened.ok).toBe(true);
      root = join(base, 'Default Project');
      expect(opened.starter).not.toBeNull();
      await expect(opened.starter).resolves.toEqual({ datasets: 4, models: 4, outputs: 15 });
      first = await contents();
    }, 120_000);

    it('holds the four datasets, whole', () => {
      // A paired dataset counts an item per side.
      expect(first.datasets).toEqual({ Landscapes: 200, 'Sketch to day': 96, 'Day to night': 96, 'Fashion-MNIST': 1_000 });
    });

    it('names the Fashion-MNIST classes, as its classes.txt does', async () => {
      const detail = await call<DatasetDetail>('datasets.get', { dataset: 'Fashion-MNIST' });
      expect(detail.classCounts.map((entry) => entry.label).sort()).toEqual(['Ankle boot', 'Bag', 'Coat', 'Dress', 'Pullover', 'Sandal', 'Shirt', 'Sneaker', 'T-shirt/top', 'Trouser']);
    });

    it('holds the four starter models as completed runs', () => {
      expect(first.runs).toEqual([
        'Starter Fashion-MNIST (conditional DCGAN 32 px): completed',
        'Starter day to night (pix2pix 128 px): completed',
        'Starter landscapes (DCGAN 64 px): completed',
        'Starter sketch to day (pix2pix 128 px): completed',
      ]);
    });

    it('shows fifteen first images in the gallery: twelve sampled, a sketch taken to day, and that day taken to night', () => {
      expect(first.outputs).toHaveLength(15);
      expect(first.tools.filter((tool) => tool === 'explore')).toHaveLength(12);
      // The drawing is stored beside its translation, as Translate stores the source it was given.
      expect(first.tools.filter((tool) => tool !== 'explore')).toEqual(['style', 'translate', 'translate']);
    });

    it('is no longer marked as being set up', () => {
      expect(isStarterPending(root)).toBe(false);
    });

    it('gains nothing when the setup runs again', async () => {
      markStarterPending(root);
      await seedStarterProject(studio, starterDir, root);
      expect(await contents()).toEqual(first);
      expect(isStarterPending(root)).toBe(false);
    }, 120_000);

    it('replaces a dataset that a killed setup left half imported, and keeps the rest', async () => {
      await call('datasets.delete', { dataset: 'Landscapes' });
      await call('datasets.create', { name: 'Landscapes', kind: 'images' });
      markStarterPending(root);
      await seedStarterProject(studio, starterDir, root);
      const after = await contents();
      expect(after.datasets).toEqual(first.datasets);
      expect(after.runs).toEqual(first.runs);
      expect(after.outputs).toEqual(first.outputs);
    }, 120_000);

    it('is not set up again when opened at the next launch', async () => {
      const reopened = await openDefaultProject(studio, root, starterDir);
      expect(reopened.opened.ok).toBe(true);
      expect(reopened.starter).toBeNull();
    });
  });

  it('leaves a project that was already there, without the marker, as it was', async () => {
    const path = join(base, 'Existing');
    await call('library.create', { path });
    const opened = await openDefaultProject(studio, path, starterDir);
    expect(opened.starter).toBeNull();
    expect(await contents()).toMatchObject({ datasets: {}, runs: [], outputs: [] });
  });

  it('starts empty, and unmarked, when there are no starter assets (one-off CLI commands)', async () => {
    const path = join(base, 'Plain');
    const opened = await openDefaultProject(studio, path, null);
    expect(opened.opened.ok).toBe(true);
    expect(opened.starter).toBeNull();
    expect(isStarterPending(path)).toBe(false);
    expect(existsSync(path)).toBe(true);
    expect(await contents()).toMatchObject({ datasets: {}, runs: [], outputs: [] });
  });
});
