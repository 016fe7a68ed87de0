// Browser tests for signals: a citizen files a signal on the public form (no login) and gets
// a receipt with the private link; the manager finds it on the start page and in the inbox
// and answers and closes it; the citizen sees the answer on the private link, with what
// they typed shown as text, never as markup. A staff signal starts an agile arena, whose
// outcome comes back to the signal. axe-core on every page.
// Environment: see support.mjs.

import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  RUN, assertAccessible, follow, launchBrowser, newContext, press, screenshot, url,
  withLoggedInPage,
} from './support.mjs';

const UNIT = `Borgerservice ${RUN}`;
const WHAT = `Fortovet er <b>glat</b> ved busstoppestedet (${RUN})`;
const ANSWER = `Vi har saltet fortovet og sat et skilt op (${RUN})`;
const NEED = `Forældre venter for længe på svar fra skole og SFO (${RUN})`;
const OUTCOME = `Én fælles postkasse, svar inden to arbejdsdage (${RUN})`;

let manager;
let citizen;
let privateLink;

// A unit the logged-in administrator manages, so the citizen's signal goes to them.
async function unitManagedBy(page) {
  await page.goto(url('/overview'));
  const headers = JSON.parse(await page.locator('body').getAttribute('hx-headers'));
  const me = await (await page.request.get(url('/api/v1/me'))).json();
  const made = await page.request.post(url('/api/v1/units'), {
    data: { name: UNIT, manager_id: me.person_id },
    headers: { 'X-CSRF-Token': headers['X-CSRF-Token'] },
  });
  assert.equal(made.status(), 201, await made.text());
  return (await made.json()).id;
}

describe('signals', () => {
  withLoggedInPage((p) => { manager = p; });

  before(async () => {
    const browser = await launchBrowser();
    citizen = await (await newContext(browser)).newPage();
  });

  test('a citizen files a signal on the public form and gets a private link', async () => {
    const unitId = await unitManagedBy(manager);
    await citizen.goto(url('/public/demo/signals'));
    await citizen.getByRole('heading', { level: 1, name: 'Send et signal' }).waitFor();
    await assertAccessible(citizen, 'public signal form');
    // Sent without a unit: refused, with what was typed kept.
    await citizen.getByLabel('Hvad drejer det sig om?').fill(WHAT);
    await press(citizen, 'Send signal');
    await citizen.locator('#sg-unit-error').waitFor();
    assert.equal(await citizen.getByLabel('Hvad drejer det sig om?').inputValue(), WHAT);
    await citizen.getByLabel('Enhed').selectOption(unitId);
    await citizen.getByLabel('Hvor?').fill('Stationsvej 4');
    await citizen.getByLabel('Din e-mail (valgfri)').fill('borger@example.org');
    await screenshot(citizen, '90-signals-public-form');
    await press(citizen, 'Send signal');
    await citizen.getByText('Tak! Vi har modtaget dit signal.').waitFor();
    const link = await citizen.locator('code.private-link').textContent();
    privateLink = link.slice(link.indexOf('/public/signals/'));
    assert.match(privateLink, /^\/public\/signals\/[A-Za-z0-9_-]{20,}$/);
    assert.equal(await citizen.locator('.signal-what').textContent(), WHAT);
    assert.equal(await citizen.locator('.signal-what b').count(), 0, 'shown as text, not markup');
    await assertAccessible(citizen, 'signal receipt');
    await screenshot(citizen, '91-signals-receipt');
  });

  test('the manager finds it on the start page and in the inbox and answers it', async () => {
    await manager.goto(url('/overview'));
    const section = manager.locator('section', { has: manager.getByRole('heading', { name: 'Signaler til dig' }) });
    await section.getByRole('link', { name: WHAT }).waitFor();
    await follow(manager, 'Signaler', { exact: true });
    await manager.getByRole('heading', { level: 1, name: 'Signaler' }).waitFor();
    await assertAccessible(manager, 'signal inbox');
    await screenshot(manager, '92-signals-inbox');
    await follow(manager, WHAT);
    await manager.getByRole('heading', { level: 2, name: 'Handl på signalet' }).waitFor();
    assert.match(await manager.locator('dl.facts').textContent(), /borger@example\.org/);
    await assertAccessible(manager, 'signal page');
    await manager.getByLabel('Handling').selectOption('close');
    await manager.getByLabel('Svar eller bemærkning').fill(ANSWER);
    await press(manager, 'Udfør');
    await manager.getByText('Gemt.').waitFor();
    assert.equal((await manager.locator('.signal-status').textContent()).trim(), 'Lukket');
    await manager.locator('.signal-answer', { hasText: ANSWER }).waitFor();
    await screenshot(manager, '93-signals-answered');
  });

  test('the citizen sees the answer on the private link', async () => {
    await citizen.goto(url(privateLink));
    await citizen.getByRole('heading', { level: 1, name: 'Dit signal' }).waitFor();
    assert.equal((await citizen.locator('.signal-status').textContent()).trim(), 'Lukket');
    await citizen.locator('.signal-answer', { hasText: ANSWER }).waitFor();
    assert.equal(await citizen.getByText('Tak! Vi har modtaget dit signal.').count(), 0);
    await assertAccessible(citizen, 'private link with the answer');
    await screenshot(citizen, '94-signals-private-link');
  });

  test('administrators see the statistics', async () => {
    await manager.goto(url('/signals'));
    assert.equal(await manager.getByRole('link', { name: 'Statistik', exact: true }).getAttribute('href'), '/signals/stats');
    await manager.goto(url('/signals/stats'));
    await manager.getByRole('heading', { level: 1, name: 'Signaler pr. enhed og måned' }).waitFor();
    await manager.getByRole('cell', { name: UNIT }).first().waitFor();
    await assertAccessible(manager, 'signal statistics');
    await screenshot(manager, '95-signals-stats');
  });

  test('a staff signal starts an agile arena whose outcome comes back', async () => {
    await manager.goto(url('/signals'));
    await manager.getByLabel('Hvad drejer det sig om?').fill(NEED);
    await manager.locator('#sg-unit').selectOption({ label: UNIT });
    await press(manager, 'Send signal');
    await manager.getByRole('heading', { level: 2, name: 'Start en agil arena om signalet' }).waitFor();
    const form = manager.locator('form', { has: manager.getByRole('button', { name: 'Start arenaen' }) });
    assert.equal(await form.getByLabel('Titel').inputValue(), NEED.slice(0, 200));
    // A time box that ends before it starts: refused, with what was typed kept.
    await form.getByLabel('Start', { exact: true }).fill('2027-03-01');
    await form.getByLabel('Slut').fill('2027-02-01');
    await form.getByLabel('Note til forløbet (valgfri)').fill('Vi samler et team');
    await press(manager, 'Start arenaen');
    await manager.locator('#sa-ends-error').waitFor();
    assert.equal(await manager.getByLabel('Note til forløbet (valgfri)').inputValue(), 'Vi samler et team');
    assert.equal(await manager.locator('#sa-starts').inputValue(), '2027-03-01');
    await manager.locator('#sa-ends').fill('2027-04-01');
    await manager.locator('#sa-ends').focus();
    await assertAccessible(manager, 'signal page with the arena form');
    await screenshot(manager, '96-signals-start-arena');
    await press(manager, 'Start arenaen');
    await manager.getByText('Gemt.').waitFor();
    assert.equal((await manager.locator('.signal-status').textContent()).trim(), 'I gang');
    await follow(manager, 'Der er startet en agil arena om signalet');
    await manager.getByRole('heading', { level: 1, name: `Agil arena: ${NEED}` }).waitFor();
    await manager.getByRole('link', { name: 'Signal', exact: true }).waitFor();
    await manager.locator('#edit-status').selectOption('done');
    await manager.locator('#edit-outcome').fill(OUTCOME);
    await press(manager, 'Gem', { exact: true });
    await manager.getByText('Gemt.').waitFor();
    await follow(manager, 'Signal', { exact: true });
    assert.equal((await manager.locator('.signal-status').textContent()).trim(), 'Lukket');
    await manager.locator('.signal-answer', { hasText: OUTCOME }).waitFor();
    await manager.getByText('Resultat fra den agile arena').waitFor();
    await assertAccessible(manager, 'signal closed by its arena');
    await screenshot(manager, '97-signals-arena-outcome');
  });
});
