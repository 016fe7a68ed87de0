// Browser tests for the shared visual language (issue 13): the phone header folds its
// menu behind a button, wide tables keep every column on a 1440 px screen, a long form
// with errors gets an error summary at its top, and the browser's own field checks speak
// the page's language.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RUN, assertAccessible, closeBrowsers, launchBrowser, login, newContext, openDemoProject, press, screenshot, url,
} from './support.mjs';

let browser;

async function pageOf(size) {
  const page = await (await newContext(browser, size)).newPage();
  await login(page);
  return page;
}

describe('visual language', () => {
  before(async () => { browser = await launchBrowser(); });
  after(closeBrowsers);

  test('on a phone the menu sits behind a button that opens and closes it', async () => {
    const page = await pageOf({ width: 390, height: 844 });
    const header = page.locator('header.site');
    const button = page.getByRole('button', { name: 'Menu' });
    const menuLink = page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Projekter' });
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.equal(await menuLink.isVisible(), false, 'the menu is folded');
    const folded = await header.boundingBox();
    assert.ok(folded.height <= 90, `the folded header is ${folded.height}px tall`);
    await screenshot(page, 'layout-01-phone-menu-closed');
    await assertAccessible(page, 'phone header, menu closed');

    await button.press('Enter');
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    await menuLink.waitFor({ state: 'visible' });
    await screenshot(page, 'layout-02-phone-menu-open');
    await assertAccessible(page, 'phone header, menu open');
    await Promise.all([page.waitForEvent('load'), menuLink.click()]);
    assert.equal(new URL(page.url()).pathname, '/projects');

    await button.click();
    await button.click();
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.equal(await menuLink.isVisible(), false, 'the menu folds again');
  });

  test('on a wide screen the menu shows without a button', async () => {
    const page = await pageOf({ width: 1440, height: 900 });
    assert.equal(await page.getByRole('button', { name: 'Menu' }).isVisible(), false);
    assert.ok(await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Projekter' }).isVisible());
  });

  test('the action plan shows every column on a 1440 px screen', async () => {
    const page = await pageOf({ width: 1440, height: 900 });
    await openDemoProject(page, null, 'Handlingsplan');
    const box = page.locator('.table-scroll').filter({ has: page.locator('table.action-plan') });
    const { scroll, client } = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    assert.ok(scroll <= client, `the table is ${scroll}px wide in a ${client}px box`);
    await screenshot(page, 'layout-03-action-plan-1440');
  });

  test('a long form with errors lists them at its top, each leading to its field', async () => {
    const page = await pageOf({ width: 1440, height: 900 });
    await page.goto(url('/projects'));
    await page.getByLabel('Titel').fill(`Fejlresumé ${RUN}`);
    await press(page, 'Opret projekt');
    await page.getByLabel('Start').fill('2026-03-01');
    await page.getByLabel('Slut').fill('2026-02-01');
    await press(page, 'Gem');

    const summary = page.locator('.error-summary');
    await summary.getByRole('heading', { name: 'Der er fejl i formularen' }).waitFor();
    assert.ok(await summary.evaluate((el) => el === document.activeElement), 'the summary has focus');
    const links = await summary.getByRole('link').allInnerTexts();
    assert.deepEqual(links.map((text) => text.toLowerCase()), ['slut: må ikke ligge før startdatoen']);
    await summary.getByRole('link', { name: /^Slut/ }).click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'c-end');
    assert.equal(await page.getByLabel('Start').inputValue(), '2026-03-01', 'the form keeps what was typed');
    await screenshot(page, 'layout-04-error-summary');
    await assertAccessible(page, 'charter with an error summary');
  });

  test("the browser's own required-field message follows the page's language", async () => {
    const page = await pageOf({ width: 1280, height: 900 });
    await page.goto(url('/projects'));
    const submitEmpty = async () => {
      await page.getByLabel(/^(Titel|Title)$/).fill('');
      await page.locator('form:has(#p-title), form:has([name="title"])').first().evaluate((form) => form.requestSubmit());
      return page.locator('input[name="title"]').first().evaluate((el) => el.validationMessage);
    };
    assert.equal(await submitEmpty(), 'Udfyld feltet.');
    await page.locator('#lang-select').selectOption('sv');
    await Promise.all([
      page.waitForEvent('load'),
      page.locator('#lang-select').locator('xpath=ancestor::form').getByRole('button').click(),
    ]);
    await page.waitForFunction(() => document.documentElement.lang === 'sv');
    assert.equal(await submitEmpty(), 'Fyll i fältet.');
    await page.locator('input[name="title"]').first().fill('x');
    assert.equal(await page.locator('input[name="title"]').first().evaluate((el) => el.validationMessage), '',
      'typing clears the message');
    await page.locator('#lang-select').selectOption('da');
    await Promise.all([
      page.waitForEvent('load'),
      page.locator('#lang-select').locator('xpath=ancestor::form').getByRole('button').click(),
    ]);
  });
});
