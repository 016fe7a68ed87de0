// Browser test for the workflow bank (issue 18, points 1 and 2): the demo municipality opens
// its project's card, fills the classification, sees the preview of exactly what is shared
// (no name of its people), is refused once for a bad KLE number, publishes by keyboard and
// lands on the entry; Naboby Kommune, another municipality of the demo, finds it from the
// menu by a word in another inflection with a filter, and opens it: figures before and after,
// KPIs with medians, versions, the publisher's name. axe-core on every page. Environment: see
// support.mjs.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEMO_PROJECT, RUN, assertAccessible, clickAndLoad, closeBrowsers, follow, launchBrowser,
  loggedInPage, openDemoProject, screenshot, url,
} from './support.mjs';

const NEIGHBOUR = 'admin@naboby.fremdrift.test';
const SUMMARY = `Borgerne med komplekse behov får én plan og én indgang ${RUN}`;
let browser;
let entryPath;

describe('the workflow bank', () => {
  before(async () => { browser = await launchBrowser(); });
  after(closeBrowsers);

  test('the demo project is previewed, then published', async () => {
    const page = await loggedInPage(browser, { width: 1400 });
    await openDemoProject(page, 'Arbejdsgangsbanken');
    await follow(page, 'Del i arbejdsgangsbanken', { exact: true });
    await page.getByRole('heading', { level: 1, name: 'Del i arbejdsgangsbanken' }).waitFor();
    await assertAccessible(page, 'bank publish form');
    // No publish button before the preview has been seen.
    assert.equal(await page.getByRole('button', { name: 'Del i banken' }).count(), 0);

    await page.getByLabel('Kort beskrivelse').fill(SUMMARY);
    await page.getByLabel('Område').selectOption({ label: 'Beskæftigelse' });
    await page.getByLabel('KLE-nummer').fill('15-00');
    await page.getByLabel('Nøgleord').fill('sammenhæng, én plan');
    await clickAndLoad(page, page.getByRole('button', { name: 'Vis, hvad der deles' }));
    await page.locator('#bank-kle-error').waitFor();
    assert.equal(await page.getByLabel('Kort beskrivelse').inputValue(), SUMMARY);
    await assertAccessible(page, 'bank publish form refused');

    await page.getByLabel('KLE-nummer').fill('15.00');
    await clickAndLoad(page, page.getByRole('button', { name: 'Vis, hvad der deles' }));
    const preview = page.locator('section.bank-preview');
    await preview.getByRole('heading', { name: 'Sådan bliver det delt' }).waitFor();
    const shared = await preview.innerText();
    assert.match(shared, new RegExp(RUN));
    assert.match(shared, /Overdragelser mellem enheder/);
    for (const name of ['Sara Nielsen', '@demo.fremdrift.test'])
      assert.ok(!shared.includes(name), `${name} would be shared`);
    await assertAccessible(page, 'bank preview');
    await screenshot(page, 'bank-preview');

    // Publish by keyboard.
    await page.getByRole('button', { name: 'Del i banken' }).focus();
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    entryPath = new URL(page.url()).pathname;
    assert.match(entryPath, /^\/bank\/[0-9A-Z]{26}$/);
    await page.getByRole('heading', { level: 1, name: DEMO_PROJECT }).waitFor();
    await assertAccessible(page, 'bank entry as publisher');
    await page.context().close();
  });

  test('another municipality finds it and opens it', async () => {
    const page = await loggedInPage(browser, { email: NEIGHBOUR, width: 1400 });
    await page.goto(url('/overview'));
    await follow(page, 'Arbejdsgangsbank', { exact: true });
    await page.getByRole('heading', { level: 1, name: 'Arbejdsgangsbanken' }).waitFor();
    await assertAccessible(page, 'bank search');
    // "borger" finds "Borgerne"; the area filter keeps it.
    await page.getByLabel('Søgeord').fill(`borger ${RUN}`);
    await page.getByLabel('Område').selectOption({ label: 'Beskæftigelse' });
    await page.getByLabel('Effekt').selectOption({ label: 'Færre overdragelser' });
    await clickAndLoad(page, page.getByRole('button', { name: 'Søg', exact: true }));
    const results = page.locator('ol.bank-results > li');
    assert.equal(await results.count(), 1);
    assert.match(await results.first().innerText(), /Demo Kommune/);
    await assertAccessible(page, 'bank results');
    await screenshot(page, 'bank-search');

    await clickAndLoad(page, results.first().getByRole('link', { name: DEMO_PROJECT }));
    assert.equal(new URL(page.url()).pathname, entryPath);
    await page.getByRole('heading', { level: 2, name: 'Tal før og efter' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Indikatorer' }).waitFor();
    const text = await page.locator('main').innerText();
    assert.match(text, /Median før/);
    assert.match(text, /Kommuner, der har brugt den: \d+/);
    assert.ok(!text.includes('Sara Nielsen'));
    await assertAccessible(page, 'bank entry');
    await screenshot(page, 'bank-entry');
  });
});
