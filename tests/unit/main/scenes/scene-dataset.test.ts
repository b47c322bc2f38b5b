import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { describeScene, maxSceneSeed } from '../../../../main/scenes/describe-scene';
import { renderScenePng } from '../../../../main/scenes/render-scene';
import { sceneDatasetTargets, sceneFileName, writeSceneDataset, type SceneDatasetRequest, type SceneProgress } from '../../../../main/scenes/scene-dataset';

const base = mkdtempSync(join(tmpdir(), 'studio-scenes-'));
const size = { width: 48, height: 32 };
const request = (name: string, more: Partial<SceneDatasetRequest> = {}): SceneDatasetRequest => ({ out: join(base, name), count: 3, seed: 5, size, layout: 'folders', ...more });

describe('writeSceneDataset', () => {
  it('writes day, night and sketch folders with one file per seed under matching names', async () => {
    const progress: SceneProgress[] = [];
    const report = await writeSceneDataset(request('folders'), (step) => progress.push(step));
    expect(report).toMatchObject({ count: 3, cancelled: false, seeds: [5, 7], size, layout: 'folders' });
    expect(report.folders).toEqual(['day', 'night', 'sketch'].map((folder) => join(base, 'folders', folder)));
    for (const folder of report.folders) expect(readdirSync(folder)).toEqual(['scene-0005.png', 'scene-0006.png', 'scene-0007.png']);
    expect(progress.map((step) => step.completed)).toEqual([1, 2, 3]);
    expect(progress.every((step) => step.total === 3)).toBe(true);
    // The files are the scene each name says, byte for byte.
    const night = await renderScenePng(describeScene(6), size, 'night');
    expect(readFileSync(join(base, 'folders', 'night', 'scene-0006.png')).equals(night)).toBe(true);
  });

  it('lays out sketch|day and day|night pairs side by side when asked', async () => {
    const report = await writeSceneDataset(request('side', { count: 2, seed: 40, layout: 'side-by-side' }));
    expect(report.folders).toEqual([join(base, 'side', 'sketch-day'), join(base, 'side', 'day-night')]);
    const pair = join(base, 'side', 'sketch-day', 'scene-0040.png');
    expect(await sharp(pair).metadata()).toMatchObject({ width: 96, height: 32 });
    const halves = async (left: number) => sharp(pair).extract({ left, top: 0, width: 48, height: 32 }).raw().toBuffer();
    const raw = async (view: 'sketch' | 'day') => sharp(await renderScenePng(describeScene(40), size, view)).raw().toBuffer();
    expect((await halves(0)).equals(await raw('sketch'))).toBe(true);
    expect((await halves(48)).equals(await raw('day'))).toBe(true);
  });

  it('refuses to run when any file it would write exists, and writes nothing', async () => {
    const taken = request('taken');
    mkdirSync(join(taken.out, 'night'), { recursive: true });
    writeFileSync(join(taken.out, 'night', 'scene-0006.png'), 'a file someone cares about');
    await expect(writeSceneDataset(taken)).rejects.toMatchObject({ code: 'ALREADY_EXISTS', message: expect.stringContaining('scene-0006.png already exists') });
    expect(readFileSync(join(taken.out, 'night', 'scene-0006.png'), 'utf8')).toBe('a file someone cares about');
    expect(existsSync(join(taken.out, 'day'))).toBe(false);
    // A later seed range does not collide, so a dataset can grow.
    await expect(writeSceneDataset({ ...taken, seed: 8 })).resolves.toMatchObject({ count: 3, seeds: [8, 10] });
  });

  it('stops when cancelled, keeping whole scenes for the first seeds only', async () => {
    const stop = new AbortController();
    const cancelled = request('cancelled', { count: 40, seed: 0 });
    const report = await writeSceneDataset(cancelled, (step) => step.completed === 2 && stop.abort(), stop.signal);
    expect(report.cancelled).toBe(true);
    expect(report.count).toBeGreaterThanOrEqual(2);
    expect(report.count).toBeLessThan(40);
    const written = Array.from({ length: report.count }, (_, seed) => sceneFileName(seed));
    for (const folder of report.folders) expect(readdirSync(folder).sort()).toEqual(written);
    expect(report.seeds).toEqual([0, report.count - 1]);
  });

  it('says which part of a request is wrong', async () => {
    await expect(writeSceneDataset(request('bad', { size: { width: 8, height: 64 } }))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^size: the width/) });
    await expect(writeSceneDataset(request('bad', { count: 0 }))).rejects.toThrow(/^count must be at least 1/);
    await expect(writeSceneDataset(request('bad', { seed: maxSceneSeed }))).rejects.toThrow(/^seed must be a whole number from 0 to 4294967293 for 3 scenes/);
    expect(existsSync(join(base, 'bad'))).toBe(false);
  });

  it('names every target up front, for refusing a run before it starts', () => {
    expect(sceneDatasetTargets(request('x', { count: 2, seed: 12345 })).map((path) => path.slice(join(base, 'x').length + 1))).toEqual([
      'day/scene-12345.png',
      'night/scene-12345.png',
      'sketch/scene-12345.png',
      'day/scene-12346.png',
      'night/scene-12346.png',
      'sketch/scene-12346.png',
    ]);
  });
});
