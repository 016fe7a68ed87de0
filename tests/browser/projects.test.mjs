// Browser tests for projects: create one from the FFB template, fill the charter
// (with a mistake first), tick checklist items, move phase by a gate decision,
// and axe-core on every project page. Environment: see support.mjs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  RESULTS, assertAccessible, clickAndLoad, follow, press, screenshot, url, withLoggedInPage,
} from './support.mjs';

const TITLE = `Sammenhængende hjælp ${Date.now().toString(36)}`;

let page;

describe('projects', () => {
  withLoggedInPage((p) => { page = p; });

  test('a project is created from the FFB template', async () => {
    await page.getByRole('link', { name: 'Projekter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Projekter' }).waitFor();
    await assertAccessible(page, 'project list');
    await page.getByLabel('Titel').fill(TITLE);
    await page.getByLabel('Metode').selectOption('ffb');
    await press(page, 'Opret projekt');
    assert.match(new URL(page.url()).pathname, /^\/projects\/[0-9A-Z]{26}\/charter$/);
  });

  test('the charter keeps what was typed when the end is before the start', async () => {
    await page.getByLabel('Formål').fill('Én indgang for borgere med komplekse forløb');
    await page.getByLabel('Borgerforløbet').fill('Anna har kontakt med jobcenter, socialafdeling og sundhedspleje.');
    await page.getByLabel('Jobcenter', { exact: true }).check();
    await page.getByLabel('Start').fill('2026-03-01');
    await page.getByLabel('Slut').fill('2026-02-01');
    await press(page, 'Gem');
    // Beside the field (the error summary at the form's top repeats it as a link).
    await page.locator('#c-end-error').getByText('Må ikke ligge før startdatoen').waitFor();
    await page.locator('.error-summary').getByRole('link', { name: 'Slut: Må ikke ligge før startdatoen' }).waitFor();
    assert.equal(await page.getByLabel('Formål').inputValue(), 'Én indgang for borgere med komplekse forløb');
    assert.equal(await page.getByLabel('Jobcenter', { exact: true }).isChecked(), true);
    await screenshot(page, '20-charter-error');
    await assertAccessible(page, 'charter with an error');
    await page.getByLabel('Slut').fill('2026-12-18');
    await press(page, 'Gem');
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByText('Anna har kontakt med jobcenter').waitFor();
  });

  test('checklist items are ticked and the phase moves by a gate decision', async () => {
    const first = page.locator('ul.checklist li').first();
    await first.locator('select[name="status"]').selectOption('done');
    await clickAndLoad(page, first.getByRole('button', { name: /Gem/ }));
    assert.equal(await page.locator('ul.checklist li').first().locator('select').first().inputValue(), 'done');
    // Responsible and deadline (they feed the person's deadline calendar), on the item's page.
    const second = page.locator('ul.checklist li').nth(1);
    await clickAndLoad(page, second.getByRole('link', { name: /Detaljer/ }));
    await page.getByRole('heading', { level: 1, name: 'Tjeklistepunkt' }).waitFor();
    await assertAccessible(page, 'checklist item');
    await page.getByLabel('Ansvarlig').selectOption({ index: 1 });
    await page.getByLabel('Frist').fill('2026-05-01');
    await clickAndLoad(page, page.getByRole('button', { name: 'Gem' }));
    assert.match(await page.locator('ul.checklist li').nth(1).locator('.item-facts').innerText(), /Frist: 2026-05-01/);
    await page.getByLabel('Beslutningen').fill('Styregruppen godkender forberedelsen.');
    // Most items are still open: the gate says so and wants the reason.
    await page.getByText('punkter i den nuværende fase er ikke afsluttet').waitFor();
    await page.getByLabel('Hvorfor I går videre med åbne punkter').fill('Resten tages i næste fase.');
    await press(page, /Registrér beslutning/);
    assert.match(await page.locator('[aria-current="step"]').innerText(), /Igangsæt/);
    // The phase left with open items is not shown as done.
    assert.match(await page.locator('ol.phases li').first().getAttribute('class'), /passed-open/);
    await screenshot(page, '21-project');
    await assertAccessible(page, 'project page');
  });

  test('the project tabs lead to the roles and the decision log, by keyboard too', async () => {
    const tabs = page.getByRole('navigation', { name: /Projektets faner/ });
    assert.equal(await tabs.getByRole('link', { name: 'Overblik' }).getAttribute('aria-current'), 'page');
    await clickAndLoad(page, tabs.getByRole('link', { name: 'Kommissorium og roller' }));
    await page.getByRole('heading', { level: 1, name: 'Kommissorium og roller' }).waitFor();
    await page.getByText('Én indgang for borgere med komplekse forløb').waitFor();
    await screenshot(page, '21a-project-roles');
    await assertAccessible(page, 'charter and roles tab');
    await page.getByRole('navigation', { name: /Projektets faner/ })
      .getByRole('link', { name: 'Møder og beslutninger' }).focus();
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await page.getByRole('heading', { level: 1, name: 'Møder og beslutninger' }).waitFor();
    await page.getByText('Styregruppen godkender forberedelsen.').waitFor();
    await screenshot(page, '21b-project-decisions');
    await assertAccessible(page, 'meetings and decisions tab');
    await clickAndLoad(page, page.getByRole('navigation', { name: /Projektets faner/ })
      .getByRole('link', { name: 'Overblik' }));
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  });

  test('the charter prints as one clean document', async () => {
    await follow(page, 'Udskriv kommissorium');
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await assertAccessible(page, 'charter print view');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('header.site').isVisible(), false);
    assert.equal(await page.getByRole('button', { name: 'Udskriv' }).isVisible(), false);
    await page.getByText('Anna har kontakt med jobcenter').waitFor();
    await page.setViewportSize({ width: 794, height: 1123 });  // A4 at 96 dpi
    await screenshot(page, '22-charter-print');
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 1000);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goBack();
  });

  test('a phase move without a decision is refused with a field error', async () => {
    // The browser's own `required` check stops an empty submit; remove it to reach the server.
    await page.evaluate(() => document.querySelector('#gate-decision').removeAttribute('required'));
    await press(page, /Registrér beslutning/);
    await page.getByText(/skriv beslutningen/i).first().waitFor();
    assert.equal(await page.getByLabel('Beslutningen').getAttribute('aria-invalid'), 'true');
  });

  test('an administrator copies a method template and adds a checklist item', async () => {
    const key = `ffb-${Date.now().toString(36)}`;
    await page.goto(url('/projects'));
    await follow(page, 'Metodeskabeloner');
    await page.getByRole('heading', { level: 1, name: 'Metodeskabeloner' }).waitFor();
    await assertAccessible(page, 'method templates');
    await page.getByLabel('Kopiér fra').selectOption('ffb');
    await page.getByLabel('Navn på kopien').fill('FFB – vores udgave');
    await page.getByLabel('Kort nøgle').fill(key);
    await press(page, 'Kopiér', { exact: true });
    await page.getByRole('heading', { level: 1, name: 'FFB – vores udgave' }).waitFor();
    const box = page.locator('textarea[name="items.0.resources-planning"]');
    await box.fill(`${await box.inputValue()}\nBorgerrådgiveren er orienteret.`);
    await press(page, 'Gem', { exact: true });
    await page.getByText('Gemt').first().waitFor();
    assert.match(await page.locator('textarea[name="items.0.resources-planning"]').inputValue(), /Borgerrådgiveren er orienteret\.$/);
    await page.screenshot({ path: path.join(RESULTS, '23-template-edit.png'), fullPage: false });
    await assertAccessible(page, 'template editor');
  });
});
