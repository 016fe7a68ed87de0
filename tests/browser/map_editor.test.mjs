// Browser tests for the map editor at 1440×900 (issue 13): the canvas takes the page's
// width and the palette never covers the lane names, bpmn-js's tooltips speak Danish,
// times are typed as "2 t" and shown back so, and the as-is and redesign maps are shown
// side by side with the figures that changed. Environment: see support.mjs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseDuration, formatDuration } from '../../web/maps/duration.js';
import {
  DEMO_PROJECT, assertAccessible, clickAndLoad, follow, screenshot, url, withLoggedInPage,
} from './support.mjs';

let page;
let mapsPath;

// Opens the demo project's map of the kind shown as `kindLabel` in the maps table.
async function openDemoMap(kindLabel) {
  await page.goto(url(mapsPath));
  const row = page.locator('table tbody tr').filter({ hasText: kindLabel }).first();
  await clickAndLoad(page, row.getByRole('link').first());
  await page.locator('.djs-container').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-map-editor]')?.dataset.loadedMs);
}

function selectElement(predicate) {
  return page.evaluate((source) => {
    const modeler = window.fremdriftModeler;
    // eslint-disable-next-line no-new-func
    const match = new Function('e', `return (${source})(e);`);
    const element = modeler.get('elementRegistry').filter((e) => match(e))[0];
    modeler.get('selection').select(element);
    return element.id;
  }, predicate.toString());
}

describe('map editor at 1440×900', () => {
  withLoggedInPage((p) => {
    page = p;
    page.on('dialog', (dialog) => dialog.accept());
  }, { width: 1440, height: 900 });

  test('the canvas takes the width and the palette leaves the lane names free', async () => {
    await page.goto(url('/projects'));
    await follow(page, DEMO_PROJECT, { exact: true });
    mapsPath = `${new URL(page.url()).pathname}/maps`;
    await openDemoMap('Nuværende arbejdsgang');
    const svg = await page.locator('.map-canvas svg').first().boundingBox();
    const palette = await page.locator('.djs-palette').boundingBox();
    assert.ok(svg.width >= 950, `canvas ${svg.width} px wide beside the panel`);
    assert.ok(svg.height >= 600, `canvas ${svg.height} px high`);
    assert.ok(palette.x + palette.width <= svg.x, 'the palette sits left of the drawing');
    // Every lane's name lies inside the drawing, right of the palette.
    const labels = await page.locator('.djs-element[data-element-id^="Lane"] text, .djs-shape[data-element-id*="ane"] .djs-visual text').all();
    for (const label of labels) {
      const box = await label.boundingBox();
      if (box) assert.ok(box.x >= palette.x + palette.width, 'a lane name under the palette');
    }
    await screenshot(page, '33-map-editor-wide');
    await page.getByRole('button', { name: 'Skjul sidepanelet' }).click();
    const wide = await page.locator('.map-canvas svg').first().boundingBox();
    assert.ok(wide.width >= 1300, `canvas ${wide.width} px wide without the panel`);
    await page.getByRole('button', { name: 'Vis sidepanelet' }).click();
    await page.locator('#map-panel').waitFor();
  });

  test("bpmn-js's palette, context pad and change menu speak Danish", async () => {
    assert.equal(await page.locator('.djs-palette .entry[data-action="create.task"]').getAttribute('aria-label'), 'Nyt trin');
    assert.equal(await page.locator('.djs-palette .entry[data-action="hand-tool"]').getAttribute('aria-label'), 'Flyt kortet (hånd)');
    await selectElement((e) => e.type === 'bpmn:Task');
    const pad = page.locator('.djs-context-pad');
    assert.equal(await pad.locator('.entry[data-action="append.append-task"]').getAttribute('title'), 'Tilføj trin efter');
    assert.equal(await pad.locator('.entry[data-action="delete"]').getAttribute('title'), 'Slet');
    await pad.locator('.entry[data-action="replace"]').click();
    await page.locator('.djs-popup').getByText('Trin i et it-system').waitFor();
    await screenshot(page, '34-map-editor-menu-da');
    await page.keyboard.press('Escape');
  });

  test('times are typed as "2 t" and "3 d", stored in minutes and shown back so', async () => {
    const id = await selectElement((e) => e.type === 'bpmn:Task');
    const form = page.locator('[data-role="step-form"]');
    await form.getByLabel('Varighed').fill('2 t');
    await form.getByLabel('Ventetid før trinnet').fill('3 d');
    await form.getByRole('button', { name: 'Brug' }).click();
    const stored = await page.evaluate((elementId) => {
      const bo = window.fremdriftModeler.get('elementRegistry').get(elementId).businessObject;
      return [bo.get('fremdrift:durationMinutes'), bo.get('fremdrift:waitingMinutes')];
    }, id);
    assert.deepEqual(stored, [120, 4320]);
    await page.evaluate(() => window.fremdriftModeler.get('selection').select(null));
    await selectElement((e) => e.type === 'bpmn:Task');
    assert.equal(await form.getByLabel('Varighed').inputValue(), '2 t');
    assert.equal(await form.getByLabel('Ventetid før trinnet').inputValue(), '3 d');

    // Text that is no time is refused on its field, and nothing changes.
    await form.getByLabel('Varighed').fill('lidt');
    await form.getByRole('button', { name: 'Brug' }).click();
    assert.equal(await form.getByLabel('Varighed').getAttribute('aria-invalid'), 'true');
    assert.match(await form.locator('#step-duration-error').innerText(), /30 min, 2 t, 3 d eller 1 uge/);
    const after = await page.evaluate((elementId) => window.fremdriftModeler.get('elementRegistry').get(elementId)
      .businessObject.get('fremdrift:durationMinutes'), id);
    assert.equal(after, 120);
    await screenshot(page, '35-map-editor-time-error');
    await assertAccessible(page, 'map editor with a time error');
  });

  // The same cases as the server's unit test (tests/maps/duration_test.cpp), with the
  // unit words and labels the page hands the editor.
  test('the editor reads and shows times as the server does', async () => {
    const cases = JSON.parse(readFileSync(new URL('../maps/duration_cases.json', import.meta.url), 'utf8'));
    const root = page.locator('[data-map-editor]');
    const units = JSON.parse(await root.getAttribute('data-duration-units'));
    assert.deepEqual(JSON.parse(await root.getAttribute('data-duration-labels')), cases.labels.da);
    for (const c of cases.parse) {
      const parsed = parseDuration(c.text, units);
      assert.equal(parsed.minutes ?? null, c.minutes, c.text);
      assert.equal(parsed.empty, c.empty ?? false, c.text);
    }
    for (const c of cases.format) assert.equal(formatDuration(c.minutes, cases.labels[c.lang]), c.text);
  });

  test('the as-is and redesign maps are shown side by side with the changed figures', async () => {
    await page.goto(url(mapsPath));
    await follow(page, 'Se kortene side om side');
    await page.locator('[data-side="as_is"] [data-map-viewer][data-ready="1"]').waitFor();
    await page.locator('[data-side="redesign"] [data-map-viewer][data-ready="1"]').waitFor();
    const handovers = page.locator('.changed-figures [data-metric="handovers"]');
    assert.equal(await handovers.locator('[data-role="before"]').innerText(), '9');
    assert.equal(await handovers.locator('[data-role="after"]').innerText(), '5');
    assert.equal(await handovers.locator('[data-role="change"]').innerText(), '-4');
    const left = await page.locator('[data-side="as_is"] .map-viewer').boundingBox();
    const middle = await page.locator('.changed-figures').boundingBox();
    const right = await page.locator('[data-side="redesign"] .map-viewer').boundingBox();
    assert.ok(left.x + left.width <= middle.x && middle.x + middle.width <= right.x, 'figures between the maps');
    await screenshot(page, '36-maps-side-by-side');
    await assertAccessible(page, 'maps side by side');
    // Long maps read better one above the other, each with the page's width.
    await page.getByRole('button', { name: 'Vis kortene over hinanden' }).click();
    const top = await page.locator('[data-side="as_is"] .map-viewer').boundingBox();
    const bottom = await page.locator('[data-side="redesign"] .map-viewer').boundingBox();
    assert.ok(top.width >= 1300 && bottom.y > top.y + top.height, 'the maps one above the other');
    await screenshot(page, '36b-maps-stacked');
    await page.getByRole('button', { name: 'Vis kortene over hinanden' }).click();
  });

  test('in Swedish the palette and the time fields speak Swedish too', async () => {
    const switchTo = async (lang) => {
      await page.locator('#lang-select').selectOption(lang);
      await Promise.all([
        page.waitForEvent('load'),
        page.locator('#lang-select').locator('xpath=ancestor::form').getByRole('button').click(),
      ]);
      await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    };
    await switchTo('sv');
    await openDemoMap('Nuvarande arbetssätt');
    await page.locator('.djs-palette .entry[data-action="create.task"]').waitFor();
    assert.equal(await page.locator('.djs-palette .entry[data-action="create.task"]').getAttribute('aria-label'), 'Nytt steg');
    await selectElement((e) => e.type === 'bpmn:Task');
    assert.equal(await page.locator('.djs-context-pad .entry[data-action="delete"]').getAttribute('title'), 'Ta bort');
    const form = page.locator('[data-role="step-form"]');
    await form.locator('#step-duration').fill('2 tim');
    await form.locator('#step-waiting').fill('1 vecka');
    await form.locator('button[type="submit"]').click();
    await page.evaluate(() => window.fremdriftModeler.get('selection').select(null));
    await selectElement((e) => e.type === 'bpmn:Task');
    assert.equal(await form.locator('#step-duration').inputValue(), '2 tim');
    assert.equal(await form.locator('#step-waiting').inputValue(), '1 vecka');
    await screenshot(page, '37-map-editor-sv');
    await switchTo('da');
  });
});
