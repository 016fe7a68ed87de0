// "Mit overblik" (issue 13) in Chromium: login lands on it, its empty states lead on, it
// lists the demo user's project, overdue task first, meeting and KPI due once they exist,
// it is keyboard accessible, axe-clean in Danish and Swedish, and fits a 390×844 phone.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  assertAccessible, clickAndLoad, closeBrowsers, launchBrowser, login, newContext, RUN, screenshot, switchLanguage,
  url,
} from './support.mjs';

const PROJECT = `Overblik ${RUN}`;

describe('Mit overblik', () => {
  let browser;
  let page;

  before(async () => {
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
    await login(page);
  });
  after(closeBrowsers);

  // The demo user's project (they lead what they create) with two actions of theirs, one
  // overdue, a meeting ahead and a KPI of theirs without values.
  async function addWork() {
    const { csrf_token: csrf, person_id: me } = await (await page.request.get(url('/api/v1/me'))).json();
    const post = async (path, data) => {
      const r = await page.request.post(url(path), { data, headers: { 'X-CSRF-Token': csrf } });
      assert.equal(r.status(), 201, await r.text());
      return r.json();
    };
    const project = await post('/api/v1/projects', { title: PROJECT, template: 'kl-workflow' });
    const base = `/api/v1/projects/${project.id}`;
    await post(`${base}/actions`, { task: 'Skriv evalueringen', responsible_id: me, deadline: '2099-03-01' });
    await post(`${base}/actions`, { task: 'Ring til borgerne', responsible_id: me, deadline: '2020-01-15' });
    await post(`${base}/meetings`, { kind: 'steering_group', title: 'Styregruppemøde i maj', starts_at: '2098-05-06T09:00' });
    await post(`${base}/kpis`, { name: 'Ventetid i dage', owner_id: me });
  }

  test('login lands on the start page, first in the menu, with empty states that lead on', async () => {
    assert.equal(new URL(page.url()).pathname, '/overview');
    await page.getByRole('heading', { level: 1, name: 'Mit overblik' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
    const first = nav.getByRole('link').first();
    assert.equal(await first.textContent(), 'Mit overblik');
    assert.equal(await first.getAttribute('aria-current'), 'page');
    assert.equal(await nav.getByRole('link', { name: 'Organisation' }).count(), 1);
    await page.getByText('Du har ingen opgaver.').waitFor();
    assert.ok(await page.getByRole('link', { name: 'Gå til projektlisten' }).count() >= 1);
    await screenshot(page, 'overview-01-empty-da');
    await assertAccessible(page, 'overview, empty');
    await clickAndLoad(page, page.getByRole('link', { name: 'Gå til projektlisten' }).first());
    assert.equal(new URL(page.url()).pathname, '/projects');
  });

  test('my project, my tasks overdue first, my meeting and my KPI due', async () => {
    await addWork();
    await page.goto(url('/overview'));
    const projects = page.getByRole('region', { name: 'Mine projekter' });
    await projects.getByRole('link', { name: PROJECT }).waitFor();
    assert.match(await projects.innerText(), /Projektleder/);
    assert.match(await projects.innerText(), /2098-05-06 09:00/);
    const rows = page.getByRole('table', { name: /overskredne først/ }).locator('tbody tr');
    assert.equal(await rows.count(), 2);
    assert.match(await rows.nth(0).innerText(), /Ring til borgerne.*Handlingsplan.*2020-01-15 Overskredet/s);
    assert.match(await rows.nth(1).innerText(), /Skriv evalueringen/);
    assert.equal(await rows.nth(0).getAttribute('class'), 'overdue');
    await page.getByRole('region', { name: 'Mine kommende møder' })
      .getByRole('link', { name: 'Styregruppemøde i maj' }).waitFor();
    const kpis = page.getByRole('region', { name: 'Mine målinger, der mangler' });
    await kpis.getByRole('link', { name: 'Ventetid i dage' }).waitFor();
    await screenshot(page, 'overview-02-da');
    await assertAccessible(page, 'overview in Danish');
  });

  test('the keyboard reaches the overdue task and opens it', async () => {
    await page.goto(url('/overview'));
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.textContent === 'Ring til borgerne');
    }
    assert.ok(reached, 'Tab reaches the task link');
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    assert.match(new URL(page.url()).pathname, /^\/projects\/[^/]+\/actions$/);
  });

  test('in Swedish', async () => {
    await switchLanguage(page, '/overview', 'sv');
    await page.getByRole('heading', { level: 1, name: 'Min översikt' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Mina projekt' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Mina uppgifter' }).waitFor();
    assert.match(await page.locator('table.overview-tasks tbody tr').first().innerText(), /Försenad/);
    await screenshot(page, 'overview-03-sv');
    await assertAccessible(page, 'overview in Swedish');
  });

  test('fits a 390×844 phone without sideways scrolling', async () => {
    const phone = await newContext(browser, { width: 390, height: 844 });
    const p = await phone.newPage();
    try {
      await login(p);
      assert.equal(new URL(p.url()).pathname, '/overview');
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      await screenshot(p, 'overview-04-phone');
      assert.ok(overflow <= 1, `/overview scrolls sideways by ${overflow}px at 390px wide`);
      await assertAccessible(p, 'overview on a phone');
    } finally {
      await phone.close();
    }
  });
});
