// Browser tests for KPIs: create a KPI on the demo project, push a baseline through
// the API, enter a run of low weeks in the week grid and see the signal both in the
// text summary and on the uPlot chart; import a small CSV file with a preview first;
// axe-core on every KPI page. Same environment
// as shell.test.mjs.

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
const NAME = `Genhenvisninger ${Date.now().toString(36)}`;
if (!BASE_URL || !PASSWORD) throw new Error('browser tests need FREMDRIFT_BASE_URL and FREMDRIFT_DEMO_PASSWORD');
const url = (p) => `${BASE_URL}${p}`;

let browser;
let page;

async function assertAccessible(name) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const text = serious.map((v) => `${v.id}: ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(text, [], `axe on ${name}`);
}

function daysAgo(days) {
  const d = new Date(Date.now() - days * 86400000);
  return d.toISOString().slice(0, 10);
}

describe('kpis', () => {
  before(async () => {
    mkdirSync(RESULTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK', bypassCSP: true });
    page = await context.newPage();
    await page.goto(url('/login'));
    await page.getByLabel('E-mail').fill('admin@demo.fremdrift.test');
    await page.getByLabel('Adgangskode').fill(PASSWORD);
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Log ind', exact: true }).click()]);
  });

  after(async () => {
    await browser?.close();
  });

  test('the demo project lists its KPIs with the waiting-time signal', async () => {
    await page.goto(url('/projects'));
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: DEMO_PROJECT, exact: true }).click()]);
    await page.getByRole('heading', { level: 2, name: "KPI'er og målinger" }).waitFor();
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: "Alle KPI'er" }).click()]);
    const row = page.getByRole('row', { name: /Ventedage til første fælles samtale/ });
    assert.match(await row.innerText(), /Signal/);
    await assertAccessible('KPI list');
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: 'Ventedage til første fælles samtale' }).click()]);
    await page.locator('#run-chart.drawn canvas').first().waitFor();
    await page.getByText('Usædvanligt langt forløb på samme side af medianen').first().waitFor();
    await page.screenshot({ path: path.join(RESULTS, '40-kpi-demo.png'), fullPage: true });
    await assertAccessible('demo KPI page');
  });

  test('a week of low values entered in the grid shows a signal', async () => {
    await page.goto(url('/projects'));
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: DEMO_PROJECT, exact: true }).click()]);
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: 'Ny KPI' }).click()]);
    await assertAccessible('new KPI form');
    await page.getByLabel('Navn', { exact: true }).fill(NAME);
    await page.getByLabel('Enhed').fill('antal');
    await page.getByLabel('Retning').selectOption('lower');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Gem' }).click()]);
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
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Gem målinger' }).click()]);
    await page.getByText('Intet er gemt').waitFor();
    assert.equal(await page.locator('.kpi-grid input').nth(3).inputValue(), 'ti');
    assert.equal(await page.locator('.kpi-grid input').nth(0).inputValue(), '10');
    await assertAccessible('KPI page with a grid error');

    await page.locator('.kpi-grid input').nth(3).fill('10');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Gem målinger' }).click()]);
    await page.getByRole('status').getByText('Gemt.').waitFor();
    await page.getByText('Usædvanligt langt forløb på samme side af medianen').first().waitFor();
    const chart = page.locator('#run-chart.drawn');
    await chart.locator('canvas').first().waitFor();
    assert.ok(Number(await chart.getAttribute('data-signals')) > 0);
    assert.ok(await page.locator('table.kpi-points').getByText('Del af en signal').count() >= 8);
    await page.screenshot({ path: path.join(RESULTS, '41-kpi-signal.png'), fullPage: true });
    await assertAccessible('KPI page with a signal');
  });

  test('a small CSV file is previewed row by row, then imported', async () => {
    await page.goto(url('/projects'));
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: DEMO_PROJECT, exact: true }).click()]);
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: "Alle KPI'er" }).click()]);
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: NAME }).click()]);
    const file = page.getByLabel('Fil med målinger', { exact: true });
    const old1 = daysAgo(7 * 30);
    const old2 = daysAgo(7 * 31);
    // First a file with a mistake: the preview names the row and nothing can be imported.
    await file.setInputFiles({
      name: 'maalinger.csv', mimeType: 'text/csv',
      buffer: Buffer.from(`Dato;Værdi\r\n${old1};21,5\r\n${old2};tolv\r\n`),
    });
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Vis hvad der vil ske' }).click()]);
    const preview = page.locator('table.kpi-import');
    await preview.waitFor();
    assert.match(await preview.innerText(), /skal være et tal/);
    assert.equal(await page.getByRole('button', { name: 'Importér målingerne' }).count(), 0);
    await page.screenshot({ path: path.join(RESULTS, '42-kpi-import-error.png'), fullPage: true });
    await assertAccessible('KPI import preview with an error');

    await page.getByLabel('Fil med målinger', { exact: true }).setInputFiles({
      name: 'maalinger.csv', mimeType: 'text/csv',
      buffer: Buffer.from(`Dato;Værdi\r\n${old1};21,5\r\n${old2};22\r\n`),
    });
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Vis hvad der vil ske' }).click()]);
    const rows = page.locator('table.kpi-import tbody tr');
    assert.equal(await rows.count(), 2);
    assert.match(await rows.nth(0).innerText(), /21,5|21\.5/);
    assert.match(await rows.nth(0).innerText(), /Ny/);
    // Nothing is stored before the confirmation.
    const kpiId = new URL(page.url()).pathname.split('/').filter(Boolean)[3];
    const before = await (await page.request.get(url(`/api/v1/kpis/${kpiId}/measurements`))).json();
    await page.screenshot({ path: path.join(RESULTS, '43-kpi-import-preview.png'), fullPage: true });
    await assertAccessible('KPI import preview');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Importér målingerne' }).click()]);
    await page.getByText('Målingerne er importeret.').waitFor();
    const afterImport = await (await page.request.get(url(`/api/v1/kpis/${kpiId}/measurements`))).json();
    assert.equal(afterImport.items.length, before.items.length + 2);
    await page.screenshot({ path: path.join(RESULTS, '44-kpi-imported.png'), fullPage: true });
    await assertAccessible('KPI page after an import');
  });
});
