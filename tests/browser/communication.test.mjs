// Browser tests for the communication and training plans (issue 15, points 3 and 4): the
// demo project's plan of eight rows by date with the overdue ones marked in words; a row
// added with the form (a refused form keeps what was typed) and an overdue row marked done
// with its reach; the training plan's planned-against-trained tables, a class added and who
// was trained recorded by ticking people and typing a number for a unit; the overview's
// card; the pages in English. axe-core on every page. Environment: see support.mjs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertAccessible, clickAndLoad, openDemoProject, press, screenshot, switchLanguage,
  withLoggedInPage,
} from './support.mjs';

let page;

async function openPlan() {
  await openDemoProject(page, null, 'Kommunikation og uddannelse');
  await page.getByRole('heading', { level: 1, name: /^Kommunikationsplan:/ }).waitFor();
}

async function openTraining() {
  await openPlan();
  await clickAndLoad(page, page.getByRole('link', { name: 'Uddannelsesplanen →' }));
  await page.getByRole('heading', { level: 1, name: /^Uddannelsesplan:/ }).waitFor();
}

const planRows = () => page.getByRole('region', { name: 'Kommunikationsplan' }).locator('tbody tr');

describe('communication and training', () => {
  withLoggedInPage((p) => { page = p; });

  test('the plan lists the demo rows by date with the overdue ones marked', async () => {
    await openPlan();
    assert.equal(await planRows().count(), 8);
    const overdue = page.locator('table.comm-plan tr.overdue');
    assert.equal(await overdue.count(), 2);
    assert.match(await overdue.first().innerText(), /Folderen til borgerne[\s\S]*Overskredet/);
    const dates = await page.locator('table.comm-plan tbody tr td:first-child time').allInnerTexts();
    assert.deepEqual(dates, [...dates].sort());
    assert.match(await planRows().first().innerText(), /Udført · nåede 310/);
    assert.match(await page.locator('main').innerText(), /Planlagt: 5 · Overskredet: 2 · Udført: 3/);
    await assertAccessible(page, 'communication plan');
    await screenshot(page, 'comm-1-plan');
  });

  test('a row is added with the form, and an overdue one marked done with its reach', async () => {
    await openPlan();
    const form = page.locator('form.card[action$="/communication"]');
    await form.getByLabel('Hvad (budskab)').fill('Superbrugerne præsenterer den fælles plan');
    await form.getByLabel('Hvorfor', { exact: true }).fill('Kollegerne spørger hinanden først');
    await form.getByLabel('Til hvem').selectOption({ label: 'En interessentgruppe' });
    await form.getByLabel('Dato').fill('2099-02-01');
    await press(page, 'Tilføj kommunikationen');
    // No group chosen: refused beside the group, what was typed kept.
    await page.locator('#c-group-error').waitFor();
    assert.equal(await page.locator('#c-message').inputValue(), 'Superbrugerne præsenterer den fælles plan');
    assert.equal(await page.locator('#c-date').inputValue(), '2099-02-01');
    await assertAccessible(page, 'communication form refused');
    await screenshot(page, 'comm-2-refused');
    await page.locator('#c-group').selectOption({ label: 'HR og MED' });
    await page.locator('#c-channel').selectOption({ label: 'Møde' });
    await page.locator('#c-owner').selectOption({ label: 'Camilla Skov' });
    await press(page, 'Tilføj kommunikationen');
    await page.getByRole('status').getByText('Gemt.').waitFor();
    assert.equal(await planRows().count(), 9);
    assert.match(await planRows().last().innerText(), /Superbrugerne præsenterer[\s\S]*HR og MED[\s\S]*Møde[\s\S]*Camilla Skov/);

    // The leaflet went out: marked done with the people it reached.
    const row = page.locator('table.comm-plan tr', { hasText: 'Folderen til borgerne' });
    await row.getByLabel('Antal nået').fill('140');
    await clickAndLoad(page, row.getByRole('button', { name: /^Marker som udført/ }));
    await page.getByRole('status').getByText('Gemt.').waitFor();
    const done = page.locator('table.comm-plan tr', { hasText: 'Folderen til borgerne' });
    assert.match(await done.innerText(), /Udført · nåede 140/);
    assert.equal(await page.locator('table.comm-plan tr.overdue').count(), 1);
    await assertAccessible(page, 'communication marked done');
    await screenshot(page, 'comm-3-done');
  });

  test('the training plan shows planned against trained per audience and unit', async () => {
    await openTraining();
    const audiences = page.getByRole('region', { name: 'Pr. målgruppe' });
    assert.match(await audiences.getByRole('row', { name: /Fagchefer/ }).innerText(), /4\s+3\s+75 %/);
    assert.match(await audiences.getByRole('row', { name: /Forandringsagenter/ }).innerText(), /8\s+7/);
    assert.match(await audiences.getByRole('row', { name: /Slutbrugere/ }).innerText(), /45\s+17\s+38 %/);
    const units = page.getByRole('region', { name: 'Pr. enhed' });
    assert.match(await units.getByRole('row', { name: /Team Sygedagpenge/ }).innerText(), /10\s+\d+/);
    assert.match(await units.getByRole('row', { name: /Hjemmeplejen/ }).innerText(), /20\s+0\s+0 %/);
    await page.getByRole('link', { name: 'Kommunikationsplanen', exact: false }).first().waitFor();
    await assertAccessible(page, 'training plan');
    await screenshot(page, 'comm-4-training');
  });

  test('a class is added and who was trained recorded', async () => {
    await openTraining();
    const form = page.locator('form.card[action$="/training"]');
    await form.getByLabel('Hold', { exact: true }).fill('Superbrugere: SBSYS og den fælles plan');
    await form.getByLabel('Målgruppe').selectOption({ label: 'Superbrugere' });
    await form.getByLabel('Dato').fill('2099-03-01');
    await form.getByLabel('Pladser').fill('5');
    await form.getByLabel('Enhed').selectOption({ label: 'Hjemmeplejen' });
    await press(page, 'Tilføj holdet');
    await page.getByRole('status').getByText('Gemt.').waitFor();
    await clickAndLoad(page, page.getByRole('link', { name: 'Superbrugere: SBSYS og den fælles plan' }));
    await page.getByRole('heading', { level: 1, name: 'Superbrugere: SBSYS og den fælles plan' }).waitFor();
    await page.getByLabel('Niels Madsen').check();
    await page.getByRole('group', { name: 'Antal pr. enhed' }).getByLabel('Hjemmeplejen').fill('2');
    await press(page, 'Gem hvem der er uddannet');
    await page.getByRole('status').getByText('Gemt.').waitFor();
    assert.match(await page.locator('main').innerText(), /Uddannet 3 \/ 5/);
    assert.ok(await page.getByLabel('Niels Madsen').isChecked());
    await assertAccessible(page, 'training class');
    await screenshot(page, 'comm-5-class');
    // A class held as the kaizen meeting counts those present there.
    await clickAndLoad(page, page.getByRole('link', { name: 'Tilbage til uddannelsesplanen' }));
    await clickAndLoad(page, page.getByRole('link', { name: 'Forandringsagenter: kaizen og den fælles plan' }));
    assert.match(await page.locator('main').innerText(), /til stede på mødet/);
    assert.ok(await page.locator('input[type=checkbox][disabled]').first().isChecked());
    await screenshot(page, 'comm-6-class-meeting');
  });

  test('the overview names the next communication and the training progress', async () => {
    await openDemoProject(page, 'Kommunikation og uddannelse');
    const card = page.locator('.overview-card', { has: page.getByRole('heading', { name: 'Kommunikation og uddannelse' }) });
    assert.match(await card.innerText(), /Næste og overskredne/);
    assert.match(await card.innerText(), /Overskredet/);
    assert.match(await card.innerText(), /Fagchefer: 3 \/ 4/);
    await assertAccessible(page, 'overview with communication');
    await screenshot(page, 'comm-7-overview');
  });

  test('both pages read in English', async () => {
    await openPlan();
    const base = new URL(page.url()).pathname;
    await switchLanguage(page, base, 'en');
    await page.getByRole('heading', { level: 1, name: /^Communication plan:/ }).waitFor();
    assert.match(await page.locator('table.comm-plan').innerText(), /To whom/);
    await assertAccessible(page, 'communication plan in English');
    await screenshot(page, 'comm-8-plan-en');
    const training = base.replace(/communication$/, 'training');
    await switchLanguage(page, training, 'en');
    await page.getByRole('heading', { level: 1, name: /^Training plan:/ }).waitFor();
    assert.match(await page.getByRole('region', { name: 'Per audience' }).innerText(), /Heads of service/);
    await assertAccessible(page, 'training plan in English');
    await screenshot(page, 'comm-9-training-en');
    await switchLanguage(page, base, 'da');
  });
});
