// The municipality's settings page (issue 11's time model): an administrator finds it in
// the menu, changes the time zone and sees it saved; the form is accessible.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  assertAccessible, follow, press, screenshot, url, withLoggedInPage,
} from './support.mjs';

describe('settings of the municipality', () => {
    let page;

  withLoggedInPage((p) => { page = p; });

  test('an administrator changes the time zone from the menu', async () => {
    await page.goto(url('/projects'));
    await follow(page, 'Indstillinger', { exact: true });
    assert.equal(new URL(page.url()).pathname, '/settings');
    const zone = page.getByLabel('Tidszone');
    assert.equal(await zone.inputValue(), 'Europe/Copenhagen');
    await zone.selectOption('Europe/Helsinki');
    await press(page, 'Gem');
    assert.match(await page.getByRole('status').innerText(), /Gemt/);
    assert.equal(await page.getByLabel('Tidszone').inputValue(), 'Europe/Helsinki');
    await screenshot(page, '95-settings');
    await assertAccessible(page, 'settings');
    // Back, so the other browser tests keep the demo's zone.
    await page.getByLabel('Tidszone').selectOption('Europe/Copenhagen');
    await press(page, 'Gem');
    assert.equal(await page.getByLabel('Tidszone').inputValue(), 'Europe/Copenhagen');
  });

  test('an empty name is refused and what was typed stays', async () => {
    await page.goto(url('/settings'));
    await page.getByLabel('Navn').fill('');
    await page.getByLabel('Tidszone').selectOption('Europe/Oslo');
    await press(page, 'Gem');
    assert.equal(await page.getByLabel('Tidszone').inputValue(), 'Europe/Oslo');
    assert.ok(await page.locator('#s-name-error').isVisible());
    await page.goto(url('/settings'));
    assert.equal(await page.getByLabel('Tidszone').inputValue(), 'Europe/Copenhagen');
  });
});
