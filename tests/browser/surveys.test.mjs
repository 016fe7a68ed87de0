// Browser tests for surveys (issue 17): a survey is made from the social-capital template,
// a round is sent to three units and its personal links read off the page (shown once), the
// links are answered on the form (one on a phone's screen) and through the API, a used link
// is refused, the round is closed, and its results show the units with too few answers
// hidden, and the index is fed to a KPI of the project. axe-core on every page. Environment: see support.mjs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEMO_PROJECT, RUN, assertAccessible, clickAndLoad, follow, launchBrowser, newContext, press, screenshot, url,
  withLoggedInPage,
} from './support.mjs';

const AREA = `Ældreområdet ${RUN}`;
const UNITS = [`Hjemmeplejen Nord ${RUN}`, `Hjemmeplejen Syd ${RUN}`, `Visitationen ${RUN}`];
const PEOPLE = [4, 3, 3];     // people per unit
const ANSWERING = [4, 3, 1];  // of them, how many answer
const SURVEY = `Social kapital i ældreområdet ${RUN}`;

let page;
let csrf;
const links = {};  // unit name → its people's personal links

async function api(method, path, data) {
  const r = await page.request.fetch(url(path), {
    method, data, headers: { 'X-CSRF-Token': csrf },
  });
  assert.ok(r.status() < 300, `${method} ${path}: ${r.status()} ${await r.text()}`);
  return r.json();
}

describe('surveys', () => {
  withLoggedInPage((p) => { page = p; });

  test('three units with their people', async () => {
    await page.goto(url('/overview'));
    csrf = JSON.parse(await page.locator('body').getAttribute('hx-headers'))['X-CSRF-Token'];
    // The municipality lets results over three answers be shown (the default is five).
    const tenant = await api('GET', '/api/v1/tenant');
    await api('PATCH', '/api/v1/tenant', { survey_min_group: 3, version: tenant.version });
    const area = await api('POST', '/api/v1/units', { name: AREA });
    for (const [i, name] of UNITS.entries()) {
      const unit = await api('POST', '/api/v1/units', { name, parent_id: area.id });
      for (let n = 0; n < PEOPLE[i]; n += 1)
        await api('POST', '/api/v1/people', { name: `Medarbejder ${i}-${n} ${RUN}`, unit_id: unit.id });
    }
  });

  test('a survey is made from the social-capital template', async () => {
    await page.goto(url('/overview'));
    await follow(page, 'Spørgeskemaer', { exact: true });
    await page.getByRole('heading', { level: 1, name: 'Spørgeskemaer' }).waitFor();
    await assertAccessible(page, 'survey list');
    // Sent without a title: refused, naming the field, with the choices kept.
    await page.getByLabel('Mindste antal svar pr. gruppe').fill('3');
    await press(page, 'Opret spørgeskema');
    await page.locator('#survey-title-error').waitFor();
    assert.equal(await page.getByLabel('Mindste antal svar pr. gruppe').inputValue(), '3');
    await page.getByLabel('Titel').fill(SURVEY);
    await page.getByLabel('Spørgsmål', { exact: true }).selectOption('social-capital-short');
    await page.getByLabel('Projekt', { exact: true }).selectOption({ label: DEMO_PROJECT });
    await press(page, 'Opret spørgeskema');
    await page.getByRole('heading', { level: 1, name: SURVEY }).waitFor();
    // Until a round is sent the questions are open and can change: one added, then removed.
    await page.getByText('Kan du regne med, at det, ledelsen fortæller jer, holder stik?').waitFor();
    await page.getByLabel('Spørgsmål', { exact: true }).fill(`Hvor længe har du været her? ${RUN}`);
    await page.getByLabel('Svartype').selectOption({ label: 'tal' });
    await press(page, 'Tilføj et spørgsmål');
    const added = page.locator('ol.survey-questions li', { hasText: `Hvor længe har du været her? ${RUN}` });
    await added.waitFor();
    await assertAccessible(page, 'survey page');
    page.once('dialog', (d) => d.accept());
    await clickAndLoad(page, added.getByRole('button', { name: /^Fjern/ }));
    assert.equal(await page.locator('ol.survey-questions > li').count(), 4);
  });

  test('a round sent to three units shows each person a link, once', async () => {
    await page.getByLabel('Rundens navn').fill(`Før indsatsen ${RUN}`);
    for (const name of UNITS) await page.getByLabel(name).check();
    await press(page, 'Opret runden og vis links');
    await page.getByRole('heading', { name: /Runden er oprettet: Førmåling/ }).waitFor();
    const rows = page.locator('table.survey-links tbody tr');
    assert.equal(await rows.count(), PEOPLE.reduce((a, b) => a + b, 0));
    for (const row of await rows.all()) {
      const unit = (await row.locator('td').nth(1).innerText()).trim();
      const href = await row.locator('a').getAttribute('href');
      (links[unit] ||= []).push(href.startsWith('http') ? href : url(href));
    }
    assert.deepEqual(UNITS.map((u) => links[u].length), PEOPLE);
    await screenshot(page, '95-surveys-links');
    await assertAccessible(page, 'survey round sent');
    await press(page, 'Åbn runden');
    await page.getByText('Runden er åben for svar.').waitFor();
    // Shown once: the page no longer has the links.
    assert.equal(await page.locator('table.survey-links').count(), 0);
  });

  test('people answer through their links, one on a phone', async () => {
    const browser = await launchBrowser();
    const phone = await (await newContext(browser, { width: 375, height: 740 })).newPage();
    const first = links[UNITS[0]][0];
    await phone.goto(first);
    await phone.getByRole('heading', { level: 1, name: SURVEY }).waitFor();
    await assertAccessible(phone, 'survey answer form on a phone');
    const items = phone.locator('fieldset.survey-item');
    assert.equal(await items.count(), 4);
    for (const item of await items.all()) await item.getByLabel('I høj grad', { exact: true }).check();
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `the form fits the phone's screen (${width}px)`);
    await screenshot(phone, '96-surveys-answer-phone');
    await press(phone, 'Send svar');
    await phone.getByText('Tak! Dine svar er modtaget.').waitFor();
    // The same link again: refused, nothing asked.
    await phone.goto(first);
    await phone.getByText('Der er allerede modtaget et svar gennem dette link.').waitFor();
    assert.equal(await phone.locator('fieldset.survey-item').count(), 0);

    // The others through the JSON API, which the form's post is the same as.
    const answers = { 'trust-in-management': 2, 'management-trusts-staff': 3,
      'fair-distribution-of-tasks': 1, 'fair-handling-of-conflicts': 2 };
    for (const [i, unit] of UNITS.entries()) {
      for (const link of links[unit].slice(i === 0 ? 1 : 0, ANSWERING[i])) {
        const r = await phone.request.post(link, { data: { answers } });
        assert.equal(r.status(), 201, await r.text());
      }
    }
  });

  test('the closed round shows results, hiding the units too few answered in', async () => {
    await page.goto(url('/surveys'));
    await follow(page, SURVEY, { exact: true });
    page.once('dialog', (d) => d.accept());
    await press(page, 'Luk runden');
    await page.getByText('Runden er lukket; resultaterne kan ses.').waitFor();
    await follow(page, /^Resultater/);
    await page.getByRole('heading', { level: 1, name: `Resultater: ${SURVEY}` }).waitFor();
    const table = page.locator('table.survey-results').first();
    const row = (name) => table.locator('tr', { has: page.getByRole('rowheader', { name, exact: true }) });
    // Four answered in the first unit: shown. One in the third: hidden, and with it one more
    // sibling, so that the third cannot be worked out from the area and the other two.
    assert.match(await row(UNITS[0]).innerText(), /\b4\b/);
    assert.match(await row(UNITS[2]).innerText(), /Skjult for at beskytte anonymiteten/);
    assert.match(await row(UNITS[1]).innerText(), /Skjult for at beskytte anonymiteten/);
    assert.match(await row('Alle, der svarede').innerText(), /\b8\b/);
    await screenshot(page, '97-surveys-results');
    await assertAccessible(page, 'survey results');
  });

  test('the index feeds a KPI of the project', async () => {
    await page.goto(url('/surveys'));
    await follow(page, SURVEY, { exact: true });
    await page.getByLabel('Skala').selectOption({ label: 'Social kapital' });
    const kpiSelect = page.getByLabel('Projektets KPI');
    const kpiName = (await kpiSelect.locator('option').first().innerText()).trim();
    await press(page, 'Før indekset til KPI\'en');
    await page.getByText('Indekset føres nu til KPI\'en').waitFor();
    await follow(page, kpiName, { exact: true });
    await page.getByRole('heading', { level: 1, name: kpiName }).waitFor();
    const kpiId = new URL(page.url()).pathname.split('/').pop();
    const values = await (await page.request.get(url(`/api/v1/kpis/${kpiId}/measurements`))).json();
    // The whole round's index: seven answered 2 on every item (50) and one answered 3 (75).
    assert.ok(values.items.some((m) => Math.abs(m.value - 53.125) < 1e-9), JSON.stringify(values));
  });

  test('the demo survey shows the change since the baseline in Swedish too', async () => {
    await page.goto(url('/surveys'));
    await follow(page, 'Social kapital før og efter det fælles forløb', { exact: true });
    await follow(page, /^Resultater\W+Opfølgning 1$/);
    const total = page.locator('table.survey-results').first().locator('tr.survey-total');
    assert.match(await total.innerText(), /56,2.*\b13\b.*\+12,5 \(mere end tilfældigt\)/s);
    await screenshot(page, '98-surveys-demo-change');
    await page.locator('#lang-select').selectOption('sv');
    await Promise.all([
      page.waitForEvent('load'),
      page.locator('#lang-select').locator('xpath=ancestor::form').getByRole('button').click(),
    ]);
    await page.getByRole('heading', { level: 1, name: /^Resultat: / }).waitFor();
    await page.getByText('Förändringen är jämfört med baslinjemätningen').waitFor();
    await assertAccessible(page, 'survey results in Swedish');
    await page.locator('#lang-select').selectOption('da');
    await Promise.all([
      page.waitForEvent('load'),
      page.locator('#lang-select').locator('xpath=ancestor::form').getByRole('button').click(),
    ]);
  });
});
