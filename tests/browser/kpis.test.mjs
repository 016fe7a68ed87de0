// Browser tests for KPIs: create a KPI on the demo project, push a baseline through
// the API, enter a run of low weeks in the week grid and see the signal both in the
// text summary and on the uPlot chart; import a small CSV file with a preview first;
// axe-core on every KPI page. Environment: see support.mjs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertAccessible, follow as followLink, openDemoProject, press as pressButton, screenshot,
  startLoggedIn, url, withLoggedInPage,
} from './support.mjs';

const NAME = `Genhenvisninger ${Date.now().toString(36)}`;

let page;

// Follows a link, or presses a button, and waits for the page that opens.
const follow = (name, options = {}) => followLink(page, name, options);
const press = (name) => pressButton(page, name);

function daysAgo(days) {
  const d = new Date(Date.now() - days * 86400000);
  return d.toISOString().slice(0, 10);
}

describe('kpis', () => {
  withLoggedInPage((p) => { page = p; });

  test('the demo project lists its KPIs with the waiting-time signal', async () => {
    await openDemoProject(page, "KPI'er og målinger");
    await follow("Alle KPI'er");
    const row = page.getByRole('row', { name: /Ventedage til første fælles samtale/ });
    assert.match(await row.innerText(), /Signal/);
    await assertAccessible(page, 'KPI list');
    await follow('Ventedage til første fælles samtale');
    await page.locator('#run-chart.drawn canvas').first().waitFor();
    await page.getByText('Usædvanligt langt forløb på samme side af medianen').first().waitFor();
    await screenshot(page, '40-kpi-demo');
    await assertAccessible(page, 'demo KPI page');
  });

  test('a week of low values entered in the grid shows a signal', async () => {
    await openDemoProject(page);
    await follow('Ny KPI');
    await assertAccessible(page, 'new KPI form');
    await page.getByLabel('Navn', { exact: true }).fill(NAME);
    await page.getByLabel('Måleenhed').fill('antal');
    await page.getByLabel('Retning').selectOption('lower');
    await press('Gem');
    await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
    // A baseline of twelve earlier weeks arrives through the API, as another system would send it.
    const kpiId = new URL(page.url()).pathname.split('/').pop();
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const baseline = [];
    for (let i = 0; i < 12; i += 1) baseline.push({ period: daysAgo(7 * (8 + i)), value: i % 2 ? 19 : 23 });
    const pushed = await page.request.post(url(`/api/v1/kpis/${kpiId}/measurements`), {
      data: baseline, headers: { 'X-CSRF-Token': csrf },
    });
    assert.equal(pushed.status(), 200, await pushed.text());
    await page.reload();
    await page.getByText('Ingen signaler').waitFor();

    // A typing error keeps what was typed and stores nothing.
    const cells = page.locator('.kpi-grid input');
    assert.equal(await cells.count(), 8);
    for (let i = 0; i < 8; i += 1) await cells.nth(i).fill('10');
    await cells.nth(3).fill('ti');
    await press('Gem målinger');
    await page.getByText('Intet er gemt').waitFor();
    assert.equal(await page.locator('.kpi-grid input').nth(3).inputValue(), 'ti');
    assert.equal(await page.locator('.kpi-grid input').nth(0).inputValue(), '10');
    await assertAccessible(page, 'KPI page with a grid error');

    await page.locator('.kpi-grid input').nth(3).fill('10');
    await press('Gem målinger');
    await page.getByRole('status').getByText('Gemt.').waitFor();
    await page.getByText('Usædvanligt langt forløb på samme side af medianen').first().waitFor();
    const chart = page.locator('#run-chart.drawn');
    await chart.locator('canvas').first().waitFor();
    assert.ok(Number(await chart.getAttribute('data-signals')) > 0);
    assert.ok(await page.locator('table.kpi-points').getByText('Del af et signal').count() >= 8);
    await screenshot(page, '41-kpi-signal');
    await assertAccessible(page, 'KPI page with a signal');
  });

  test('a small CSV file is previewed row by row, then imported', async () => {
    await openDemoProject(page);
    await follow("Alle KPI'er");
    await follow(NAME);
    const file = page.getByLabel('Fil med målinger', { exact: true });
    const old1 = daysAgo(7 * 30);
    const old2 = daysAgo(7 * 31);
    // First a file with a mistake: the preview names the row and nothing can be imported.
    await file.setInputFiles({
      name: 'maalinger.csv', mimeType: 'text/csv',
      buffer: Buffer.from(`Dato;Værdi\r\n${old1};21,5\r\n${old2};tolv\r\n`),
    });
    await press('Vis hvad der vil ske');
    const preview = page.locator('table.kpi-import');
    await preview.waitFor();
    assert.match(await preview.innerText(), /skal være et tal/);
    assert.equal(await page.getByRole('button', { name: 'Importér målingerne' }).count(), 0);
    await screenshot(page, '42-kpi-import-error');
    await assertAccessible(page, 'KPI import preview with an error');

    await page.getByLabel('Fil med målinger', { exact: true }).setInputFiles({
      name: 'maalinger.csv', mimeType: 'text/csv',
      buffer: Buffer.from(`Dato;Værdi\r\n${old1};21,5\r\n${old2};22\r\n`),
    });
    await press('Vis hvad der vil ske');
    const rows = page.locator('table.kpi-import tbody tr');
    assert.equal(await rows.count(), 2);
    assert.match(await rows.nth(0).innerText(), /21,5|21\.5/);
    assert.match(await rows.nth(0).innerText(), /Ny/);
    // Nothing is stored before the confirmation.
    const kpiId = new URL(page.url()).pathname.split('/').filter(Boolean)[3];
    const before = await (await page.request.get(url(`/api/v1/kpis/${kpiId}/measurements`))).json();
    await screenshot(page, '43-kpi-import-preview');
    await assertAccessible(page, 'KPI import preview');
    await press('Importér målingerne');
    await page.getByText('Målingerne er importeret.').waitFor();
    const afterImport = await (await page.request.get(url(`/api/v1/kpis/${kpiId}/measurements`))).json();
    assert.equal(afterImport.items.length, before.items.length + 2);
    await screenshot(page, '44-kpi-imported');
    await assertAccessible(page, 'KPI page after an import');
  });
});
