// Browser tests for a programme's effect report (issue 18, point 5): the demo programme's page
// shows the effect on the triple bottom line, the secretariat opens the printable report with
// the demo project's KPIs before and after, its benefits and the survey index, and the report
// leads back; axe-core on every page. Environment: see support.mjs.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEMO_PROJECT, assertAccessible, closeBrowsers, follow, launchBrowser, loggedInPage, screenshot, url,
} from './support.mjs';

const PROGRAMME = 'Mere kerneopgave og mindre bureaukrati';

let browser;

describe('programme effect report', () => {
  before(async () => {
    browser = await launchBrowser();
  });
  after(closeBrowsers);

  test('the programme page summarises the effect and the report shows before and after', async () => {
    const page = await loggedInPage(browser, { email: 'sekretariat@demo.fremdrift.test' });
    await page.getByRole('link', { name: 'Programmer' }).click();
    await follow(page, PROGRAMME);
    const section = page.locator('section.effect-summary');
    await section.getByRole('heading', { level: 2, name: 'Effekt på den tredobbelte bundlinje' }).waitFor();
    // The demo project's waiting time fell from its baseline: one KPI improved for citizens.
    const citizens = section.getByRole('row', { name: /Kvalitet for borgeren/ });
    assert.equal((await citizens.getByRole('cell').nth(1).innerText()).trim(), '1');
    // By cluster and track, and the survey's whole-round index beside the KPIs.
    const cluster = section.getByRole('row', { name: /Beskæftigelse og socialområdet/ });
    assert.equal((await cluster.getByRole('cell').first().innerText()).trim(), '1');
    await section.getByRole('heading', { level: 3, name: 'Indholdsspor' }).waitFor();
    assert.match(await section.getByRole('row', { name: /Social kapital/ }).innerText(), /43,8 \(n 13\)/);
    await assertAccessible(page, 'programme with its effect summary');
    await screenshot(page, '80-programme-effect-summary');

    await follow(page, 'Åbn effektrapporten');
    await page.getByRole('heading', { level: 1, name: 'Effektrapport' }).waitFor();
    await page.getByRole('heading', { level: 2, name: PROGRAMME }).waitFor();
    const waiting = page.getByRole('row', { name: /Ventedage til første fælles samtale/ });
    const text = await waiting.innerText();
    assert.match(text, /21,5/);
    assert.match(text, /Forbedret/);
    assert.match(text, /forbedring/);  // the run chart's shift
    assert.match(text, new RegExp(DEMO_PROJECT));
    await page.getByRole('row', { name: /Borgeren fortæller sin historie én gang/ }).getByText('Realiseret').waitFor();
    const survey = page.getByRole('row', { name: /Social kapital før og efter/ });
    assert.match(await survey.innerText(), /større end tilfældig variation/);
    await page.getByRole('heading', { level: 3, name: 'Projektklynger' }).waitFor();
    const pdf = await page.getByRole('link', { name: 'Hent som PDF' }).getAttribute('href');
    assert.match(pdf, /^\/programmes\/[^/]+\/effect-report\.pdf$/);
    await assertAccessible(page, 'effect report');
    await screenshot(page, '81-effect-report');

    // The API answers the same report to the secretariat.
    const id = pdf.split('/')[2];
    const report = await page.request.get(url(`/api/v1/programmes/${id}/effect-report`));
    assert.equal(report.status(), 200);
    const body = await report.json();
    assert.equal(body.summary.projects, 1);
    await follow(page, 'Tilbage til programmet');
    await page.getByRole('heading', { level: 1, name: PROGRAMME }).waitFor();
    await page.context().close();
  });
});
