// Browser tests for the action plan on the demo project: the overdue marker, a new
// row, inline edit, the CSV export, "my actions" and axe-core on the pages. Same
// environment: see support.mjs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertAccessible, clickAndLoad, downloadText, follow, openDemoProject, press, screenshot, withLoggedInPage,
} from './support.mjs';

const TASK = `Tjekliste til go-live ${Date.now().toString(36)}`;

let page;

describe('action plan', () => {
  withLoggedInPage((p) => { page = p; });

  test('the demo plan marks overdue rows in words', async () => {
    await openDemoProject(page, 'Handlingsplan');
    await follow(page, 'Åbn handlingsplanen');
    await page.getByRole('heading', { level: 1, name: /Handlingsplan/ }).waitFor();
    const overdue = page.locator('tr.overdue');
    assert.ok(await overdue.count() >= 2, 'the demo has overdue rows');
    assert.match(await overdue.first().innerText(), /Overskredet/);
    assert.ok(await page.locator('tr.action-row').count() >= 15);
    await screenshot(page, '40-action-plan');
    await assertAccessible(page, 'action plan');
  });

  test('a new row is added and edited inline', async () => {
    const form = page.locator('form[aria-labelledby="new-action-heading"]');
    await form.getByLabel('Ændring/opgave').fill(TASK);
    await form.getByLabel('Ansvarlig').selectOption({ label: 'Camilla Skov' });
    await form.getByLabel('Effekt').fill('Intet glemmes ved go-live');
    await form.getByLabel('Deadline').fill('2026-01-15');
    await clickAndLoad(page, form.getByRole('button', { name: 'Tilføj til handlingsplanen' }));
    const row = page.locator('tr.action-row', { hasText: TASK });
    await row.waitFor();
    assert.match(await row.innerText(), /Overskredet/);
    assert.match(await row.innerText(), /Camilla Skov/);

    await row.getByText('Ret rækken').click();
    await row.getByLabel('Ændring/opgave').fill(`${TASK} (rettet)`);
    await row.getByLabel('Deadline').fill('2099-06-30');
    await row.getByLabel('Status', { exact: true }).last().selectOption('in_progress');
    await clickAndLoad(page, row.getByRole('button', { name: 'Gem' }));
    const edited = page.locator('tr.action-row', { hasText: `${TASK} (rettet)` });
    await edited.waitFor();
    assert.doesNotMatch(await edited.innerText(), /Overskredet/);
    assert.match(await edited.innerText(), /I gang/);

    await edited.getByLabel(/Status:/).selectOption('done');
    await clickAndLoad(page, edited.getByRole('button', { name: 'Sæt status' }));
    assert.match(await page.locator('tr.action-row', { hasText: `${TASK} (rettet)` }).innerText(), /Færdig/);
    await assertAccessible(page, 'action plan after edit');
  });

  test('the plan downloads as CSV', async () => {
    const { filename, text: file } = await downloadText(page, 'Hent som CSV');
    assert.match(filename, /\.csv$/);
    assert.ok(file.startsWith('\uFEFF'), 'UTF-8 with BOM');
    assert.ok(file.includes(`${TASK} (rettet)`));
    assert.ok(file.includes('Ændring/opgave;Ansvarlig'));
  });

  test('an import is previewed before it is saved', async () => {
    await page.getByLabel('CSV-tekst').fill('Ændring/opgave;Ansvarlig;Effekt;Hvordan;Deadline;Status\nFra regneark;Ida Poulsen;;;;Ikke startet\n;Ingen Sådan;;;i morgen;\n');
    await press(page, 'Vis forhåndsvisning');
    await page.getByRole('heading', { name: 'Forhåndsvisning af importen' }).waitFor();
    assert.equal(await page.locator('tr.import-error').count(), 1);
    assert.equal(await page.getByRole('button', { name: 'Importér rækkerne' }).count(), 0);
    await assertAccessible(page, 'import preview');
  });

  test('my actions lists the caller’s rows', async () => {
    await follow(page, 'Mine opgaver');
    await page.getByRole('heading', { level: 1, name: 'Mine opgaver' }).waitFor();
    await assertAccessible(page, 'my actions');
  });
});
