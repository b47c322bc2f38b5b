/**
 * Import throughput: 10,000 small images, and 200 photos of 2–4 megapixels,
 * imported through the same service the app and the CLI use.
 * Run: npm run bench -- import   (figures are printed; nothing is asserted)
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { EventBus } from '../../main/api/events';
import { datasetsService } from '../../main/datasets/service';
import { Jobs } from '../../main/jobs/jobs';
import { CurrentProject } from '../../main/library/current-project';

const smallCount = Number(process.env['BENCH_SMALL'] ?? 10_000);
const photoCount = Number(process.env['BENCH_PHOTOS'] ?? 200);

/** Distinct images cheaply: a noise field whose seed differs per image, so no two are duplicates. */
async function writeImages(folder: string, count: number, size: () => { width: number; height: number }, format: 'png' | 'jpeg'): Promise<void> {
  mkdirSync(folder, { recursive: true });
  for (let start = 0; start < count; start += 32) {
    await Promise.all(
      Array.from({ length: Math.min(32, count - start) }, async (_, k) => {
        const n = start + k;
        const { width, height } = size();
        const image = sharp({ create: { width, height, channels: 3, background: { r: n % 256, g: (n * 7) % 256, b: (n * 13) % 256 }, noise: { type: 'gaussian', mean: 128, sigma: 40 + (n % 50) } } });
        const file = join(folder, `${String(n).padStart(6, '0')}.${format === 'png' ? 'png' : 'jpg'}`);
        await (format === 'png' ? image.png() : image.jpeg({ quality: 88 })).toFile(file);
      }),
    );
  }
}

async function timeImport(name: string, folder: string, count: number): Promise<void> {
  const base = mkdtempSync(join(tmpdir(), 'studio-bench-import-'));
  const events = new EventBus();
  const project = new CurrentProject(events);
  project.create(join(base, 'project'));
  const service = datasetsService(project, new Jobs(events));
  const started = performance.now();
  const report = await service.import({ dataset: name, kind: 'images', paths: [folder] });
  const seconds = (performance.now() - started) / 1000;
  project.close();
  rmSync(base, { recursive: true, force: true });
  console.log(
    `${name.padEnd(28)} ${String(count).padStart(6)} files  ${seconds.toFixed(1).padStart(6)} s  ${(count / seconds).toFixed(1).padStart(7)} images/s` +
      `  (imported ${report.imported}, duplicates ${report.duplicates}, problems ${report.problems.length})`,
  );
}

const scratch = mkdtempSync(join(tmpdir(), 'studio-bench-images-'));
try {
  console.log(`Import throughput on ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.versions.node}`);
  const small = join(scratch, 'small');
  await writeImages(small, smallCount, () => ({ width: 64, height: 64 }), 'png');
  await timeImport('small PNG, 64×64', small, smallCount);
  const photos = join(scratch, 'photos');
  let n = 0;
  // 2 to 4 megapixels, landscape and portrait.
  await writeImages(photos, photoCount, () => (n++ % 2 === 0 ? { width: 2000 + (n % 5) * 100, height: 1300 } : { width: 1500, height: 2000 + (n % 3) * 200 }), 'jpeg');
  await timeImport('photo JPEG, 2–4 MP', photos, photoCount);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
