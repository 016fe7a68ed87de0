// Browser tests for work packages and their budget (issue 15, points 1 and 2): the demo
// project's three packages on the timeline with its table; a new package with a budget whose
// grant split is refused until the shares add up to 100 %; actuals imported from a CSV file
// (a preview first, a bad file refused whole, then every row); budget vs actual with the
// package over its plan marked, the burn chart and the funder's view. axe-core on every page.
// Environment: see support.mjs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertAccessible, openDemoProject, press, screenshot, url, withLoggedInPage,
} from './support.mjs';

let page;
const TAB = 'Arbejdspakker og budget';

describe('work packages', () => {
  withLoggedInPage((p) => { page = p; });

  test('the timeline shows the demo packages by month with today and a table', async () => {
    await openDemoProject(page, null, TAB);
    await page.getByRole('heading', { level: 1, name: /^Arbejdspakker:/ }).waitFor();
    const timeline = page.locator('figure.wp-timeline');
    assert.equal(await timeline.locator('rect.wp-bar').count(), 3);
    assert.equal(await timeline.locator('line.wp-today').count(), 1);
    assert.ok(await timeline.locator('text.wp-axis').count() >= 18);
    const table = page.getByRole('region', { name: 'Arbejdspakkerne', exact: true });
    await table.getByRole('link', { name: 'AP2 Ny arbejdsgang og pilot' }).waitFor();
    assert.match(await table.getByRole('row', { name: /AP3/ }).innerText(), /AP2 Ny arbejdsgang og pilot/);
    await assertAccessible(page, 'work packages');
    await screenshot(page, '90-work-packages-timeline');
  });

  test('a new package gets a budget with a grant split that must add up to 100 %', async () => {
    await openDemoProject(page, null, TAB);
    const add = page.locator('form.wp-form');
    await add.getByLabel('Titel').fill('AP4 Evaluering');
    await add.getByLabel('Start').fill('2027-09-01');
    await add.getByLabel('Slut').fill('2027-06-30');
    await press(page, 'Tilføj arbejdspakke');
    await page.locator('#wp-end-error').waitFor();
    assert.equal(await add.getByLabel('Titel').inputValue(), 'AP4 Evaluering');
    await add.getByLabel('Slut').fill('2027-12-31');
    await press(page, 'Tilføj arbejdspakke');
    await page.getByRole('heading', { level: 1, name: 'AP4 Evaluering' }).waitFor();

    const budget = page.locator('form.wp-budget');
    await budget.getByLabel('År 1', { exact: true }).fill('2027');
    await budget.getByLabel('Rolle 1', { exact: true }).selectOption('project_leader');
    await budget.getByLabel('Timer 1', { exact: true }).fill('100');
    await budget.getByLabel('Andre omkostninger 1', { exact: true }).fill('5.000');
    await budget.getByLabel('Finansieringskilde 1', { exact: true }).selectOption('grant');
    await budget.getByLabel('Bevillingsgiver 1', { exact: true }).fill('Testfonden');
    await budget.getByLabel('Andel (%) 1', { exact: true }).fill('40');
    await budget.getByLabel('Finansieringskilde 2', { exact: true }).selectOption('in_kind');
    await budget.getByLabel('Andel (%) 2', { exact: true }).fill('50');
    await press(page, 'Gem budgettet');
    await page.getByRole('alert').getByText(/100 % \(nu 90 %\)/).waitFor();
    // What was typed is kept.
    assert.equal(await page.locator('form.wp-budget').getByLabel('Bevillingsgiver 1', { exact: true }).inputValue(), 'Testfonden');
    await assertAccessible(page, 'budget refused');
    await page.locator('form.wp-budget').getByLabel('Andel (%) 2', { exact: true }).fill('60');
    await press(page, 'Gem budgettet');
    await page.getByRole('status').getByText('Gemt').waitFor();
    // 100 hours at the project leader's 650 kr. and 5.000 kr. of other costs.
    assert.equal(await page.locator('#wp-budget-total').innerText(), '70.000,00');
    const financing = page.getByRole('region', { name: 'Finansiering', exact: true });
    assert.match(await financing.locator('tbody tr').first().innerText(), /28\.000,00/);
    await assertAccessible(page, 'package with budget');
    await screenshot(page, '91-work-package-budget');
  });

  test('actuals are imported after a preview, all or nothing, and budget vs actual shows them', async () => {
    await page.goto(url('/projects'));
    await openDemoProject(page, null, TAB);
    await page.getByRole('link', { name: 'Budget og forbrug' }).first().click();
    await page.getByRole('heading', { level: 1, name: /^Budget og forbrug:/ }).waitFor();
    const file = (text) => ({ name: 'forbrug.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    // A row with an unknown package: the preview says so and offers no import.
    await page.getByLabel('Fil (CSV eller XLSX)').setInputFiles(file(
      'date;package;kind;amount;hours;note\n15-01-2027;AP4 Evaluering;other;1.500,00;;Interviewguide\n2027-01-20;AP9 Findes ikke;other;100;;\n'));
    await press(page, 'Vis forhåndsvisning');
    await page.getByRole('alert').getByText('nogle rækker har fejl; intet er importeret').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Importér alle rækker' }).count(), 0);
    await page.getByLabel('Fil (CSV eller XLSX)').setInputFiles(file(
      'date;package;kind;amount;hours;note\n15-01-2027;AP4 Evaluering;other;1.500,00;;Interviewguide\n2027-02-10;AP4 Evaluering;personnel;;10;Interviews\n'));
    await press(page, 'Vis forhåndsvisning');
    await page.getByRole('status').getByText(/Rækker: 2 · Med fejl: 0/).waitFor();
    await assertAccessible(page, 'import preview');
    await screenshot(page, '92-actuals-import-preview');
    await press(page, 'Importér alle rækker');
    await page.getByRole('status').getByText('Importerede rækker: 2').waitFor();
    // 1.500 kr. and 10 hours at the package's 650 kr.: 8.000 kr. of 70.000 kr.
    const packages = page.getByRole('region', { name: 'Pr. arbejdspakke' });
    assert.match(await packages.getByRole('row', { name: /AP4 Evaluering/ }).innerText(), /70\.000,00.*8\.000,00.*62\.000,00/s);
    assert.match(await packages.getByRole('row', { name: /AP2/ }).innerText(), /over planen/);
    await page.locator('figure.wp-burn polyline.wp-actual').waitFor();
    await page.getByRole('region', { name: 'Fonden for Sammenhængende Velfærd' }).waitFor();
    await page.getByRole('link', { name: 'Hent som Excel (XLSX)' }).waitFor();
    await assertAccessible(page, 'budget vs actual');
    await screenshot(page, '93-budget-vs-actual');
  });
});
