import { join } from 'node:path';
import sharp from 'sharp';
import { BlobStore } from '../../main/library/blobs';
import { openLibrary } from '../../main/library/library';
import { createProjectFolder } from '../../main/library/project';
import { insertOutput } from '../../main/library/repos/outputs';
import { collectPageProblems, expect, expectImagesLoaded, openOwnProject, test } from './serve-fixture';

/**
 * The Gallery on 100,000 outputs: written straight into the project's library
 * from here before the studio opens it (one process writes a project at a
 * time), drawn from forty real images so the thumbnails load.
 */
const outputCount = 100_000;
test.setTimeout(120_000);

let restoreProject = async () => {};

test.beforeAll(async ({ served }) => {
  test.setTimeout(120_000);
  const library = openLibrary(createProjectFolder(join(served.scratch, 'Hundred thousand')).root);
  try {
    const images = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        sharp({ create: { width: 64, height: 64, channels: 3, background: { r: (index * 37) % 256, g: (index * 91) % 256, b: (index * 53) % 256 } } })
          .png()
          .toBuffer(),
      ),
    );
    const hashes = images.map((bytes) => library.blobs.write(bytes));
    const { db } = library;
    db.transaction(() => {
      hashes.forEach((hash, index) => BlobStore.record(db, hash, images[index]!.length, { mediaType: 'image/png', width: 64, height: 64 }));
      const tag = Number(db.prepare("INSERT INTO tags (name) VALUES ('keeper')").run().lastInsertRowid);
      const tagOutput = db.prepare('INSERT INTO output_tags (tag_id, output_id) VALUES (?, ?)');
      for (let n = 0; n < outputCount; n++) {
        const id = insertOutput(db, { blobHash: hashes[n % hashes.length]!, kind: 'sample', provenance: { tool: 'sample', seed: n } }, 1_700_000_000_000 + n * 1000);
        if (n % 250 === 0) tagOutput.run(tag, id);
      }
    })();
  } finally {
    library.close();
  }
  // The write held this process's event loop for seconds, long enough for the server to close the idle
  // keep-alive connection of the last call; one turn of the loop lets fetch see that before it reuses it.
  await new Promise((resolve) => setTimeout(resolve, 50));
  restoreProject = await openOwnProject(served, 'Hundred thousand');
});

test.afterAll(() => restoreProject());

test('a hundred thousand outputs: few cells in the page, the far end a key away, filters exact', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await page.goto(`${served.url}#/gallery`);
  await expect(page.getByTestId('gallery-total')).toHaveText('100,000 outputs');
  const grid = page.getByTestId('gallery-grid');
  const cells = grid.getByRole('option');
  await expectImagesLoaded(grid.locator('img'), await grid.locator('img').count());
  expect(await cells.count()).toBeLessThan(200);
  await expect(cells.first()).toHaveAttribute('aria-setsize', String(outputCount));

  // Newest first; End goes to the oldest, seed 0, whose window is read on the way.
  await cells.first().click();
  await page.keyboard.press('End');
  await expect(grid.getByRole('option', { selected: true })).toHaveAttribute('aria-posinset', String(outputCount));
  await expect(grid.getByRole('option', { selected: true })).toHaveAccessibleName(/^Output 1$/);
  expect(await cells.count()).toBeLessThan(200);
  await page.keyboard.press('Enter');
  const viewer = page.getByTestId('output-viewer');
  await viewer.getByText('How it was made').click();
  await expect(viewer.getByTestId('provenance')).toContainText('seed0');
  await page.keyboard.press('Escape');

  await page.getByRole('checkbox', { name: /^keeper/ }).check();
  await expect(page.getByTestId('gallery-total')).toHaveText('400 outputs');
  expect(problems).toEqual([]);
});
