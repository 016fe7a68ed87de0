// Browser tests for the stakeholder analysis (issue 14, point 4): the demo project's twelve
// stakeholders on the influence × interest grid, reached by keyboard; suggested groups added
// with checkboxes; a person of the municipality added with the form (a refused form keeps
// what was typed); a stakeholder moved on the grid by changing influence and interest; the
// overview's card; the page in English. axe-core on every page. Environment: see support.mjs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertAccessible, clickAndLoad, launchBrowser, loggedInPage, openDemoProject, press, screenshot,
  switchLanguage, url, withLoggedInPage,
} from './support.mjs';

let page;

// The cell of the grid at influence `influence` (rows, 5 at the top) and interest
// `interest` (columns, 1 on the left).
function cell(influence, interest) {
  return page.locator('table.stakeholder-grid tbody tr').nth(5 - influence).locator('td').nth(interest - 1);
}

async function chipsAt(influence, interest) {
  return cell(influence, interest).locator('a.chip').allInnerTexts();
}

async function openAnalysis() {
  await openDemoProject(page, null, 'Interessenter');
  await page.getByRole('heading', { level: 1, name: /^Interessentanalyse:/ }).waitFor();
}

describe('stakeholders', () => {
  withLoggedInPage((p) => { page = p; });

  test('the grid shows the demo stakeholders, each a link reached by keyboard', async () => {
    await openAnalysis();
    assert.equal(await page.locator('table.stakeholder-grid a.chip').count(), 12);
    assert.deepEqual(await chipsAt(5, 4), ['Lene Holm']);
    assert.deepEqual(await chipsAt(2, 4), ['Hjemmeplejen']);
    assert.match(await cell(5, 5).innerText(), /Inddrag tæt/);
    // The text alternative: the quadrants with their stakeholders.
    const closely = page.locator('dl.stakeholder-quadrants > div.q-manage_closely');
    assert.match(await closely.innerText(), /Inddrag tæt \(2\)/);
    // Internal and external lists, an overdue next contact marked in words.
    const internal = page.getByRole('region', { name: 'Interne' });
    assert.match(await internal.getByRole('row', { name: /IT og digitalisering/ }).innerText(), /Overskredet/);
    await page.getByRole('region', { name: 'Eksterne' }).getByRole('link', { name: 'Frivilligcentret' }).waitFor();
    await assertAccessible(page, 'stakeholder analysis');
    await screenshot(page, '80-stakeholders-grid');

    // Tab from the grid's scroll region to the first chip, and Enter opens the stakeholder.
    await page.locator('table.stakeholder-grid').locator('xpath=ancestor::div[@role="region"]').focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Peter Lund');
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await page.getByRole('heading', { level: 1, name: 'Peter Lund' }).waitFor();
    await assertAccessible(page, 'stakeholder page');
  });

  test('suggested groups are added with checkboxes', async () => {
    await openAnalysis();
    const suggested = page.locator('form[action$="/stakeholders/suggested"]');
    // Nothing ticked: the form says so.
    await press(page, 'Tilføj de valgte');
    await page.getByRole('alert').getByText('Sæt flueben ved mindst én gruppe.').waitFor();
    await assertAccessible(page, 'suggested groups refused');
    await suggested.getByLabel('Konsulenter').check();
    await suggested.getByLabel('Organisationer').check();
    await press(page, 'Tilføj de valgte');
    await page.getByRole('status').getByText('Tilføjet fra forslagslisten: 2').waitFor();
    assert.deepEqual((await chipsAt(3, 3)).sort(), ['Konsulenter', 'Organisationer', 'Regionens psykiatri']);
    // They are no longer suggested; the one left is.
    assert.equal(await suggested.getByLabel('Konsulenter').count(), 0);
    await suggested.getByLabel('Kommunale og regionale netværk').waitFor();
    await screenshot(page, '81-stakeholders-suggested');
  });

  test('a person of the municipality is added with the form', async () => {
    await openAnalysis();
    const form = page.locator('form[action$="/stakeholders"]');
    // A person and a free name at once: refused, what was typed kept.
    await form.getByLabel('Person', { exact: true }).selectOption({ label: 'Karin Friis' });
    await form.getByLabel(/Eller et navn/).fill('Hjemmeplejens ledelse');
    await form.getByLabel('Indflydelse').fill('4');
    await form.getByLabel('Interesse').fill('5');
    await form.getByLabel('Sådan inddrages de').fill('Tester den fælles plan i hjemmeplejen');
    await press(page, 'Tilføj interessenten');
    await page.locator('#s-person-error').waitFor();
    await page.locator('#s-name-error').waitFor();
    assert.equal(await page.locator('#s-involvement').inputValue(), 'Tester den fælles plan i hjemmeplejen');
    assert.equal(await page.locator('#s-influence').inputValue(), '4');
    await assertAccessible(page, 'stakeholder form refused');
    await screenshot(page, '82-stakeholders-refused');

    await page.locator('#s-name').fill('');
    await page.locator('#s-by').selectOption({ label: 'Camilla Skov' });
    await page.locator('#s-next').fill('2027-01-15');
    await press(page, 'Tilføj interessenten');
    await page.getByRole('status').getByText('Gemt.').waitFor();
    assert.deepEqual(await chipsAt(4, 5), ['Karin Friis']);
    const row = page.getByRole('region', { name: 'Interne' }).getByRole('row', { name: /Karin Friis/ });
    assert.match(await row.innerText(), /Inddrag tæt/);
    assert.match(await row.innerText(), /Camilla Skov/);
    assert.match(await row.innerText(), /2027-01-15/);
  });

  test('a stakeholder moves on the grid when influence and interest change', async () => {
    await openAnalysis();
    assert.deepEqual(await chipsAt(1, 3), ['Frivilligcentret']);
    await clickAndLoad(page, cell(1, 3).getByRole('link', { name: 'Frivilligcentret' }));
    await page.getByRole('heading', { level: 1, name: 'Frivilligcentret' }).waitFor();
    assert.match(await page.locator('main').innerText(), /Hold øje med/);
    await screenshot(page, '83-stakeholder-page');
    await page.getByLabel('Indflydelse').fill('4');
    await page.getByLabel('Interesse').fill('5');
    await press(page, 'Gem', { exact: true });
    await page.getByRole('status').getByText('Gemt.').waitFor();
    assert.deepEqual(await chipsAt(1, 3), []);
    assert.ok((await chipsAt(4, 5)).includes('Frivilligcentret'));
    const closely = page.locator('dl.stakeholder-quadrants > div.q-manage_closely');
    assert.match(await closely.innerText(), /Frivilligcentret/);
    await assertAccessible(page, 'stakeholder moved');
    await screenshot(page, '84-stakeholders-moved');
  });

  test('the overview counts the quadrants and names the next contacts', async () => {
    await openDemoProject(page, 'Interessenter');
    const card = page.locator('.overview-card', { has: page.getByRole('heading', { name: 'Interessenter' }) });
    assert.match(await card.innerText(), /Inddrag tæt\s*4/);
    assert.match(await card.innerText(), /Overskredet/);
    await assertAccessible(page, 'project overview with stakeholders');
    await screenshot(page, '85-stakeholders-overview');
  });

  test('the analysis reads in English', async () => {
    const path = new URL(page.url()).pathname + '/stakeholders';
    await switchLanguage(page, path, 'en');
    await page.getByRole('heading', { level: 1, name: /^Stakeholder analysis:/ }).waitFor();
    assert.match(await cell(5, 5).innerText(), /Manage closely/);
    await page.getByRole('heading', { level: 2, name: 'Suggested stakeholders' }).waitFor();
    await assertAccessible(page, 'stakeholder analysis in English');
    await screenshot(page, '86-stakeholders-en');
    await switchLanguage(page, path, 'da');
    assert.equal(page.url(), url(path));
  });

  test('on a phone the grid scrolls in its own region, not the page', async () => {
    const phone = await loggedInPage(await launchBrowser(), { width: 390, height: 844 });
    const path = new URL(page.url()).pathname;
    await phone.goto(url(path));
    const widths = await phone.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      view: window.innerWidth,
      grid: document.querySelector('table.stakeholder-grid').parentElement.scrollWidth,
    }));
    assert.ok(widths.page <= widths.view, `the page is ${widths.page}px wide in ${widths.view}px`);
    assert.ok(widths.grid > widths.view, 'the grid keeps its columns and scrolls');
    await assertAccessible(phone, 'stakeholder analysis on a phone');
    await screenshot(phone, '87-stakeholders-phone');
  });
});
