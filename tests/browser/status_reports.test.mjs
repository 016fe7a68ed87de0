// Browser tests for status reports: the demo project's two reports a month apart are in the
// history; a new one is issued from the form with the suggested colours, one changed and
// reasons typed; it is compared with the previous one (the changed colour stands out) and
// downloaded as a PDF printed on the server; the overview shows its colours. axe-core on every
// page.
// Environment: see support.mjs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  RESULTS, RUN, assertAccessible, download, follow, openDemoProject, press, screenshot, withLoggedInPage,
} from './support.mjs';

const TITLE = `Statusrapport ${RUN}`;

let page;

describe('status reports', () => {
  withLoggedInPage((p) => { page = p; });

  test('issue a report, compare it with the previous one and download the PDF', async () => {
    await openDemoProject(page, null, 'Statusrapporter');
    await page.getByRole('heading', { level: 1, name: /^Statusrapporter:/ }).waitFor();
    const history = page.locator('table').filter({ hasText: 'Statusrapport til styregruppen' });
    assert.equal(await history.locator('tbody tr').count(), 2);  // the demo's two reports
    await assertAccessible(page, 'status reports');
    await screenshot(page, '90-status-reports');

    // Issue one: the suggested colour for time stays, budget is set to red with a reason.
    await page.getByLabel('Titel').fill(TITLE);
    await page.locator('#r-budget-colour').selectOption('red');
    await page.locator('#r-budget-reason').fill('Licenserne er dyrere end budgetteret.');
    await page.getByLabel('Beslutninger styregruppen bedes træffe').fill('Godkend en tillægsbevilling.');
    await press(page, 'Udsend rapporten');
    await page.getByRole('heading', { level: 2, name: TITLE }).waitFor();
    const areas = page.locator('table.sr-areas');
    assert.match(await areas.locator('tr', { hasText: 'Økonomi' }).innerText(), /Rød/);
    assert.match(await page.locator('.sr-report').innerText(), /Godkend en tillægsbevilling/);
    await assertAccessible(page, 'one status report');
    await screenshot(page, '91-status-report');

    // Compared with the previous report: the budget's colour changed.
    await follow(page, 'Sammenlign med forrige rapport');
    await page.getByRole('heading', { level: 1, name: /^Sammenlign to rapporter/ }).waitFor();
    const budget = page.locator('tr', { hasText: 'Økonomi' });
    assert.match(await budget.innerText(), /ændret/);
    await assertAccessible(page, 'two reports compared');
    await screenshot(page, '92-status-reports-compared');

    // Back to the report and the PDF printed on the server.
    await page.goBack();
    const file = await download(page, page.getByRole('link', { name: 'Hent som PDF' }));
    assert.match(file.suggestedFilename(), /^status-report-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdf = fs.readFileSync(await file.path());
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');

    // The project's overview shows the new report's colours.
    await openDemoProject(page, 'Seneste statusrapport');
    const card = page.locator('section.status-report-latest');
    assert.match(await card.innerText(), /Økonomi: Rød/);
    await assertAccessible(page, 'overview with the report card');
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: `${RESULTS}/93-status-report-overview.png` });
  });
});
