// Browser tests for meetings: plan a steering-group meeting on the demo project,
// record attendance, export the meeting as .ics, see attendance by unit, and
// axe-core on every meeting page. Environment: see support.mjs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertAccessible, downloadText, follow, openDemoProject, press, screenshot, withLoggedInPage,
} from './support.mjs';

const TITLE = `Styregruppemøde ${Date.now().toString(36)}`;

let page;

describe('meetings', () => {
  withLoggedInPage((p) => { page = p; });

  test('the demo project flags the unit that missed two meetings in a row', async () => {
    await openDemoProject(page, 'Møder', 'Møder og beslutninger');
    await page.getByText('Fraværende på to møder i træk').first().waitFor();
    await follow(page, 'Fremmøde pr. enhed');
    await page.getByRole('heading', { level: 1, name: /Fremmøde pr. enhed/ }).waitFor();
    const flagged = page.getByRole('row', { name: /Socialafdelingen/ });
    assert.match(await flagged.innerText(), /Fraværende på to møder i træk/);
    await screenshot(page, '30-attendance-by-unit');
    await assertAccessible(page, 'attendance by unit');
    await page.goBack();
  });

  test('a steering-group meeting is planned with its agenda', async () => {
    await follow(page, 'Planlæg et møde');
    await assertAccessible(page, 'new meeting form');
    await page.getByLabel('Mødetype').selectOption('steering_group');
    await page.getByLabel('Mødets titel').fill(TITLE);
    await page.getByLabel('Dato').fill('2026-05-19');
    await page.getByLabel('Klokkeslæt').fill('09:00');
    assert.equal(await page.getByLabel('Varighed i minutter').inputValue(), '60');
    await page.getByLabel('Sted').fill('Rådhuset, mødelokale 2');
    await page.getByLabel('Dagsorden').fill('KPI\'er siden sidst\nFremmøde fra Socialafdelingen\nBeslutninger');
    await press(page, 'Opret mødet');
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
    await press(page, 'Gem fremmødet');
    await page.getByText('Skriv stedfortræderens navn').waitFor();  // a substitute needs a name
    await assertAccessible(page, 'meeting with an attendance error');
    await page.locator('fieldset.attendee').nth(count - 1).getByLabel('Stedfortræderens navn').fill('Lise Holm');
    await press(page, 'Gem fremmødet');
    await page.getByRole('status').getByText('Gemt.').waitFor();
    assert.equal(await page.locator('fieldset.attendee').nth(count - 1).getByLabel('Stedfortræder', { exact: true }).isChecked(), true);
    await page.getByRole('textbox', { name: 'Referat' }).fill('Alle enheder var repræsenteret.');
    await press(page, 'Gem referatet');
    await screenshot(page, '31-meeting');
    await assertAccessible(page, 'meeting page');
  });

  test('the meeting downloads as an iCalendar file', async () => {
    const { filename, text: file } = await downloadText(page, 'Hent til kalenderen (.ics)');
    assert.match(filename, /\.ics$/);
    assert.match(file, /^BEGIN:VCALENDAR\r\n/);
    assert.match(file, /\r\nDTSTART;TZID=Europe\/Copenhagen:20260519T090000\r\n/);
    assert.ok(file.includes(`SUMMARY:${TITLE}`));
  });
});
