import { collectPageProblems, expect, test } from './serve-fixture';
import type { Page } from '@playwright/test';

// A first launch: nothing in this page's storage says the tour was seen.
test.use({ tourSeen: false });

const views = ['Library', 'Datasets', 'Train', 'Explore', 'Translate', 'Style', 'Gallery', 'Export'];

function tourOf(page: Page) {
  return page.getByRole('dialog', { name: 'Guided tour' });
}

async function expectStep(page: Page, index: number) {
  const label = views[index]!;
  await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
  await expect(page.getByRole('tab', { name: label })).toHaveAttribute('aria-selected', 'true');
  await expect(tourOf(page).getByTestId('tour-counter')).toHaveText(`${index + 1} of ${views.length}`);
  expect(page.url()).toContain(`#/${label.toLowerCase()}`);
}

test('a first launch shows the tour on the Library view; Next walks every view and Finish ends it for good', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await page.goto(served.url);
  const tour = tourOf(page);
  await expect(tour).toBeVisible();
  await expectStep(page, 0);
  await expect(tour.getByRole('button', { name: 'Next' })).toBeFocused();
  await expect(tour).toContainText('Try first:');

  for (let index = 1; index < views.length; index++) {
    await tour.getByRole('button', { name: 'Next' }).click();
    await expectStep(page, index);
  }
  await tour.getByRole('button', { name: 'Back' }).click();
  await expectStep(page, views.length - 2);
  await tour.getByRole('button', { name: 'Next' }).click();
  await expectStep(page, views.length - 1);

  await tour.getByRole('button', { name: 'Finish' }).click();
  await expect(tour).toBeHidden();
  // Nothing had focus before the tour opened, so focus lands on the tab of the view it ended on.
  await expect(page.getByRole('tab', { name: 'Export' })).toBeFocused();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Export' })).toBeVisible();
  await expect(page.getByTestId('status-project')).not.toHaveText('No project open');
  await expect(tour).toBeHidden();
  expect(problems).toEqual([]);
});

test('the keyboard drives the tour: → and Enter go on, ← goes back, Esc skips it and a reload does not bring it back', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await page.goto(served.url);
  const tour = tourOf(page);
  await expectStep(page, 0);
  await page.keyboard.press('ArrowLeft');
  await expectStep(page, 0);
  await page.keyboard.press('ArrowRight');
  await expectStep(page, 1);
  await page.keyboard.press('Enter');
  await expectStep(page, 2);
  await page.keyboard.press('ArrowLeft');
  await expectStep(page, 1);
  // Clicking the rail mid-tour takes the tour along.
  await page.getByRole('tab', { name: 'Gallery' }).click();
  await expectStep(page, 6);

  await tour.getByRole('button', { name: 'Next' }).focus();
  await page.keyboard.press('Escape');
  await expect(tour).toBeHidden();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Gallery' })).toBeVisible();
  await expect(page.getByTestId('status-project')).not.toHaveText('No project open');
  await expect(tour).toBeHidden();
  expect(problems).toEqual([]);
});

test('"Take the tour" in the Library starts it again, and Skip tour hands focus back', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await page.goto(served.url);
  const tour = tourOf(page);
  await tour.getByRole('button', { name: 'Skip tour' }).click();
  await expect(tour).toBeHidden();

  const takeTheTour = page.getByRole('button', { name: 'Take the tour' });
  await takeTheTour.click();
  await expect(tour).toBeVisible();
  await expectStep(page, 0);
  await expect(tour.getByRole('button', { name: 'Next' })).toBeFocused();
  await tour.getByRole('button', { name: 'Skip tour' }).click();
  await expect(tour).toBeHidden();
  await expect(takeTheTour).toBeFocused();

  // Once the tour has left the Library its button is gone, so focus goes to the tab of the view on screen.
  await takeTheTour.click();
  await tour.getByRole('button', { name: 'Next' }).click();
  await expectStep(page, 1);
  await tour.getByRole('button', { name: 'Back' }).click();
  await expectStep(page, 0);
  await tour.getByRole('button', { name: 'Skip tour' }).click();
  await expect(tour).toBeHidden();
  await expect(page.getByRole('tab', { name: 'Library' })).toBeFocused();
  expect(problems).toEqual([]);
});
