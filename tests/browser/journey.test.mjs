// The whole KL journey as a new project leader walks it (issue 13): login → start page →
// new project → charter → steering group by the one-click coverage step → meeting →
// as-is map with a lane and times → idea → redesign → side by side → action plan → KPI
// with baseline and trial weeks typed in the grid → the signal as an improvement →
// kaizen card moved by keyboard → a step adopted by decision → closing report; then the main pages in
// Swedish and on a phone. axe on every page, a screenshot of each step.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertAccessible, clickAndLoad, follow as followLink, newContext, login, press as pressButton, screenshot, url,
  withLoggedInPage, launchBrowser, typeStep,
} from './support.mjs';

const TITLE = `Rejsen ${Date.now().toString(36)}`;
const KPI = `Ventedage ${Date.now().toString(36)}`;
const CARD = `Fælles postkasse ${Date.now().toString(36)}`;

let page;
let projectPath;

const follow = (name, options = {}) => followLink(page, name, options);
const press = (name, options = {}) => pressButton(page, name, options);

async function step(name) {
  await screenshot(page, `journey-${name}`);
  await assertAccessible(page, `journey: ${name}`);
}

async function tab(name) {
  await page.goto(url(projectPath));
  await follow(name, { exact: true });
}

// Monday of the ISO week `weeksAgo` weeks before this one, as YYYY-MM-DD.
function mondayWeeksAgo(weeksAgo) {
  const d = new Date();
  d.setUTCHours(12, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) - 7 * weeksAgo);
  return d.toISOString().slice(0, 10);
}

describe('the KL journey of a new project leader', () => {
  withLoggedInPage((p) => {
    page = p;
    page.on('dialog', (dialog) => dialog.accept());
  }, { width: 1440, height: 900 });

  test('the start page, then a new project with its charter', async () => {
    await page.goto(url('/'));
    await page.getByRole('heading', { level: 1, name: 'Mit overblik' }).waitFor();
    await step('01-start-page');
    await follow('Projekter');
    await page.getByLabel('Titel').fill(TITLE);
    await page.getByLabel('Metode').selectOption('kl-workflow');
    await press('Opret projekt');
    projectPath = new URL(page.url()).pathname.replace(/\/charter$/, '');
    await page.getByLabel('Formål').fill('Borgeren fortæller sin historie én gang');
    await page.getByLabel('Borgerforløbet').fill('Anna har kontakt med jobcenter og socialafdeling.');
    await page.getByLabel('Jobcenter', { exact: true }).check();
    await page.getByLabel('Socialafdelingen', { exact: true }).check();
    await step('02-charter');
    await press('Gem');
    assert.equal(new URL(page.url()).pathname, projectPath);
  });

  test('the steering group gets a missing manager with one click', async () => {
    const nextSteps = page.locator('section.next-steps');
    const missing = nextSteps.locator('li', { hasText: 'sidder ikke i styregruppen' });
    const before = await missing.count();
    assert.ok(before >= 1, 'a unit manager is missing from the steering group');
    await step('03-next-steps');
    await clickAndLoad(page, missing.first().getByRole('button', { name: 'Tilføj til styregruppen' }));
    await page.goto(url(projectPath));
    assert.equal(await missing.count(), before - 1);
    await follow('Kommissorium og roller', { exact: true });
    assert.ok(await page.getByText('Styregruppe').first().isVisible());
    await step('04-roles');
  });

  test('a steering-group meeting is planned', async () => {
    await tab('Møder og beslutninger');
    await follow('Planlæg et møde');
    await page.getByLabel('Mødetype').selectOption('steering_group');
    await page.getByLabel('Mødets titel').fill('Styregruppemøde 1');
    await page.getByLabel('Dato').fill(mondayWeeksAgo(-1));
    await page.getByLabel('Klokkeslæt').fill('09:00');
    await page.getByLabel('Dagsorden').fill('Kommissorium\nKortlægning');
    await press('Opret mødet');
    await page.getByRole('heading', { level: 1, name: 'Styregruppemøde 1' }).waitFor();
    assert.ok(await page.locator('fieldset.attendee').count() >= 1, 'the steering group is invited');
    await step('05-meeting');
  });

  test('the as-is map is drawn with a lane, steps and their times, and an idea is pinned', async () => {
    await tab('Arbejdsgange');
    await page.getByLabel('Titel', { exact: true }).fill('Som i dag');
    await press('Opret', { exact: true });
    await page.locator('.djs-container').waitFor();
    await typeStep(page, 'Modtager ansøgningen', { lane: 'Jobcenter' });
    await typeStep(page, 'Vurderer sagen', { lane: 'Socialafdelingen' });
    // Times in hours and days on the first step, as people say them.
    await page.evaluate(() => {
      const modeler = window.fremdriftModeler;
      const first = modeler.get('elementRegistry')
        .filter((e) => e.businessObject && e.businessObject.name === 'Modtager ansøgningen')[0];
      modeler.get('selection').select(first);
    });
    const stepForm = page.locator('[data-role="step-form"]');
    await stepForm.getByLabel('Varighed').fill('2 t');
    await stepForm.getByLabel('Ventetid før trinnet').fill('3 d');
    await stepForm.getByRole('button', { name: 'Brug' }).click();
    await page.getByLabel('Idéen').fill('Fælles modtagelse');
    await page.getByRole('button', { name: 'Tilføj idé' }).click();
    await page.getByText('Idéen er tilføjet.').waitFor();
    await page.getByRole('button', { name: 'Gem', exact: true }).click();
    await page.getByText(/Gemt som version/).first().waitFor();
    await step('06-as-is-map');
  });

  test('a redesign starts from the as-is map', async () => {
    await tab('Arbejdsgange');
    await page.getByLabel('Titel på den nye arbejdsgang').fill('Ny arbejdsgang');
    await press('Start den nye arbejdsgang');
    await page.locator('.djs-container').waitFor();
    await step('07-redesign');
    await tab('Arbejdsgange');
    await page.locator('tr[data-metric="handovers"]').first().waitFor();
    await step('08-maps-comparison');
    await follow('Se kortene side om side');
    await page.locator('[data-side="as_is"] [data-map-viewer][data-ready="1"]').waitFor();
    await page.locator('[data-side="redesign"] [data-map-viewer][data-ready="1"]').waitFor();
    assert.match(await page.locator('.changed-figures').innerText(), /2 t/);
    await step('08b-side-by-side');
  });

  test('the action plan gets a row', async () => {
    await tab('Handlingsplan');
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Tilføj til handlingsplanen' }) });
    await form.getByLabel('Ændring/opgave').fill('Fælles modtagelse af ansøgninger');
    await form.getByLabel('Deadline').fill(mondayWeeksAgo(-4));
    await press('Tilføj til handlingsplanen');
    await page.getByRole('cell', { name: 'Fælles modtagelse af ansøgninger' }).first().waitFor();
    await step('09-action-plan');
  });

  test('a KPI gets 12 baseline and 8 trial weeks typed in the grid and shows the improvement', async () => {
    await tab("KPI'er");
    await follow('Ny KPI');
    await page.getByLabel('Navn', { exact: true }).fill(KPI);
    await page.getByLabel('Måleenhed').fill('dage');
    await page.getByLabel('Retning').selectOption('lower');
    await page.getByLabel('Mål', { exact: true }).fill('30');
    await press('Gem');
    await page.getByRole('heading', { level: 1, name: KPI }).waitFor();
    const grid = page.locator('.kpi-grid input');
    const fill = async (from, values) => {
      for (let i = 0; i < values.length; i += 1) await grid.nth(from + i).fill(String(values[i]));
      await press('Gem målinger');
      await page.getByRole('status').getByText('Gemt.').waitFor();
    };
    // Back two pages of eight weeks: the four latest weeks there open the baseline...
    await follow('← Tidligere perioder');
    await follow('← Tidligere perioder');
    assert.equal(await grid.count(), 8);
    await fill(4, [58, 62, 58, 62]);
    // ...the next eight weeks complete it...
    await follow('Senere perioder →');
    await fill(0, [62, 58, 62, 58, 62, 58, 62, 58]);
    const lastBaselineWeek = await page.locator('.kpi-grid label').last().innerText();
    // ...and the eight latest weeks are the trial, with waits down from 60 to 20.
    await follow('Senere perioder →');
    await fill(0, [21, 19, 21, 19, 21, 19, 21, 19]);
    const improvement = page.locator('ul.signals li.kpi-signal-better').first();
    await improvement.waitFor();
    assert.match(await improvement.innerText(), /en forbedring/);
    assert.equal(await improvement.evaluate((el) => getComputedStyle(el).color), 'rgb(29, 107, 50)');
    assert.equal(await page.locator('ul.signals li.kpi-signal-worse').count(), 0, 'nothing is read as worse');
    assert.notEqual(await page.locator('#signal-summary p.kpi-signal').evaluate((el) => getComputedStyle(el).color),
      'rgb(161, 42, 31)', 'the verdict above an improvement is not alarm-red');
    await step('10-kpi-signal');

    // The median is frozen at the baseline weeks, so the trial is judged against them.
    await page.getByLabel('Sidste baselineperiode').selectOption(lastBaselineWeek);
    await press('Frys medianen');
    await page.locator('table.kpi-points').waitFor();
    await step('10b-kpi-frozen');
  });

  test('a kaizen card is raised and moved by keyboard', async () => {
    await tab('Kaizen');
    const form = page.locator('form[action$="/kaizen"]');
    await form.getByLabel('Problem eller idé').fill(CARD);
    await clickAndLoad(page, form.getByRole('button', { name: 'Sæt kortet på tavlen' }));
    const card = page.locator('li.kaizen-card', { hasText: CARD });
    await card.getByRole('button', { name: 'Flyt til højre kolonne' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /Kortet er flyttet til I gang/.test(document.getElementById('kaizen-live').textContent));
    await step('11-kaizen');
  });

  test('a step of the redesign is adopted by a recorded decision', async () => {
    await tab('Indførelse og afslutning');
    await Promise.all([page.waitForEvent('load'),
      page.getByRole('link', { name: /Skift status.*Modtager ansøgningen/ }).click()]);
    await page.getByLabel('Indført', { exact: true }).check();
    await page.getByLabel('Ledelsens beslutning').fill('Fælles modtagelse er nu den faste arbejdsgang');
    await press('Registrér beslutningen');
    await page.getByRole('status').getByText('Beslutningen er registreret').waitFor();
    assert.match(await page.getByRole('row', { name: /Modtager ansøgningen/ }).innerText(), /Indført/);
    await step('12-adoption');
  });

  test('the closing report shows the KPI before and after', async () => {
    await tab('Indførelse og afslutning');
    await follow('Afslutningsrapport');
    const row = page.locator('table.closing-kpis tr', { hasText: KPI });
    const cells = await row.locator('td').allInnerTexts();
    assert.equal(cells[0].trim(), '60', `before: ${cells[0]}`);
    assert.match(cells[1], /^20 \d{4}-W\d{2} – \d{4}-W\d{2}$/, `after: ${cells[1]}`);
    assert.match(cells[3], /^Ja/, `reached: ${cells[3]}`);
    await step('13-closing-report');
  });

  test('the main pages in Swedish', async () => {
    await page.goto(url(projectPath));
    await page.locator('#lang-select').selectOption('sv');
    await Promise.all([
      page.waitForEvent('load'),
      page.locator('#lang-select').locator('xpath=ancestor::form').getByRole('button').click(),
    ]);
    await page.waitForFunction(() => document.documentElement.lang === 'sv');
    await page.getByRole('link', { name: 'Översikt', exact: true }).waitFor();
    await step('14-sv-project');
    await page.goto(url('/overview'));
    await page.getByRole('heading', { level: 1, name: 'Min översikt' }).waitFor();
    await step('15-sv-start-page');
    await page.goto(url(`${projectPath}/kpis`));
    await step('16-sv-kpis');
    await page.locator('#lang-select').selectOption('da');
    await Promise.all([
      page.waitForEvent('load'),
      page.locator('#lang-select').locator('xpath=ancestor::form').getByRole('button').click(),
    ]);
  });

  test('the main pages on a phone', async () => {
    const browser = await launchBrowser();
    const phone = await (await newContext(browser, { width: 390, height: 844 })).newPage();
    await login(phone);
    for (const [name, path] of [['17-phone-start', '/overview'], ['18-phone-project', projectPath],
      ['19-phone-plan', `${projectPath}/actions`], ['20-phone-kpis', `${projectPath}/kpis`]]) {
      await phone.goto(url(path));
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${path} scrolls sideways by ${overflow}px`);
      await screenshot(phone, `journey-${name}`);
      await assertAccessible(phone, `journey: ${name}`);
    }
  });
});
