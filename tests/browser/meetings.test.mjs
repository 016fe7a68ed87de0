// Browser tests for meetings: plan a steering-group meeting on the demo project,
// record attendance, export the meeting as .ics, see attendance by unit, and
// axe-core on every meeting page. Same environment as shell.test.mjs.

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
const TITLE = `Styregruppemøde ${Date.now().toString(36)}`;
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

describe('meetings', () => {
  before(async () => {
    mkdirSync(RESULTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 }, locale: 'da-DK', bypassCSP: true, acceptDownloads: true,
    });
    page = await context.newPage();
    await page.goto(url('/login'));
    await page.getByLabel('E-mail').fill('admin@demo.fremdrift.test');
    await page.getByLabel('Adgangskode').fill(PASSWORD);
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Log ind', exact: true }).click()]);
  });

  after(async () => {
    await browser?.close();
  });

  test('the demo project flags the unit that missed two meetings in a row', async () => {
    await page.goto(url('/projects'));
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: DEMO_PROJECT, exact: true }).click()]);
    await page.getByRole('heading', { level: 2, name: 'Møder' }).waitFor();
    await page.getByText('Fraværende på to møder i træk').first().waitFor();
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: 'Fremmøde pr. enhed' }).click()]);
    await page.getByRole('heading', { level: 1, name: /Fremmøde pr. enhed/ }).waitFor();
    const flagged = page.getByRole('row', { name: /Socialafdelingen/ });
    assert.match(await flagged.innerText(), /Fraværende på to møder i træk/);
    await page.screenshot({ path: path.join(RESULTS, '30-attendance-by-unit.png'), fullPage: true });
    await assertAccessible('attendance by unit');
    await page.goBack();
  });

  test('a steering-group meeting is planned with its agenda', async () => {
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: 'Planlæg et møde' }).click()]);
    await assertAccessible('new meeting form');
    await page.getByLabel('Mødetype').selectOption('steering_group');
    await page.getByLabel('Mødets titel').fill(TITLE);
    await page.getByLabel('Dato').fill('2026-05-19');
    await page.getByLabel('Klokkeslæt').fill('09:00');
    assert.equal(await page.getByLabel('Varighed i minutter').inputValue(), '60');
    await page.getByLabel('Sted').fill('Rådhuset, mødelokale 2');
    await page.getByLabel('Dagsorden').fill('KPI\'er siden sidst\nFremmøde fra Socialafdelingen\nBeslutninger');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Opret mødet' }).click()]);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    assert.equal(await page.locator('ol.agenda li').count(), 3);
  });

  test('attendance is recorded per person', async () => {
    const people = page.locator('fieldset.attendee');
    const count = await people.count();
    assert.ok(count >= 4, `the steering group is invited (${count})`);
    for (let i = 0; i < count; i += 1) await people.nth(i).getByLabel('Til stede').check();
    const last = people.nth(count - 1);
    await last.getByLabel('Stedfortræder', { exact: true }).check();
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Gem fremmødet' }).click()]);
    await page.getByText('Skriv stedfortræderens navn').waitFor();  // a substitute needs a name
    await assertAccessible('meeting with an attendance error');
    await page.locator('fieldset.attendee').nth(count - 1).getByLabel('Stedfortræderens navn').fill('Lise Holm');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Gem fremmødet' }).click()]);
    await page.getByRole('status').getByText('Gemt.').waitFor();
    assert.equal(await page.locator('fieldset.attendee').nth(count - 1).getByLabel('Stedfortræder', { exact: true }).isChecked(), true);
    await page.getByRole('textbox', { name: 'Referat' }).fill('Alle enheder var repræsenteret.');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Gem referatet' }).click()]);
    await page.screenshot({ path: path.join(RESULTS, '31-meeting.png'), fullPage: true });
    await assertAccessible('meeting page');
  });

  test('the meeting downloads as an iCalendar file', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Hent til kalenderen (.ics)' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /\.ics$/);
    const file = readFileSync(await download.path(), 'utf8');
    assert.match(file, /^BEGIN:VCALENDAR\r\n/);
    assert.match(file, /\r\nDTSTART;TZID=Europe\/Copenhagen:20260519T090000\r\n/);
    assert.ok(file.includes(`SUMMARY:${TITLE}`));
  });
});
