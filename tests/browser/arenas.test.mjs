// Browser tests for agile arenas (issue 16, point 5): the demo municipality's running arena
// in the list and its filter; a new arena started with the form (a refused form keeps what
// was typed), with members from several units; a pulse step's checklist item ticked on the
// step indicator's page; the arena grown into a project from another method template; the
// pages in Swedish and English. axe-core on every page. Environment: see support.mjs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RUN, assertAccessible, clickAndLoad, press, screenshot, switchLanguage, url, withLoggedInPage,
} from './support.mjs';

let page;

const DEMO_ARENA = 'Hurtigere hjælpemidler ved udskrivelse';

describe('arenas', () => {
  withLoggedInPage((p) => { page = p; });

  test('the demo arena is listed, filtered by status and reached from the menu', async () => {
    await page.goto(url('/overview'));
    await clickAndLoad(page, page.getByRole('navigation').getByRole('link', { name: 'Agile arenaer' }));
    await page.getByRole('heading', { level: 1, name: 'Agile arenaer' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(DEMO_ARENA) });
    assert.match(await row.innerText(), /Helle Krogh/);
    assert.match(await row.innerText(), /I gang/);
    assert.match(await row.innerText(), /Hjemmeplejen/);
    await assertAccessible(page, 'arena list');
    await screenshot(page, '96-arenas-list');
    await page.locator('#arena-filter-status').selectOption('done');
    await press(page, 'Filtrér');
    assert.equal(await page.getByRole('link', { name: DEMO_ARENA }).count(), 0);
    await page.getByText('Der er ingen arenaer endnu.').waitFor();
  });

  test('an arena is started, an item ticked and the arena grown into a project', async () => {
    const title = `Ventetid på genoptræning ${RUN}`;
    await page.goto(url('/arenas'));
    const form = page.locator('form[method="post"][action="/arenas"]');
    // No end date: refused, what was typed kept.
    await form.getByLabel('Titel').fill(title);
    await form.getByLabel(/^Mål/).fill('Borgerne venter for længe på genoptræning efter udskrivelse');
    await form.getByLabel('Procesleder').selectOption({ label: 'Maria Thomsen' });
    await form.getByLabel('Ida Poulsen').check();
    await form.getByLabel('Niels Madsen').check();
    await form.getByLabel('Ole Mortensen').check();
    await form.getByLabel('Slut').evaluate((el) => { el.removeAttribute('required'); });
    await press(page, 'Start arena');
    const again = page.locator('form[method="post"][action="/arenas"]');
    assert.equal(await again.getByLabel('Titel').inputValue(), title);
    assert.ok(await again.getByLabel('Niels Madsen').isChecked());
    await page.locator('#arena-ends-error').waitFor();
    await assertAccessible(page, 'arena form refused');
    await again.getByLabel('Slut').fill('2099-06-30');
    await press(page, 'Start arena');

    await page.getByRole('heading', { level: 1, name: `Agil arena: ${title}` }).waitFor();
    const arenaUrl = page.url().replace(/[?#].*$/, '');
    // Maria Thomsen and Ida Poulsen share a unit: the team covers three.
    assert.match(await page.getByText('Enheder i teamet').innerText(), /: 3 /);
    const steps = page.locator('ol.phases li');
    assert.equal(await steps.count(), 4);
    assert.equal(await steps.nth(0).getAttribute('aria-current'), 'step');
    assert.match(await steps.nth(0).innerText(), /Kommunikationsansvarlig \(0\/5\)/);
    await assertAccessible(page, 'new arena');

    // Tick the first item of step one by keyboard.
    const tick = page.locator('#item-communication-01').getByRole('button', { name: /Markér som udført/ });
    await tick.focus();
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    const item = page.locator('#item-communication-01');
    assert.match(await item.innerText(), /udført af Demo Administrator/);
    await item.getByRole('button', { name: /Genåbn/ }).waitFor();
    assert.match(await page.locator('ol.phases li').nth(0).innerText(), /\(1\/5\)/);
    await assertAccessible(page, 'arena with a ticked item');
    await screenshot(page, '97-arena-pulse');

    // What was tried goes in the log.
    await page.getByLabel('Det prøvede vi').fill('Genoptræningen starter på sygehuset');
    await page.locator('#log-result').fill('Ventetiden faldt fra 14 til 5 dage');
    await press(page, 'Gem i loggen');
    await page.getByRole('cell', { name: 'Ventetiden faldt fra 14 til 5 dage' }).waitFor();

    // Grow it into a full project from the FFB template.
    await page.getByLabel('Metodeskabelon').selectOption('ffb');
    await press(page, 'Opret projekt');
    await page.waitForURL(/\/projects\/[0-9A-Z]+$/);
    await page.getByRole('heading', { level: 1, name: new RegExp(title) }).waitFor();
    await assertAccessible(page, 'project grown from an arena');
    await screenshot(page, '98-arena-grown');
    await page.goto(arenaUrl);
    await page.getByRole('link', { name: 'Åbn projektet, arenaen voksede til' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Opret projekt' }).count(), 0);
  });

  test('the arena pages in Swedish and English', async () => {
    await page.goto(url('/arenas'));
    await clickAndLoad(page, page.getByRole('link', { name: DEMO_ARENA }));
    const path = new URL(page.url()).pathname;
    await switchLanguage(page, path, 'sv');
    await page.getByRole('heading', { level: 2, name: 'Pulsprogrammet' }).waitFor();
    await page.getByRole('heading', { level: 3, name: /Kommunikationsansvarig/ }).waitFor();
    await assertAccessible(page, 'arena in Swedish');
    await switchLanguage(page, path, 'en');
    await page.getByRole('heading', { level: 2, name: 'The pulse programme' }).waitFor();
    await page.getByRole('heading', { level: 3, name: /Recruitment plan for competences/ }).waitFor();
    await assertAccessible(page, 'arena in English');
    await screenshot(page, '99-arena-en');
    await switchLanguage(page, '/arenas', 'da');
  });
});
