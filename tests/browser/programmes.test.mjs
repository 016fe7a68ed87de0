// Browser tests for programmes and the portfolio: the demo municipality's portfolio with
// filters and exports, the programme it joined, and the secretariat's view of it; axe-core
// on every page. Environment: see support.mjs.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertAccessible, closeBrowsers, download, follow, launchBrowser, loggedInPage, press, screenshot,
} from './support.mjs';

const PROGRAMME = 'Mere kerneopgave og mindre bureaukrati';
const PROJECT = 'Sammenhængende hjælp til borgere med komplekse behov';

let browser;

const loggedIn = (email) => loggedInPage(browser, { email });

describe('programmes and portfolio', () => {
  before(async () => {
    browser = await launchBrowser();
  });
  after(closeBrowsers);

  test('the portfolio filters without JavaScript and exports the filtered list', async () => {
    const page = await loggedIn('admin@demo.fremdrift.test');
    await page.getByRole('link', { name: 'Portefølje' }).click();
    await page.getByRole('heading', { level: 1, name: 'Portefølje' }).waitFor();
    await assertAccessible(page, 'portfolio');
    await page.getByLabel('Status').selectOption('yellow');
    await page.getByLabel('Indholdsspor').selectOption('Styrket borgerkontakt');
    await press(page, 'Vis', { exact: true });
    assert.match(page.url(), /status=yellow/);
    await page.getByRole('link', { name: PROJECT }).waitFor();
    const csvHref = await page.getByRole('link', { name: 'Hent som CSV' }).getAttribute('href');
    assert.match(csvHref, /^\/portfolio\.csv\?.*status=yellow/);
    const excel = await download(page, page.getByRole('link', { name: 'Hent som Excel' }));
    assert.match(excel.suggestedFilename(), /^portfolio-\d{4}-\d{2}-\d{2}\.xlsx$/);
    await screenshot(page, '30-portfolio');
    await page.getByLabel('Status').selectOption('red');
    await press(page, 'Vis', { exact: true });
    await page.getByText('Ingen projekter passer til filtrene.').waitFor();
    await page.context().close();
  });

  test('the municipality sees the programme it joined, grouped by cluster', async () => {
    const page = await loggedIn('admin@demo.fremdrift.test');
    await page.getByRole('link', { name: 'Programmer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Programmer' }).waitFor();
    await page.getByText('Tværkommunalt program').first().waitFor();
    await assertAccessible(page, 'programme list (member)');
    await follow(page, PROGRAMME);
    await page.getByRole('heading', { level: 3, name: /Beskæftigelse og socialområdet/ }).waitFor();
    await page.getByRole('link', { name: PROJECT }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Administrér programmet' }).count(), 0);
    await assertAccessible(page, 'programme (member)');
    await screenshot(page, '31-programme-member');
    await page.context().close();
  });

  test('the secretariat sees the attached project but cannot open it, and hands out a join code', async () => {
    const page = await loggedIn('sekretariat@demo.fremdrift.test');
    await page.getByRole('link', { name: 'Programmer' }).click();
    await page.getByRole('heading', { name: 'Medlemsorganisationer' }).waitFor();
    await page.getByText('Demo Kommune').first().waitFor();
    await press(page, 'Lav ny medlemskode');
    const code = (await page.locator('code.secret').innerText()).trim();
    assert.ok(code.length >= 20);
    await assertAccessible(page, 'programme list (umbrella, with a new code)');
    await press(page, 'Tilbagekald koden');
    await page.getByText('Medlemskoden er tilbagekaldt.').waitFor();
    await follow(page, PROGRAMME);
    await page.getByRole('cell', { name: PROJECT, exact: true }).waitFor();
    assert.equal(await page.getByRole('link', { name: PROJECT }).count(), 0);
    await page.getByRole('heading', { name: 'Administrér programmet' }).waitFor();
    await assertAccessible(page, 'programme (umbrella)');
    await screenshot(page, '32-programme-umbrella');
    await page.context().close();
  });
});
