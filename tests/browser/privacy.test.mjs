// Personal data (issue 19, point 6): an administrator opens a person's personal data from the
// person's page, erases the person with the confirm form, reads the record of processing and
// changes the retention it reports; axe-core on each page.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  RUN, assertAccessible, follow, press, screenshot, url, withLoggedInPage,
} from './support.mjs';

describe('personal data', () => {
  let page;

  withLoggedInPage((p) => { page = p; });

  test('export, erasure and the record of processing', async () => {
    await page.goto(url('/overview'));
    const csrf = JSON.parse(await page.locator('body').getAttribute('hx-headers'))['X-CSRF-Token'];
    const name = `Gitte Gdpr ${RUN}`;
    const created = await page.request.post(url('/api/v1/people'), {
      data: { name, email: `gitte-${RUN}@example.dk`, title: 'Sygeplejerske' },
      headers: { 'X-CSRF-Token': csrf },
    });
    assert.equal(created.status(), 201);
    const person = await created.json();

    // A signal whose text names her: listed for review, never rewritten.
    const units = await (await page.request.get(url('/api/v1/units'))).json();
    const signal = await page.request.post(url('/api/v1/signals'), {
      data: { what: `Ring til ${name.toLowerCase()} om nøglerne`, unit_id: units.items[0].id },
      headers: { 'X-CSRF-Token': csrf },
    });
    assert.equal(signal.status(), 201, await signal.text());

    await page.goto(url(`/people/${person.id}`));
    await follow(page, 'Persondata: indsigt og sletning');
    await page.getByRole('heading', { level: 1, name: `Persondata: ${name}` }).waitFor();
    const main = await page.locator('main').innerText();
    assert.match(main, /Sygeplejerske/);
    // Headings and column labels in Danish, times in the tenant's zone as Danes write them.
    await page.getByRole('heading', { level: 2, name: 'Organisation og personer: Personen' }).waitFor();
    await page.getByRole('columnheader', { name: 'Oprettet' }).first().waitFor();
    assert.doesNotMatch(main, /created_at|\d{4}-\d\d-\d\dT\d\d:\d\d/);
    assert.match(main, /\d\d\.\d\d\.\d{4} kl\. \d\d\.\d\d/);
    // The change log's row as the change log reads: translated, before → after.
    assert.match(main, /Stilling: — → Sygeplejerske/);
    assert.doesNotMatch(main, /"after"/);
    const mentions = page.locator('#mentions');
    await mentions.getByRole('cell', { name: /Signaler: Beskrivelser/ }).waitFor();
    assert.match(await mentions.innerText(), new RegExp(`Ring til ${name.toLowerCase()} om nøglerne`));
    await screenshot(page, '98-privacy-export');
    await assertAccessible(page, 'personal data');

    // The JSON keeps the schema's names and ISO times, with the mention beside the places.
    const exported = await (await page.request.get(url(`/api/v1/people/${person.id}/personal-data`))).json();
    const profile = exported.places.find((p) => p.table === 'people');
    assert.match(profile.rows[0].created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const named = exported.mentions.find((m) => m.table === 'signals' && m.column === 'what');
    assert.equal(named.rows.length, 1);
    assert.match(named.rows[0].excerpt, /om nøglerne/);

    await page.getByLabel('Jeg forstår, at sletningen ikke kan fortrydes').check();
    await press(page, 'Slet personen');
    assert.match(await page.getByRole('status').innerText(), /Personen er slettet/);
    const heading = await page.getByRole('heading', { level: 1 }).innerText();
    assert.match(heading, /Slettet person [0-9A-F]{4}$/);
    assert.doesNotMatch(await page.locator('main').innerText(), /Gitte|Sygeplejerske/);
    await assertAccessible(page, 'personal data after erasure');

    await follow(page, 'Fortegnelse over behandlingsaktiviteter');
    await page.getByRole('heading', { level: 1, name: 'Fortegnelse over behandlingsaktiviteter' }).waitFor();
    await page.getByRole('rowheader', { name: 'Signaler' }).waitFor();
    assert.match(await page.locator('main').innerText(), /dage efter signalet er lukket/);
    await screenshot(page, '99-privacy-record');
    await assertAccessible(page, 'record of processing');

    // The retention settings: a changed period shows in the record.
    await follow(page, 'Opbevaring af persondata');
    await page.getByLabel('Borgeres e-mailadresser på signaler: dage efter lukning').fill('45');
    await press(page, 'Gem');
    assert.match(await page.getByRole('status').innerText(), /Gemt/);
    await assertAccessible(page, 'retention settings');
    await page.goto(url('/privacy/record'));
    assert.match(await page.locator('main').innerText(), /45 dage efter signalet er lukket/);
  });
});
