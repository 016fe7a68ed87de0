// Browser tests for the kaizen board on the demo project: a card moved BY KEYBOARD to
// another column stays there after a reload, a new card from the form (no script
// needed), the wall screen with map, charts and columns, axe-core and screenshots.
// Same environment as shell.test.mjs.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const BASE_URL = (process.env.FREMDRIFT_BASE_URL || '').replace(/\/+$/, '');
const PASSWORD = process.env.FREMDRIFT_DEMO_PASSWORD || '';
const CHROMIUM = process.env.FREMDRIFT_CHROMIUM || '/usr/bin/chromium';
const RESULTS = path.join(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..'), 'test-results');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const DEMO_PROJECT = 'Sammenhængende hjælp til borgere med komplekse behov';
const CARD = `Kort fra tastaturtest ${Date.now().toString(36)}`;
if (!BASE_URL || !PASSWORD) throw new Error('browser tests need FREMDRIFT_BASE_URL and FREMDRIFT_DEMO_PASSWORD');
const url = (p) => `${BASE_URL}${p}`;

let browser;
let page;
let boardUrl;

async function assertAccessible(name) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const text = serious.map((v) => `${v.id}: ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(text, [], `axe on ${name}`);
}

const column = (key) => page.locator(`section.kaizen-column[data-column="${key}"]`);

describe('kaizen board', () => {
  before(async () => {
    mkdirSync(RESULTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'da-DK', bypassCSP: true });
    page = await context.newPage();
    await page.goto(url('/login'));
    await page.getByLabel('E-mail').fill('admin@demo.fremdrift.test');
    await page.getByLabel('Adgangskode').fill(PASSWORD);
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Log ind', exact: true }).click()]);
  });

  after(async () => {
    await browser?.close();
  });

  test('the project page links to the board, which shows the demo cards', async () => {
    await page.goto(url('/projects'));
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: DEMO_PROJECT, exact: true }).click()]);
    await page.getByRole('heading', { level: 2, name: 'Kaizentavle' }).waitFor();
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
    await assertAccessible('kaizen board');
  });

  test('a card raised with the form lands in the new column', async () => {
    const form = page.locator('form[action$="/kaizen"]');
    await form.getByLabel('Problem eller idé').fill(CARD);
    await form.getByLabel('Type').selectOption({ label: 'Idé' });
    await form.getByLabel('Rejst af (navn)').fill('Medarbejder i Jobcentret');
    await Promise.all([page.waitForEvent('load'), form.getByRole('button', { name: 'Sæt kortet på tavlen' }).click()]);
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
    await page.screenshot({ path: path.join(RESULTS, '60-kaizen-board.png'), fullPage: true });
    await page.reload();
    await column('in_progress').locator('li.kaizen-card', { hasText: CARD }).waitFor();
    assert.equal(await column('new').locator('li.kaizen-card', { hasText: CARD }).count(), 0);
    await assertAccessible('kaizen board after a move');
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
    await page.screenshot({ path: path.join(RESULTS, '61-kaizen-wall.png'), fullPage: true });
    await assertAccessible('kaizen wall screen');
  });

  test('the card page, and the agenda button of a kaizen meeting', async () => {
    await page.goto(boardUrl);
    const card = column('in_progress').locator('li.kaizen-card', { hasText: CARD });
    await Promise.all([page.waitForEvent('load'), card.getByRole('link', { name: /Åbn kortet/ }).click()]);
    await page.getByRole('heading', { level: 1, name: 'Forbedringskort' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Beslut om kortet' }).waitFor();
    await assertAccessible('kaizen card');
    // A kaizen meeting of the demo gets its agenda from the board with one button.
    const projectId = boardUrl.split('/projects/')[1].split('/')[0];
    const meetings = await page.evaluate(async (id) =>
      (await (await fetch(`/api/v1/projects/${id}/meetings`)).json()).items, projectId);
    const kaizen = meetings.filter((m) => m.kind === 'kaizen').pop();
    await page.goto(url(`/projects/${projectId}/meetings/${kaizen.id}`));
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Lav dagsorden fra tavlen' }).click()]);
    const agenda = page.locator('ol.agenda');
    await agenda.waitFor();
    assert.match(await agenda.innerText(), /Kort til beslutning/);
    assert.match(await agenda.innerText(), /KPI med nyt signal/);
    await page.screenshot({ path: path.join(RESULTS, '62-kaizen-agenda.png'), fullPage: true });
    await assertAccessible('kaizen meeting with generated agenda');
  });
});
