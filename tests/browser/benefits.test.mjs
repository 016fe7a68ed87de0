// Browser tests for benefits realisation: the demo project's plan with its statuses and the
// gevinstdiagram drawn as a diagram; add a benefit, link a KPI to it and see its run-chart
// status; axe-core on every page. Environment: see support.mjs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertAccessible, follow as followLink, followTab, openDemoProject, press as pressButton, screenshot,
  switchLanguage, withLoggedInPage,
} from './support.mjs';

const TITLE = `Færre genhenvisninger ${Date.now().toString(36)}`;

let page;

const follow = (name, options = {}) => followLink(page, name, options);
const press = (name) => pressButton(page, name);

describe('benefits', () => {
  withLoggedInPage((p) => { page = p; });

  test('the demo plan shows benefits on track, at risk and realised, and the diagram', async () => {
    await openDemoProject(page, 'Gevinster på sporet');
    await followTab(page, 'Gevinster');
    await page.getByRole('heading', { level: 1, name: /Gevinstrealiseringsplan/ }).waitFor();
    const plan = page.getByRole('region', { name: 'Gevinster efter måldato' });
    const row = (name) => plan.getByRole('row', { name });
    assert.match(await row(/Kortere ventetid til første fælles samtale/).innerText(), /På sporet/);
    assert.match(await row(/Kortere ventetid til første fælles samtale/).innerText(), /Signal: forbedring/);
    assert.match(await row(/Færre sagsbehandlertimer/).innerText(), /I fare/);
    assert.match(await row(/Borgeren fortæller sin historie én gang/).innerText(), /Realiseret/);
    const diagram = page.getByRole('group', { name: 'Gevinstdiagram' });
    await diagram.waitFor();
    // Shared deliverables are drawn once; every benefit leads to the purpose.
    assert.equal(await page.locator('svg.gd .gd-col-0').count(), 4);
    assert.equal(await page.locator('svg.gd .gd-col-2').count(), 4);
    assert.equal(await page.locator('svg.gd .gd-col-3').count(), 1);
    assert.ok(await page.locator('svg.gd .gd-edge').count() >= 12);
    await page.getByText('Gevinstdiagrammet som tekst').click();
    await page.getByRole('listitem').filter({ hasText: /Ydelser: Fælles plan for borgeren/ }).first().waitFor();
    assert.ok(await page.getByRole('link', { name: 'Business case' }).isVisible());
    await screenshot(page, '70-benefits-plan');
    await assertAccessible(page, 'benefits plan');
  });

  test('a benefit added, linked to a KPI, shows the KPI status and joins the diagram', async () => {
    await openDemoProject(page, null, 'Gevinster');
    await page.getByLabel('Gevinst (titel)').fill(TITLE);
    await page.getByLabel('Bundlinje').selectOption('economy');
    await page.getByLabel('Ydelser', { exact: true }).fill('Fælles opstartsmøde\nTjekliste ved henvisning');
    await page.getByLabel('Forandringer', { exact: true }).fill('Én indgang for henvisninger');
    // The owner comes from the project's roles.
    assert.notEqual(await page.getByLabel('Gevinstejer').inputValue(), '');
    await press('Gem gevinsten');
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByText('Ingen KPI tilknyttet').waitFor();
    await assertAccessible(page, 'new benefit');

    await page.getByRole('checkbox', { name: 'Ventedage til første fælles samtale' }).check();
    await press('Gem ændringerne');
    await page.getByRole('status').getByText('Gemt.').waitFor();
    const kpis = page.locator('ul.benefit-kpis-list');
    assert.match(await kpis.innerText(), /Ventedage til første fælles samtale: Signal: forbedring/);
    await page.locator('dl.benefit-facts').getByText('På sporet').waitFor();
    await screenshot(page, '71-benefit-with-kpi');
    await assertAccessible(page, 'benefit with a KPI');

    await follow('Tilbage til gevinstrealiseringsplanen');
    await page.locator('svg.gd .gd-col-2').filter({ hasText: TITLE.split(' ')[0] }).first().waitFor();
    assert.equal(await page.locator('svg.gd .gd-col-0').filter({ hasText: 'Tjekliste ved' }).count(), 1);
    // The benefit's box in the diagram leads to its page, by keyboard too.
    const box = page.locator(`svg.gd a:has(title:text-matches("^${TITLE}"))`);
    await box.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  });

  test('the judgement is recorded as a decision', async () => {
    await openDemoProject(page, null, 'Gevinster');
    await follow(TITLE, { exact: true });
    await page.getByLabel('Vurdering i genbesøgsfasen').selectOption('partly');
    // A judgement needs its reason; the browser asks for it before anything is sent.
    assert.equal(await page.getByLabel('Begrundelse').evaluate((e) => e.validity.valueMissing), true);
    await assertAccessible(page, 'benefit with the judgement form');
    await page.getByLabel('Begrundelse').fill('Halvdelen af forløbene har én indgang.');
    await press('Gem vurderingen');
    await page.locator('dl.benefit-facts').getByText('Delvist realiseret').first().waitFor();
    await openDemoProject(page, null, 'Møder og beslutninger');
    await page.getByText(/Gevinsten »Færre genhenvisninger .*« vurderes delvist realiseret/).first().waitFor();
  });

  test('the plan speaks Swedish and English', async () => {
    await openDemoProject(page, null, 'Gevinster');
    const path = new URL(page.url()).pathname;
    await switchLanguage(page, path, 'sv');
    await page.getByRole('heading', { level: 1, name: /Nyttorealiseringsplan/ }).waitFor();
    await page.getByRole('group', { name: 'Nyttodiagram' }).waitFor();
    await page.getByRole('link', { name: 'Nyttor', exact: true }).waitFor();
    await assertAccessible(page, 'benefits plan in Swedish');
    await switchLanguage(page, path, 'en');
    await page.getByRole('heading', { level: 1, name: /Benefits realisation plan/ }).waitFor();
    const row = page.getByRole('row', { name: /Kortere ventetid til første fælles samtale/ });
    assert.match(await row.innerText(), /On track/);
    assert.match(await row.innerText(), /Signal: improving/);
    await screenshot(page, '72-benefits-plan-en');
    await assertAccessible(page, 'benefits plan in English');
    await switchLanguage(page, path, 'da');
  });
});
