// Browser test for starting a project from the workflow bank (issue 18, point 3): the demo
// municipality's project is published (through the API, as the set-up), then Naboby Kommune,
// a second municipality of the demo, opens the entry, follows "Start et projekt herfra",
// is refused once with the error summary, maps two of the redesign's lanes to its own units
// by keyboard, consents, and lands on its new project, whose redesign map has the lanes of its
// units. axe-core on every page. Environment: see support.mjs.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEMO_PROJECT, RUN, assertAccessible, clickAndLoad, closeBrowsers, followTab, launchBrowser,
  loggedInPage, screenshot, url,
} from './support.mjs';

const NEIGHBOUR = 'admin@naboby.fremdrift.test';
let browser;
let entry;

// Publishes the demo project through the API as the demo administrator; the entry's id.
async function publishDemoProject() {
  const page = await loggedInPage(browser);
  const me = await (await page.request.get(url('/api/v1/me'))).json();
  const headers = { 'X-CSRF-Token': me.csrf_token };
  const projects = await (await page.request.get(url('/api/v1/projects?limit=200'))).json();
  const project = projects.items.find((p) => p.title === DEMO_PROJECT);
  assert.ok(project, 'the demo project');
  const published = await page.request.post(url(`/api/v1/projects/${project.id}/publish`), {
    headers,
    data: {
      summary: 'Én indgang for borgere med komplekse behov på tværs af jobcenter, social og sundhed',
      service_area: 'employment', licence: 'cc_by_4_0', contact_role: 'project_leader', language: 'da',
    },
  });
  assert.ok([200, 201].includes(published.status()), await published.text());
  const body = await published.json();
  await page.context().close();
  return body.id;
}

describe('starting a project from the workflow bank', () => {
  before(async () => {
    browser = await launchBrowser();
    entry = await publishDemoProject();
  });
  after(closeBrowsers);

  test('another municipality maps the lanes to its units and lands on its project', async () => {
    const page = await loggedInPage(browser, { email: NEIGHBOUR, width: 1400 });
    await page.goto(url(`/bank/${entry}`));
    await clickAndLoad(page, page.getByRole('link', { name: 'Start et projekt herfra' }));
    await page.getByRole('heading', { level: 1, name: 'Start et projekt herfra' }).waitFor();
    await assertAccessible(page, 'bank start form');

    // A title too long: refused with the summary, what was chosen kept.
    const title = `Sammenhængende hjælp hos os ${RUN}`;
    await page.getByLabel('Projektets titel').evaluate((el) => { el.removeAttribute('maxlength'); });
    await page.getByLabel('Projektets titel').fill('x'.repeat(201));
    await page.getByLabel('Jobcenter').selectOption({ label: 'Beskæftigelse' });
    await clickAndLoad(page, page.getByRole('button', { name: 'Start projektet' }));
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    assert.match(await summary.innerText(), /Projektets titel/);
    assert.equal(await page.getByLabel('Jobcenter').inputValue() !== '', true);
    await assertAccessible(page, 'bank start form refused');

    // By keyboard: the title, the map as a proposed redesign, a second lane, consent.
    await page.getByLabel('Projektets titel').fill(title);
    await page.getByLabel('Forslag til ny arbejdsgang').focus();
    await page.keyboard.press('Space');
    await page.getByLabel('Socialafdelingen').focus();
    await page.getByLabel('Socialafdelingen').selectOption({ label: 'Familieafdelingen' });
    await page.getByLabel(/Indgangens side må vise/).focus();
    await page.keyboard.press('Space');
    await screenshot(page, 'bank-start-form');
    await page.getByRole('button', { name: 'Start projektet' }).focus();
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);

    assert.match(new URL(page.url()).pathname, /^\/projects\/[^/]+$/);
    await page.getByRole('heading', { level: 1, name: new RegExp(title) }).waitFor();
    await assertAccessible(page, 'the new project');
    await followTab(page, 'Arbejdsgange');
    await clickAndLoad(page, page.getByRole('link', { name: 'Ny arbejdsgang fra arbejdsgangsbanken' }));
    await page.locator('.djs-container').waitFor();
    const lanes = page.locator('[data-role="quick-entry"]').getByLabel('Bane');
    const names = await lanes.locator('option').allInnerTexts();
    assert.ok(names.includes('Beskæftigelse'), names.join(', '));
    assert.ok(names.includes('Familieafdelingen'), names.join(', '));
    assert.ok(names.includes('Sundhed og Forebyggelse'), names.join(', '));  // unmapped: kept
    assert.ok(!names.includes('Jobcenter'), names.join(', '));
    await assertAccessible(page, 'the adopted redesign');
    await screenshot(page, 'bank-start-redesign');

    // Back on the entry: counted, and listed by title and municipality since we consented.
    await page.goto(url(`/bank/${entry}`));
    const started = page.getByRole('region', { name: 'Projekter startet herfra' });
    assert.match(await started.innerText(), new RegExp(`${title}\\s+– Naboby Kommune`));
    await assertAccessible(page, 'the entry with its started project');
    await screenshot(page, 'bank-start-entry');
  });
});
