// Browser tests for the kaizen board on the demo project: a card moved BY KEYBOARD to
// another column stays there after a reload, a new card from the form (no script
// needed), the wall screen with map, charts and columns, axe-core and screenshots.
// Environment: see support.mjs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertAccessible, clickAndLoad, openDemoProject, press, screenshot, url, withLoggedInPage,
} from './support.mjs';

const CARD = `Kort fra tastaturtest ${Date.now().toString(36)}`;

let page;
let boardUrl;

const column = (key) => page.locator(`section.kaizen-column[data-column="${key}"]`);

describe('kaizen board', () => {
  withLoggedInPage((p) => { page = p; }, { width: 1600, height: 1000 });

  test('the project page links to the board, which shows the demo cards', async () => {
    await openDemoProject(page, 'Kaizentavle');
    // Reachable by keyboard: focus the link and press Enter.
    const link = page.getByRole('link', { name: 'Åbn kaizentavlen' });
    await link.focus();
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await page.getByRole('heading', { level: 1, name: /Kaizentavle/ }).waitFor();
    boardUrl = page.url().replace(/[?#].*$/, '');
    assert.ok(await page.locator('li.kaizen-card').count() >= 20, 'the demo has 20 cards');
    for (const key of ['new', 'in_progress', 'done', 'rejected']) {
      assert.ok(await column(key).locator('li.kaizen-card').count() >= 1, `cards in ${key}`);
    }
    await assertAccessible(page, 'kaizen board');
  });

  test('a card raised with the form lands in the new column', async () => {
    const form = page.locator('form[action$="/kaizen"]');
    await form.getByLabel('Problem eller idé').fill(CARD);
    await form.getByLabel('Type').selectOption({ label: 'Idé' });
    await form.getByLabel('Rejst af (navn)').fill('Medarbejder i Jobcentret');
    await clickAndLoad(page, form.getByRole('button', { name: 'Sæt kortet på tavlen' }));
    await column('new').locator('li.kaizen-card', { hasText: CARD }).waitFor();
  });

  test('a card moved by keyboard to another column stays there after reload', async () => {
    const card = column('new').locator('li.kaizen-card', { hasText: CARD });
    const right = card.getByRole('button', { name: 'Flyt til højre kolonne' });
    await right.focus();
    await page.keyboard.press('Enter');
    const moved = column('in_progress').locator('li.kaizen-card', { hasText: CARD });
    await moved.waitFor();
    await page.waitForFunction(() => /Kortet er flyttet til I gang/.test(document.getElementById('kaizen-live').textContent));
    // Focus stays with the card, so the next key press moves it on.
    assert.equal(await page.evaluate(() => document.activeElement.closest('li.kaizen-card')?.textContent.includes('tastaturtest')), true);
    // Arrow key on the focused card: one place up within the column.
    await moved.focus();
    const before = await column('in_progress').locator('li.kaizen-card').allInnerTexts();
    const index = before.findIndex((t) => t.includes(CARD));
    await page.keyboard.press('ArrowUp');
    if (index > 0) {
      await page.waitForFunction(([text, was]) => {
        const cards = [...document.querySelectorAll('section[data-column="in_progress"] li.kaizen-card')];
        return cards.findIndex((c) => c.textContent.includes(text)) === was - 1;
      }, [CARD, index]);
    }
    await screenshot(page, '60-kaizen-board');
    await page.reload();
    await column('in_progress').locator('li.kaizen-card', { hasText: CARD }).waitFor();
    assert.equal(await column('new').locator('li.kaizen-card', { hasText: CARD }).count(), 0);
    await assertAccessible(page, 'kaizen board after a move');
  });

  test('a card dragged to another column stays there', async () => {
    const text = 'Screeningsmødet startede for sent';  // the first card: no scrolling mid-drag
    const card = column('done').locator('li.kaizen-card', { hasText: text });
    await card.dragTo(column('rejected').locator('h2'));
    await column('rejected').locator('li.kaizen-card', { hasText: text }).waitFor();
    await page.reload();
    await column('rejected').locator('li.kaizen-card', { hasText: text }).waitFor();
    assert.equal(await column('done').locator('li.kaizen-card', { hasText: text }).count(), 0);
  });

  test('the wall screen shows the redesign, the run charts and the columns', async () => {
    await page.goto(`${boardUrl}/wall`);
    await page.locator('[data-map-viewer][data-ready="1"]').waitFor({ timeout: 15000 });
    await page.locator('.run-chart.drawn').first().waitFor({ timeout: 15000 });
    assert.ok(await page.locator('.run-chart').count() >= 5, 'a chart per demo KPI');
    await column('in_progress').locator('li.kaizen-card', { hasText: CARD }).waitFor();
    assert.equal(await page.locator('form.kaizen-move').count(), 0, 'the wall has no controls');
    await screenshot(page, '61-kaizen-wall');
    await assertAccessible(page, 'kaizen wall screen');
  });

  test('the card page, and the agenda button of a kaizen meeting', async () => {
    await page.goto(boardUrl);
    const card = column('in_progress').locator('li.kaizen-card', { hasText: CARD });
    await clickAndLoad(page, card.getByRole('link', { name: /Åbn kortet/ }));
    await page.getByRole('heading', { level: 1, name: 'Forbedringskort' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Beslut om kortet' }).waitFor();
    await assertAccessible(page, 'kaizen card');
    // A kaizen meeting of the demo gets its agenda from the board with one button.
    const projectId = boardUrl.split('/projects/')[1].split('/')[0];
    const meetings = await page.evaluate(async (id) =>
      (await (await fetch(`/api/v1/projects/${id}/meetings`)).json()).items, projectId);
    const kaizen = meetings.filter((m) => m.kind === 'kaizen').pop();
    await page.goto(url(`/projects/${projectId}/meetings/${kaizen.id}`));
    await press(page, 'Lav dagsorden fra tavlen');
    const agenda = page.locator('ol.agenda');
    await agenda.waitFor();
    assert.match(await agenda.innerText(), /Kort til beslutning/);
    assert.match(await agenda.innerText(), /KPI med nyt signal/);
    await screenshot(page, '62-kaizen-agenda');
    await assertAccessible(page, 'kaizen meeting with generated agenda');
  });
});
