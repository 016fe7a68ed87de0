// SCIM provisioning's settings page (issue 19, point 5): an administrator follows the link on
// the settings page, makes the SCIM token and sees it once with the base address, then revokes
// it; axe-core on each state of the page.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  assertAccessible, followFrom, press, screenshot, url, withLoggedInPage,
} from './support.mjs';

describe('SCIM provisioning settings', () => {
  let page;

  withLoggedInPage((p) => { page = p; });

  test('an administrator makes the SCIM token, sees it once and revokes it', async () => {
    await followFrom(page, '/settings', 'Brugerprovisionering (SCIM)', '/settings/scim',
      'Brugerprovisionering (SCIM)');
    assert.match(await page.locator('#scim-base-url').innerText(), /\/scim\/v2$/);
    await assertAccessible(page, 'SCIM settings without a token');

    await press(page, 'Lav en ny SCIM-nøgle');
    const token = await page.locator('#scim-token').innerText();
    assert.match(token, /^fds_[A-Za-z0-9_-]{20,}$/);
    assert.match(await page.getByRole('status').innerText(), /vises kun denne ene gang/);
    await screenshot(page, '97-scim-token');
    await assertAccessible(page, 'SCIM settings with a new token');

    // The token answers SCIM; the page does not show it again.
    const answer = await page.request.get(url('/scim/v2/ServiceProviderConfig'), {
      headers: { Authorization: `Bearer ${token}` },
    });
    assert.equal(answer.status(), 200);
    assert.equal((await answer.json()).patch.supported, true);
    await page.goto(url('/settings/scim'));
    assert.equal(await page.locator('#scim-token').count(), 0);
    assert.match(await page.getByText('En SCIM-nøgle er aktiv').innerText(), /\d{4}-\d{2}-\d{2}/);

    await press(page, 'Tilbagekald nøglen');
    assert.match(await page.getByRole('status').innerText(), /tilbagekaldt/);
    await page.getByText('Der er ingen SCIM-nøgle').waitFor();
    await assertAccessible(page, 'SCIM settings after revoking');
    const refused = await page.request.get(url('/scim/v2/Users'), {
      headers: { Authorization: `Bearer ${token}` },
    });
    assert.equal(refused.status(), 401);
  });
});
