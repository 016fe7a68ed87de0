// Browser tests for the business case: the demo project's case is on the overview; the
// year table is filled in (decimal comma, thousands grouped), a negative rate is refused
// with what was typed kept, a case that never pays back says so, one that pays back in
// year 3 shows its NPV and the chart of cumulative net value, and it is approved by a
// steering-group decision that lands in the decision log. axe-core on every page.
// Environment: see support.mjs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RESULTS, RUN, assertAccessible, follow, openDemoProject, press, screenshot, switchLanguage, withLoggedInPage,
} from './support.mjs';

const DECISION = `Styregruppen godkender det nye estimat (${RUN})`;

let page;

async function fillYears(values) {
  const cells = page.locator('table.bcase-table input');
  const n = await cells.count();
  for (let i = 0; i < n; i += 1) await cells.nth(i).fill('0');
  for (const [name, value] of Object.entries(values)) await page.locator(`input[name="${name}"]`).fill(value);
}

describe('business case', () => {
  withLoggedInPage((p) => { page = p; });

  test('fill a case, see NPV, payback and the chart, approve it by a decision', async () => {
    await openDemoProject(page, 'Business case');
    const section = page.locator('section.bcase');
    assert.match(await section.innerText(), /år 3/);
    assert.match(await section.innerText(), /Godkendt version 1/);
    await follow(page, 'Åbn business casen');
    await page.getByRole('heading', { level: 1, name: /^Business case:/ }).waitFor();
    assert.equal(await page.locator('#bcase-payback').innerText(), 'år 3');
    await page.locator('#bcase-npv-difference').waitFor();  // the demo's re-estimate compared
    await assertAccessible(page, 'business case page');
    await screenshot(page, '80-business-case-demo');

    // A negative rate is refused; what was typed stays in the form.
    await page.getByLabel('Diskonteringsrente for projektet (%)').fill('-1');
    await page.locator('input[name="y0_one_off_costs"]').fill('123.456,5');
    await press(page, 'Gem business casen');
    await page.locator('#bc-rate-error').waitFor();
    assert.equal(await page.locator('input[name="y0_one_off_costs"]').inputValue(), '123.456,5');
    assert.equal(await page.getByLabel('Diskonteringsrente for projektet (%)').inputValue(), '-1');
    await assertAccessible(page, 'business case with an error');

    // Benefits far too small: it never pays back within the horizon.
    await page.getByLabel('Diskonteringsrente for projektet (%)').fill('3,5');
    await fillYears({ y0_one_off_costs: '500 000', y1_running_benefits: '1' });
    await press(page, 'Gem business casen');
    await page.getByRole('status').getByText('Gemt').waitFor();
    assert.equal(await page.locator('#bcase-payback').innerText(), 'ikke inden for horisonten');

    // 500,000 in year 0, 200,000 a year of benefits, 10.5 hours of costs in year 2 at the
    // demo's 450 an hour: cumulative -500,000, -300,000, -104,725, 95,275 → year 3;
    // NPV at 3.5 % = 398,599.64.
    await fillYears({
      y0_one_off_costs: '500 000',
      y1_running_benefits: '200000',
      y2_running_benefits: '200000',
      y3_running_benefits: '200000',
      y4_running_benefits: '200000',
      y5_running_benefits: '200000',
      y2_running_cost_hours: '10,5',
    });
    await press(page, 'Gem business casen');
    await page.getByRole('status').getByText('Gemt').waitFor();
    assert.equal(await page.locator('#bcase-payback').innerText(), 'år 3');
    assert.equal(await page.locator('#bcase-npv').innerText(), '398.600 DKK');
    assert.equal(await page.locator('input[name="y2_running_cost_hours"]').inputValue(), '10,5');
    const chart = page.getByRole('img', { name: 'Samlet nettoværdi år for år' });
    await chart.waitFor();
    assert.equal(await chart.locator('rect').count(), 6);
    assert.equal(await chart.locator('rect.bcase-bar-negative').count(), 3);
    await assertAccessible(page, 'business case filled in');
    await screenshot(page, '81-business-case-filled');

    // Approve it by a steering-group decision.
    await page.getByLabel('Beslutning', { exact: true }).fill(DECISION);
    await press(page, 'Godkend business casen');
    await page.getByRole('status').getByText('Business casen er godkendt').waitFor();
    assert.match(await page.locator('#bcase-approved-heading + p').innerText(), /Godkendt version 2/);
    assert.equal(await page.locator('#bcase-npv-difference').innerText(), '0 DKK');
    await assertAccessible(page, 'business case approved');
    await screenshot(page, '82-business-case-approved');
    await openDemoProject(page, 'Business case');
    assert.match(await page.locator('section.bcase').innerText(), /Godkendt version 2/);
    await page.locator('section.bcase').screenshot({ path: `${RESULTS}/84-overview-business-case.png` });
    await follow(page, 'Møder og beslutninger', { exact: true });
    await page.getByText(DECISION).waitFor();
  });

  test('in Swedish the payback reads as a year', async () => {
    await openDemoProject(page);
    const path = new URL(page.url()).pathname + '/business-case';
    await switchLanguage(page, path, 'sv');
    assert.equal(await page.locator('#bcase-payback').innerText(), 'år 3');
    await page.getByRole('heading', { level: 2, name: 'Nyckeltal' }).waitFor();
    await assertAccessible(page, 'business case in Swedish');
    await screenshot(page, '83-business-case-sv');
    await switchLanguage(page, path, 'da');
  });
});
