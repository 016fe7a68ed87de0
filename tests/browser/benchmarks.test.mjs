// Browser test for benchmarks (issue 18, part 4): as the demo municipality, open the KPI of
// waiting days, see its values against six neighbours' median and quartile band (the SVG
// and the table beside it), switch to the municipality's own size group and read that it is
// withheld there, and see the example indicator in the shared catalogue; axe-core on each
// page. Environment: see support.mjs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  assertAccessible, follow as followLink, openDemoProject, press as pressButton, RESULTS,
  screenshot, withLoggedInPage,
} from './support.mjs';

let page;

const follow = (name, options = {}) => followLink(page, name, options);
const press = (name) => pressButton(page, name);

describe('benchmarks', () => {
  withLoggedInPage((p) => { page = p; });

  test('the demo KPI is compared with the neighbours on a common indicator', async () => {
    await openDemoProject(page, "KPI'er og målinger");
    await follow("Alle KPI'er");
    await follow('Ventedage til første fælles samtale');
    const section = page.locator('section#benchmark');
    await section.getByRole('heading', { name: 'Sammenligning med andre kommuner' }).waitFor();
    assert.match(await section.innerText(), /N99901/);
    assert.equal(await section.locator('rect.benchmark-band').count() > 20, true);
    const table = section.getByRole('table');
    const rows = await table.locator('tbody tr').count();
    assert.equal(rows, 28);
    // One week has too few neighbours: it says so instead of the figures.
    assert.equal(await table.getByText('Ikke vist: for få kommuner at sammenligne med').count(), 1);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, '95-benchmark-kpi');
    // The section alone, to look at the band at its real size.
    await section.screenshot({ path: path.join(RESULTS, '95-benchmark-section.png') });
    await assertAccessible(page, 'KPI page with benchmark');

    await section.getByLabel('Sammenlign med').selectOption('50k_100k');
    await press('Vis sammenligning');
    await page.locator('section#benchmark').getByText('50.000–100.000 indbyggere').first().waitFor();
    const withheld = await page.locator('section#benchmark tbody')
      .getByText('Ikke vist: for få kommuner at sammenligne med').count();
    assert.equal(withheld, 23);
    await assertAccessible(page, 'KPI page with the size group');

    await page.locator('section#benchmark').getByRole('link', { name: 'Kataloget' }).click();
    await page.getByRole('heading', { level: 1, name: 'Fælles indikatorer' }).waitFor();
    await page.getByRole('cell', { name: /eksempel/ }).first().waitFor();
    await screenshot(page, '96-indicator-catalogue');
    await assertAccessible(page, 'indicator catalogue');
  });
});
