// Browser tests for programmes and the portfolio: the demo municipality's portfolio with
// filters and exports, the programme it joined, and the secretariat's view of it; axe-core
// on every page. Same environment as shell.test.mjs.

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
const PROGRAMME = 'Mere kerneopgave og mindre bureaukrati';
const PROJECT = 'Sammenhængende hjælp til borgere med komplekse behov';
if (!BASE_URL || !PASSWORD) throw new Error('browser tests need FREMDRIFT_BASE_URL and FREMDRIFT_DEMO_PASSWORD');
const url = (p) => `${BASE_URL}${p}`;

let browser;

async function assertAccessible(page, name) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const text = serious.map((v) => `${v.id}: ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(text, [], `axe on ${name}`);
}

async function loggedIn(email) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK', bypassCSP: true, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(url('/login'));
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Adgangskode').fill(PASSWORD);
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Log ind', exact: true }).click()]);
  return page;
}

describe('programmes and portfolio', () => {
  before(async () => {
    mkdirSync(RESULTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  after(async () => {
    await browser?.close();
  });

  test('the portfolio filters without JavaScript and exports the filtered list', async () => {
    const page = await loggedIn('admin@demo.fremdrift.test');
    await page.getByRole('link', { name: 'Portefølje' }).click();
    await page.getByRole('heading', { level: 1, name: 'Portefølje' }).waitFor();
    await assertAccessible(page, 'portfolio');
    await page.getByLabel('Status').selectOption('yellow');
    await page.getByLabel('Indholdsspor').selectOption('Styrket borgerkontakt');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Vis', exact: true }).click()]);
    assert.match(page.url(), /status=yellow/);
    await page.getByRole('link', { name: PROJECT }).waitFor();
    const csvHref = await page.getByRole('link', { name: 'Hent som CSV' }).getAttribute('href');
    assert.match(csvHref, /^\/portfolio\.csv\?.*status=yellow/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Hent som Excel' }).click()]);
    assert.match(download.suggestedFilename(), /^portfolio-\d{4}-\d{2}-\d{2}\.xlsx$/);
    await page.screenshot({ path: path.join(RESULTS, '30-portfolio.png'), fullPage: true });
    await page.getByLabel('Status').selectOption('red');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Vis', exact: true }).click()]);
    await page.getByText('Ingen projekter passer til filtrene.').waitFor();
    await page.context().close();
  });

  test('the municipality sees the programme it joined, grouped by cluster', async () => {
    const page = await loggedIn('admin@demo.fremdrift.test');
    await page.getByRole('link', { name: 'Programmer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Programmer' }).waitFor();
    await page.getByText('Tværkommunalt program').first().waitFor();
    await assertAccessible(page, 'programme list (member)');
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: PROGRAMME }).click()]);
    await page.getByRole('heading', { level: 3, name: /Beskæftigelse og socialområdet/ }).waitFor();
    await page.getByRole('link', { name: PROJECT }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Administrér programmet' }).count(), 0);
    await assertAccessible(page, 'programme (member)');
    await page.screenshot({ path: path.join(RESULTS, '31-programme-member.png'), fullPage: true });
    await page.context().close();
  });

  test('the secretariat sees the attached project but cannot open it, and hands out a join code', async () => {
    const page = await loggedIn('sekretariat@demo.fremdrift.test');
    await page.getByRole('link', { name: 'Programmer' }).click();
    await page.getByRole('heading', { name: 'Medlemsorganisationer' }).waitFor();
    await page.getByText('Demo Kommune').first().waitFor();
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Lav ny medlemskode' }).click()]);
    const code = (await page.locator('code.secret').innerText()).trim();
    assert.ok(code.length >= 20);
    await assertAccessible(page, 'programme list (umbrella, with a new code)');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Tilbagekald koden' }).click()]);
    await page.getByText('Medlemskoden er tilbagekaldt.').waitFor();
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: PROGRAMME }).click()]);
    await page.getByRole('cell', { name: PROJECT, exact: true }).waitFor();
    assert.equal(await page.getByRole('link', { name: PROJECT }).count(), 0);
    await page.getByRole('heading', { name: 'Administrér programmet' }).waitFor();
    await assertAccessible(page, 'programme (umbrella)');
    await page.screenshot({ path: path.join(RESULTS, '32-programme-umbrella.png'), fullPage: true });
    await page.context().close();
  });
});
