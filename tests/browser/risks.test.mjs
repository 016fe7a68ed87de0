// Browser tests for the risk log: a risk is recorded through the form, moved on the 5×5
// heat map by changing its scores (the cells' counts follow, a cell filters the list), a
// mitigation becomes a row of the action plan with one click, and the score history shows
// the change. The demo's risks are on the overview and the heat map. axe-core on every page.
// Environment: see support.mjs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RUN, assertAccessible, follow, openDemoProject, press, screenshot, url, withLoggedInPage,
} from './support.mjs';

const TITLE = `Vikarbureauet leverer ikke (${RUN})`;
const MITIGATION = `Aftale med to bureauer (${RUN})`;

let page;

async function count(p, c, view = 'before') {
  const cell = page.locator(`table.risk-map a[href*="p=${p}&c=${c}&view=${view}"]`);
  return Number((await cell.textContent()).trim().match(/^\d+/)[0]);
}

describe('risks', () => {
  withLoggedInPage((p) => { page = p; });

  test('the demo project shows its top risks and its heat map', async () => {
    await openDemoProject(page, 'Største risici');
    await page.locator('.risks').getByText('gennemgang overskredet').first().waitFor();
    await follow(page, 'Risici', { exact: true });
    await page.getByRole('heading', { level: 1, name: /^Risici:/ }).waitFor();
    let total = 0;
    for (let p = 1; p <= 5; p += 1) for (let c = 1; c <= 5; c += 1) total += await count(p, c);
    assert.equal(total, 7, 'eight demo risks, one of them closed');
    await assertAccessible(page, 'risk log');
    await screenshot(page, '70-risks-log');
    await follow(page, 'Efter tiltag', { exact: true });
    assert.match(page.url(), /view=after/);
    await assertAccessible(page, 'risk log after mitigation');
  });

  test('the portfolio draws the heat map of every project', async () => {
    await page.goto(url('/portfolio'));
    assert.equal(await page.locator('table.risk-map').count(), 2);
    await assertAccessible(page, 'portfolio with its heat map');
    await screenshot(page, '73-risks-portfolio-page');
    await follow(page, 'Risikokortet på sin egen side');
    await page.getByRole('heading', { level: 1, name: /^Risikokort for alle projekter: Demo Kommune/ }).waitFor();
    assert.equal(await page.locator('table.risk-map').count(), 2);
    await assertAccessible(page, 'portfolio heat map');
    await screenshot(page, '74-risks-portfolio-map');
  });

  test('a risk is recorded, moved on the heat map and a mitigation becomes an action', async () => {
    await openDemoProject(page, null, 'Risici');
    const lowBefore = await count(2, 2);
    const highBefore = await count(5, 5);
    // A refused form keeps what was typed.
    await page.getByLabel('Risiko', { exact: true }).fill(TITLE);
    await press(page, 'Gem risikoen');
    await page.locator('#r-probability-error').waitFor();
    assert.equal(await page.getByLabel('Risiko', { exact: true }).inputValue(), TITLE);
    await assertAccessible(page, 'risk form with errors');
    await page.getByLabel('Sandsynlighed', { exact: true }).selectOption('2');
    await page.getByLabel('Konsekvens', { exact: true }).selectOption('2');
    await page.getByLabel('Tiltag', { exact: true }).fill(MITIGATION);
    await press(page, 'Gem risikoen');
    await page.getByRole('heading', { level: 1, name: `Risiko: ${TITLE}` }).waitFor();
    await follow(page, 'Tilbage til risikologgen');
    assert.equal(await count(2, 2), lowBefore + 1);

    // Moved: the scores change, and so does its place on the map.
    await follow(page, TITLE);
    await page.getByLabel('Sandsynlighed', { exact: true }).selectOption('5');
    await page.getByLabel('Konsekvens', { exact: true }).selectOption('5');
    await press(page, 'Gem risikoen');
    await page.getByRole('status').waitFor();
    await page.getByRole('cell', { name: /Sandsynlighed: 2 → 5/ }).waitFor();
    await follow(page, 'Tilbage til risikologgen');
    assert.equal(await count(2, 2), lowBefore);
    assert.equal(await count(5, 5), highBefore + 1);
    await page.locator('table.risk-map a[href*="p=5&c=5&view=before"]').click();
    await page.waitForLoadState('load');
    await page.getByRole('link', { name: TITLE }).waitFor();
    assert.equal(await page.getByRole('row').filter({ hasText: 'Leverandøren' }).count(), 0);
    await screenshot(page, '71-risks-moved');

    // One click: the mitigation is a row of the action plan.
    await follow(page, TITLE);
    await assertAccessible(page, 'risk page');
    await press(page, /Gør til handling.*Aftale med to bureauer/);
    await page.getByRole('link', { name: 'i handleplanen' }).first().waitFor();
    assert.equal(await page.getByRole('button', { name: /Gør til handling.*Aftale med to bureauer/ }).count(), 0);
    await screenshot(page, '72-risk-page');
    await follow(page, 'i handleplanen');
    await page.getByText(MITIGATION).first().waitFor();
  });
});
