// Browser tests for adoption of the redesign: a steering decision adopts a step of the
// demo project's redesign, the share on the project page moves, the decision is in
// the log and a win appears; the KPI page offers the split; the closing report is
// looked at as printed (print media, A4) in a screenshot. axe-core on every page.
// Environment: see support.mjs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertAccessible, clickAndLoad, follow, openDemoProject, press, screenshot, url, withLoggedInPage,
} from './support.mjs';

const DECISION = `Rehabiliteringsmødet holdes nu altid med borgeren og alle tre forvaltninger (${Date.now().toString(36)})`;

let page;

async function share() {
  const text = await page.locator('#adoption-share-text').innerText();
  const m = text.match(/(\d+) af (\d+) trin indført \((\d+) %\)/);
  assert.ok(m, `share text: ${text}`);
  return { adopted: Number(m[1]), total: Number(m[2]), percent: Number(m[3]) };
}

describe('adoption', () => {
  withLoggedInPage((p) => { page = p; });

  test('a step is adopted by a recorded decision and the share moves', async () => {
    await openDemoProject(page, 'Indførelse af redesignet');
    const before = await share();
    assert.ok(before.adopted >= 2, 'the demo has two adopted steps');
    assert.equal(await page.locator('meter.adoption-meter').getAttribute('value'), String(before.adopted));
    await page.getByRole('heading', { level: 2, name: 'Sejre' }).waitFor();
    await page.getByText('er indført – sådan arbejder vi nu').first().waitFor();

    await follow(page, 'Se og beslut om indførelse');
    await page.getByRole('heading', { level: 1, name: /^Indførelse:/ }).waitFor();
    await assertAccessible(page, 'adoption page');
    await Promise.all([page.waitForEvent('load'),
      page.getByRole('link', { name: /Skift status.*Rehabiliteringsmøde/ }).click()]);
    await assertAccessible(page, 'adoption step form');
    // The decision text is required: nothing changes without it.
    await page.getByLabel('Indført', { exact: true }).check();
    await page.locator('#a-decision').evaluate((el) => el.removeAttribute('required'));
    await press(page, 'Registrér beslutningen');
    await page.locator('#a-decision-error').waitFor();
    await assertAccessible(page, 'adoption step form with an error');
    await page.getByLabel('Indført', { exact: true }).check();
    await page.getByLabel('Ledelsens beslutning').fill(DECISION);
    await press(page, 'Registrér beslutningen');
    await page.getByRole('status').getByText('Beslutningen er registreret').waitFor();
    const row = page.getByRole('row', { name: /Rehabiliteringsmøde/ });
    assert.match(await row.innerText(), /Indført/);
    assert.match(await row.innerText(), /holdes nu altid med borgeren/);
    const afterShare = await share();
    assert.equal(afterShare.adopted, before.adopted + 1);
    assert.equal(afterShare.total, before.total);
    await screenshot(page, '50-adoption');

    await openDemoProject(page);
    assert.equal((await share()).adopted, before.adopted + 1);
    await page.getByText('»Rehabiliteringsmøde« er indført').first().waitFor();  // the win
    await screenshot(page, '51-project-adoption');
    await assertAccessible(page, 'project page with adoption and wins');
    await follow(page, 'Møder og beslutninger', { exact: true });
    await page.getByText(`Rehabiliteringsmøde: ${DECISION}`).waitFor();  // the decision log
  });

  test('a KPI page offers the split at the adoption and one click makes it', async () => {
    await openDemoProject(page);
    await follow(page, 'Overdragelser pr. borger');
    const offer = page.locator('section.split-offer');
    await offer.getByText('Trinnet »Rehabiliteringsmøde« blev indført').waitFor();
    await assertAccessible(page, 'KPI page with a split offer');
    const periodsBefore = await page.locator('table.kpi-periods tbody tr').count();
    await Promise.all([page.waitForEvent('load'),
      offer.getByRole('button', { name: /Del grafen her.*Rehabiliteringsmøde/ }).click()]);
    assert.equal(await page.locator('table.kpi-periods tbody tr').count(), periodsBefore + 1);
    await page.locator('table.kpi-periods').getByRole('cell', { name: 'Indført: Rehabiliteringsmøde', exact: true }).waitFor();
    assert.equal(await page.locator('section.split-offer').getByText('Trinnet »Rehabiliteringsmøde«').count(), 0);
  });

  test('the closing report prints on A4', async () => {
    await openDemoProject(page);
    await clickAndLoad(page, page.getByRole('link', { name: 'Afslutningsrapport' }).first());
    await page.getByRole('heading', { level: 1, name: /^Afslutningsrapport:/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Indikatorer før og efter' }).waitFor();
    await page.getByText(DECISION).first().waitFor();
    await page.getByRole('row', { name: /Ventedage til første fælles samtale/ }).waitFor();
    await assertAccessible(page, 'closing report');
    await page.getByLabel('Ny erfaring').fill('Beslut indførelsen trin for trin – så kan ledelsen følge med.');
    await press(page, 'Tilføj erfaring');
    await page.getByText('Beslut indførelsen trin for trin').waitFor();
    // The charter's goals with their outcome, the maps' figures, the deciding body.
    await page.getByRole('heading', { level: 2, name: 'Mål og succeskriterier' }).waitFor();
    await page.locator('#goal-1-outcome').selectOption('reached');
    await page.locator('#goal-1-note').fill('Alle nye forløb har én plan efter fire uger.');
    await press(page, /Gem resultat.*Borgeren har én fælles plan/);
    await page.locator('li.goal-reached').getByText('Alle nye forløb har én plan').waitFor();
    await page.locator('table.comparison tr[data-metric="steps"]').waitFor();
    assert.ok(await page.locator('ul.decisions').getByText('Styregruppen').count() > 0);
    await screenshot(page, '53-closing-report-goals');
    await assertAccessible(page, 'closing report with a goal judged');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('header.site').isVisible(), false);
    assert.equal(await page.locator('ul.lessons button').first().isVisible(), false);
    assert.equal(await page.getByLabel('Ny erfaring').isVisible(), false);
    await page.setViewportSize({ width: 794, height: 1123 });  // A4 at 96 dpi
    await screenshot(page, '52-closing-report-print');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 900 });
    const download = await page.request.get(url(new URL(page.url()).pathname + '?download=1'));
    assert.equal(download.status(), 200);
    assert.match(download.headers()['content-disposition'], /attachment/);
  });
});
