// Browser tests for workflow maps: draw a small map in the modeler (a lane,
// steps, a handover), pin an idea, save, start a redesign, remove the handover,
// and see the comparison change. Environment: see support.mjs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  RESULTS, assertAccessible, clickAndLoad, press, screenshot, typeStep, url, withLoggedInPage,
} from './support.mjs';

const TITLE = `Kortlægning ${Date.now().toString(36)}`;

let page;
let projectPath;

async function comparisonCell(metric, column) {
  return (await page.locator(`tr[data-metric="${metric}"] td`).nth(column).innerText()).trim();
}

describe('workflow maps', () => {
  withLoggedInPage((p) => {
    page = p;
    page.on('dialog', (dialog) => dialog.accept());
  }, { width: 1400 });

  test('the demo project shows its as-is map against the redesign', async () => {
    await page.goto(url('/projects'));
    await clickAndLoad(page, page.getByRole('link', { name: /Sammenhængende hjælp til borgere/ }).first());
    await page.locator('tr[data-metric="handovers"]').waitFor();  // loaded by htmx
    assert.equal(await comparisonCell('handovers', 0), '9');
    assert.equal(await comparisonCell('handovers', 1), '5');
  });

  test('a small map is drawn with a lane, steps and a handover, and an idea is pinned', async () => {
    await page.goto(url('/projects'));
    await page.getByLabel('Titel').fill(TITLE);
    await page.getByLabel('Metode').selectOption('kl-workflow');
    await press(page, 'Opret projekt');
    await page.getByLabel('Jobcenter', { exact: true }).check();
    await page.getByLabel('Socialafdelingen', { exact: true }).check();
    await press(page, 'Gem');
    projectPath = new URL(page.url()).pathname;
    await page.goto(url(`${projectPath}/maps`));
    await assertAccessible(page, 'maps list');
    await page.getByLabel('Titel', { exact: true }).fill('Som i dag');
    await press(page, 'Opret', { exact: true });
    await page.locator('.djs-container').waitFor();

    // A lane for health care, tied to its unit.
    await page.getByRole('button', { name: 'Tilføj bane' }).click();
    await page.getByLabel('Enhed').selectOption({ label: 'Sundhed og Forebyggelse' });
    await page.locator('[data-role="lane-form"]').getByRole('button', { name: 'Brug' }).click();

    // Two steps by keyboard: the second in another unit's lane makes a handover.
    await typeStep(page, 'Modtager ansøgningen', { lane: 'Jobcenter' });
    await typeStep(page, 'Vurderer sagen', { lane: 'Socialafdelingen', symbol: 'it_system' });
    await page.locator('.djs-element.step-it_system').first().waitFor();

    // An idea pinned to the selected step (the map is saved first).
    await page.getByLabel('Idéen').fill('Fælles modtagelse');
    await page.getByRole('button', { name: 'Tilføj idé' }).click();
    await page.getByText('Idéen er tilføjet.').waitFor();
    await page.locator('.idea-badge').first().waitFor();
    assert.match(await page.locator('[data-role="status"]').innerText(), /Gemt som version 2/);

    // An unsaved step survives a reload as a local draft.
    await typeStep(page, 'Kladde-trin');
    await page.getByText(/Ikke gemt endnu/).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Hent kladden frem' }).click();
    const restored = await page.evaluate(() => window.fremdriftModeler.get('elementRegistry')
      .filter((e) => e.businessObject && e.businessObject.name === 'Kladde-trin').length);
    assert.equal(restored, 1);
    await page.getByRole('button', { name: 'Gem', exact: true }).click();
    await page.getByText(/Gemt som version 3/).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(RESULTS, '30-map-editor.png'), fullPage: false });
    await assertAccessible(page, 'map editor');
  });

  test('a redesign without the handover changes the comparison', async () => {
    await page.goto(url(`${projectPath}/maps`));
    await page.getByLabel('Titel på den nye arbejdsgang').fill('Ny arbejdsgang');
    await press(page, 'Start den nye arbejdsgang');
    await page.locator('.djs-container').waitFor();
    // Select the flow into the social services step and delete it from its context pad.
    const flowId = await page.evaluate(() => {
      const registry = window.fremdriftModeler.get('elementRegistry');
      const flow = registry.filter((e) => e.type === 'bpmn:SequenceFlow')
        .find((e) => e.target.businessObject.name === 'Vurderer sagen');
      return flow.id;
    });
    await page.evaluate((id) => {
      const modeler = window.fremdriftModeler;
      modeler.get('selection').select(modeler.get('elementRegistry').get(id));
    }, flowId);
    await page.locator('.djs-context-pad .entry[data-action="delete"]').click();
    await page.getByRole('button', { name: 'Gem', exact: true }).click();
    await page.getByText(/Gemt som version 2/).waitFor();
    await page.goto(url(`${projectPath}/maps`));
    const before = Number(await comparisonCell('handovers', 0));
    const afterCount = Number(await comparisonCell('handovers', 1));
    assert.ok(before >= 2, `handovers before: ${before}`);
    assert.equal(afterCount, before - 1);
    assert.equal(await comparisonCell('handovers', 2), '-1');
    await screenshot(page, '31-map-comparison');
    await assertAccessible(page, 'maps list with comparison');
  });

  test('the map prints on landscape paper with its legend, figures and ideas', async () => {
    await page.getByRole('link', { name: 'Som i dag' }).click();
    await page.getByRole('link', { name: 'Udskriv' }).click();
    await page.locator('[data-map-viewer][data-ready="1"]').waitFor();
    await page.getByText('Fælles modtagelse').waitFor();
    await assertAccessible(page, 'map print view');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, '32-map-print');
    const pdf = await page.pdf({ landscape: true, format: 'A4' });
    assert.ok(pdf.length > 1000);
    await page.emulateMedia({ media: 'screen' });
  });
});
