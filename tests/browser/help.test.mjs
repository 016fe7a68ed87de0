// Method help (issue 13) in Chromium: the help link on the project overview's phase stepper
// and on a KPI page lead to the topic that explains them, the index lists every topic, the
// help follows the UI language, and every page is axe-clean, on a desktop and a phone.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  assertAccessible, clickAndLoad, closeBrowsers, launchBrowser, login, newContext, openDemoProject,
  screenshot, url,
} from './support.mjs';

describe('Metodehjælp', () => {
  let browser;
  let page;

  before(async () => {
    browser = await launchBrowser();
    page = await (await newContext(browser, { width: 1440, height: 900 })).newPage();
    await login(page);
  });
  after(closeBrowsers);

  async function switchLanguage(lang) {
    await page.locator('#lang-select').selectOption(lang);
    await clickAndLoad(page, page.locator('#lang-select').locator('xpath=ancestor::form').getByRole('button'));
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
  }

  test('the phase stepper links to the help with the current phase', async () => {
    await openDemoProject(page);
    const link = page.getByRole('link', { name: /^Hjælp til fasen: / });
    assert.equal(await link.count(), 1);
    const phase = (await link.textContent()).replace(/^.*Hjælp til fasen: /, '').trim();
    assert.equal(
      phase,
      (await page.locator('ol.phases li[aria-current="step"]').textContent()).trim(),
      'the link names the current phase',
    );
    await screenshot(page, 'help-01-overview-link-da');
    await clickAndLoad(page, link);
    assert.match(new URL(page.url()).pathname, /^\/help\/[a-z-]+$/);
    await page.getByRole('heading', { level: 1 }).waitFor();
    for (const heading of ['Hvorfor', 'Sådan gør I', 'Godt at vide', 'Her i fremdrift']) {
      await page.getByRole('heading', { level: 2, name: heading }).waitFor();
    }
    assert.ok(await page.locator('ol.help-steps li').count() >= 3);
    await screenshot(page, 'help-02-phase-topic-da');
    await assertAccessible(page, 'help topic from the phase stepper');
  });

  test('the KPI page links to how to read a run chart', async () => {
    await openDemoProject(page);
    const projectId = new URL(page.url()).pathname.split('/')[2];
    const kpis = await (await page.request.get(url(`/api/v1/projects/${projectId}/kpis`))).json();
    assert.ok(kpis.items.length > 0, 'the demo project has KPIs');
    await page.goto(url(`/projects/${projectId}/kpis/${kpis.items[0].id}`));
    const link = page.getByRole('link', { name: 'Hjælp: sådan læser du et seriediagram' });
    await link.waitFor();
    await clickAndLoad(page, link);
    assert.equal(new URL(page.url()).pathname, '/help/run-charts');
    await page.getByRole('heading', { level: 1, name: 'Sådan læser du et seriediagram' }).waitFor();
    await page.getByText(/Anhøj-reglerne/).waitFor();
    await screenshot(page, 'help-03-run-charts-da');
    await assertAccessible(page, 'help: run charts');
    // On to a related topic and back to the index.
    await clickAndLoad(page, page.getByRole('link', { name: 'Kaizentavlen og kaizenmødet' }));
    assert.equal(new URL(page.url()).pathname, '/help/kaizen');
    await clickAndLoad(page, page.getByRole('link', { name: 'Al metodehjælp' }));
    assert.equal(new URL(page.url()).pathname, '/help');
  });

  test('the index lists every topic, in Swedish too', async () => {
    await page.goto(url('/help'));
    await page.getByRole('heading', { level: 1, name: 'Metodehjælp' }).waitFor();
    const api = await (await page.request.get(url('/api/v1/help'))).json();
    assert.equal(await page.locator('ul.help-topics > li').count(), api.items.length);
    await screenshot(page, 'help-04-index-da');
    await assertAccessible(page, 'help index (da)');

    await switchLanguage('sv');
    await page.getByRole('heading', { level: 1, name: 'Metodhjälp' }).waitFor();
    await clickAndLoad(page, page.getByRole('link', { name: 'Så läser du ett körschema' }));
    await page.getByRole('heading', { level: 2, name: 'Så här gör ni' }).waitFor();
    await screenshot(page, 'help-05-run-charts-sv');
    await assertAccessible(page, 'help: run charts (sv)');
    await switchLanguage('da');
  });

  test('a help page fits a phone', async () => {
    const phone = await (await newContext(browser, { width: 390, height: 844 })).newPage();
    await login(phone);
    await phone.goto(url('/help/as-is-map'));
    await phone.getByRole('heading', { level: 1 }).waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
    await screenshot(phone, 'help-06-phone-da');
    await assertAccessible(phone, 'help on a phone');
  });
});
