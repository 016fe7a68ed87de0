// Single sign-on's settings (issue 19, point 4): an administrator follows the link on the
// settings page, adds an OpenID Connect provider (a wrong short name is refused on the form),
// sees the secret kept but never shown, and the municipality's login address offers
// "Log ind med …" above the password form; axe-core on each page.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

import {
  RUN, assertAccessible, follow, followFrom, launchBrowser, newContext, press, screenshot, url,
  withLoggedInPage,
} from './support.mjs';

describe('single sign-on settings', () => {
  let page;
  const NAME = `Entra ID ${RUN}`;

  withLoggedInPage((p) => { page = p; });

  test('an administrator adds an OpenID Connect provider', async () => {
    await followFrom(page, '/settings', 'Single sign-on: kommunens identitetsudbydere',
      '/settings/sso', 'Single sign-on');
    assert.match(await page.locator('#sso-redirect-uri').innerText(), /\/sso\/callback$/);
    await assertAccessible(page, 'SSO settings');

    await follow(page, 'Tilføj identitetsudbyder');
    await page.getByLabel('Navn på knappen').fill(NAME);
    await page.getByLabel('Kort navn i adressen').fill('Entra ID');
    await page.getByLabel('Protokol').selectOption('oidc');
    await page.getByLabel('Indstillinger (JSON)').fill(
      '{"issuer": "https://login.microsoftonline.com/example/v2.0", "client_id": "abc"}');
    await page.getByLabel('Hemmelighed (client secret)').fill('top-secret-value');
    await page.getByLabel('Grupper til roller').fill('fremdrift-admins = admin');
    await page.getByLabel('Nye personer').selectOption('jit');
    // The form's own pattern would stop the browser; the server's rule is what is tested.
    await page.locator('form.card').evaluate((f) => { f.noValidate = true; });
    await press(page, 'Gem');
    await page.locator('#idp-slug-error').waitFor();
    assert.equal(await page.getByLabel('Navn på knappen').inputValue(), NAME);
    await assertAccessible(page, 'SSO provider form refused');

    await page.getByLabel('Kort navn i adressen').fill(`entra-${RUN}`);
    await page.getByLabel('Hemmelighed (client secret)').fill('top-secret-value');
    await press(page, 'Gem');
    await page.getByRole('status').getByText('Gemt.').waitFor();
    assert.equal(await page.getByLabel('Hemmelighed (client secret)').inputValue(), '');
    await page.getByText('En hemmelighed er gemt').waitFor();
    assert.ok(!(await page.content()).includes('top-secret-value'));
    assert.equal(await page.getByLabel('Grupper til roller').inputValue(), 'fremdrift-admins = admin\n');
    await screenshot(page, '98-sso-provider');
    await assertAccessible(page, 'SSO provider saved');

    await follow(page, 'Tilbage til single sign-on');
    await page.getByRole('link', { name: NAME }).waitFor();
  });

  test('a SAML provider shows where its metadata comes from and makes its own key pair', async () => {
    // The IdP's metadata pasted and an address that gives no metadata (this server's health
    // check): the provider is saved, signs in with the pasted document, and shows the error.
    const pasted = readFileSync(new URL('../sso/fixtures/idp-metadata.xml', import.meta.url), 'utf8');
    await page.goto(url('/settings/sso/new'));
    await page.getByLabel('Navn på knappen').fill(`KOMBIT ${RUN}`);
    await page.getByLabel('Kort navn i adressen').fill(`kombit-${RUN}`);
    await page.getByLabel('Protokol').selectOption('saml');
    await page.getByLabel('Indstillinger (JSON)').fill(
      JSON.stringify({ idp_metadata: pasted, idp_metadata_url: url('/healthz') }));
    await press(page, 'Gem');
    await page.getByRole('status').getByText('Gemt.').waitFor();
    await page.getByRole('heading', { level: 2, name: 'IdP-metadata fra adressen' }).waitFor();
    await page.locator('#sso-metadata-error').waitFor();
    assert.equal(await page.locator('#sso-metadata-fetched').innerText(),
      'Aldrig: de indsatte metadata bruges');
    await assertAccessible(page, 'SAML provider with a failing metadata address');
    await press(page, 'Hent metadata nu');
    await page.locator('#sso-metadata-error').waitFor();

    await press(page, 'Lav et nyt nøglepar');
    await page.getByRole('status').getByText('Et nyt nøglepar er lavet').waitFor();
    await page.getByText('En hemmelighed er gemt').waitFor();
    assert.match(await page.getByLabel('Indstillinger (JSON)').inputValue(), /BEGIN CERTIFICATE/);
    assert.ok(!(await page.content()).includes('PRIVATE KEY'));
    await assertAccessible(page, 'SAML provider with a new key pair');
  });

  test('the municipality\'s login address offers the provider', async () => {
    const me = await (await page.request.get(url('/api/v1/me'))).json();
    const browser = await launchBrowser();
    const context = await newContext(browser);
    const visitor = await context.newPage();
    await visitor.goto(url(`/login?tenant=${me.tenant.slug}`));
    const button = visitor.getByRole('link', { name: `Log ind med ${NAME}` });
    await button.waitFor();
    assert.equal(await button.getAttribute('href'), `/sso/${me.tenant.slug}/entra-${RUN}/start`);
    await visitor.getByLabel('Adgangskode').waitFor();  // break-glass stays
    await screenshot(visitor, '99-sso-login');
    await assertAccessible(visitor, 'login with SSO');
    await context.close();
  });
});
