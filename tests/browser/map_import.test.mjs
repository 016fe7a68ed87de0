// Browser test for maps from other tools (issue 13): a file carrying content bpmn-js does
// not model (an unknown element outside extensionElements, outMessageRef and prefixed
// references) is imported, saved from the editor unchanged and after moving a step, and
// "Hent BPMN" gives the stored text. Environment: see support.mjs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { download, press, screenshot, url, withLoggedInPage } from './support.mjs';

const SAMPLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'maps', 'samples', 'imported_foreign.bpmn');
const TITLE = `Import ${Date.now().toString(36)}`;

let page;
let projectPath;

async function storedXml() {
  return page.evaluate(async () => {
    const id = document.querySelector('[data-map-editor]').dataset.mapId;
    return (await fetch(`/api/v1/maps/${id}/bpmn`)).text();
  });
}

// A new map of the project from a file, through the form; waits for the editor.
async function importMap(title, file) {
  await page.goto(url(`${projectPath}/maps`));
  await page.getByLabel('Titel', { exact: true }).fill(title);
  await page.locator('#map-import').setInputFiles(file);
  await page.waitForFunction(() => document.querySelector('#map-bpmn').value.length > 0);
  await press(page, 'Opret', { exact: true });
  await page.locator('.djs-container').waitFor();
}

function assertForeignContent(xml) {
  assert.match(xml, /<other:costCentre id="_cc" code="4711">/);
  assert.match(xml, /<bpmn2:outMessageRef>bpmn2:_msg_out<\/bpmn2:outMessageRef>/);
  assert.match(xml, /sourceRef="bpmn2:_citizen"/);
  assert.match(xml, /targetRef="bpmn2:_task1"/);
  assert.match(xml, /other:weight="3"/);
  assert.match(xml, /<bpmndi:BPMNDiagram id="_d2" name="Overblik">/);
}

describe('maps from other tools', () => {
  withLoggedInPage((p) => { page = p; }, { width: 1400 });

  test('an imported file keeps what bpmn-js does not model through saves and export', async () => {
    // The project through the API: this file is about the maps.
    await page.goto(url('/projects'));
    const projectId = await page.evaluate(async (title) => {
      const response = await fetch('/api/v1/projects', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': document.querySelector('input[name="_csrf"]').value },
        body: JSON.stringify({ title, template: 'kl-workflow' }),
      });
      return (await response.json()).id;
    }, TITLE);
    projectPath = `/projects/${projectId}`;
    await importMap('Fra et andet værktøj', SAMPLE);
    await page.waitForFunction(() => window.fremdriftModeler?.get('elementRegistry').get('_task1'));
    // A form's textarea sends its lines ending in CR LF.
    const original = readFileSync(SAMPLE, 'utf8').replace(/\n/g, '\r\n');
    assert.equal(await storedXml(), original);

    // "Hent BPMN" is the stored file as it came.
    const file = await download(page, page.getByRole('button', { name: 'Hent BPMN' }));
    assert.equal(readFileSync(await file.path(), 'utf8'), original);

    // Saved unchanged: bpmn-js drops the unknown content and the message flow's
    // prefixed ends, the server keeps them.
    await page.getByRole('button', { name: 'Gem', exact: true }).click();
    await page.getByText(/Gemt som version 2/).waitFor();
    const unchanged = await storedXml();
    assertForeignContent(unchanged);
    assert.match(unchanged, /<dc:Bounds x="260" y="180" width="100" height="80"/);

    // A step moved 60 px to the right.
    await page.evaluate(() => {
      const modeler = window.fremdriftModeler;
      const step = modeler.get('elementRegistry').get('_task1');
      modeler.get('modeling').moveElements([step], { x: 60, y: 0 });
    });
    await page.getByRole('button', { name: 'Gem', exact: true }).click();
    await page.getByText(/Gemt som version 3/).waitFor();
    const moved = await storedXml();
    assertForeignContent(moved);
    assert.match(moved, /bpmnElement="_task1">\s*<dc:Bounds x="320" y="180"/);
    await screenshot(page, '35-map-imported-and-saved');
  });

  test('a windows-1252 file is read in its encoding and a shape of nothing is left out', async () => {
    const xml = `<?xml version="1.0" encoding="windows-1252"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="D" targetNamespace="urn:t">
  <bpmn:process id="P"><bpmn:task id="T" name="Visitator – Næstved"/></bpmn:process>
  <bpmndi:BPMNDiagram id="Dia"><bpmndi:BPMNPlane id="Pl" bpmnElement="P">
    <bpmndi:BPMNShape id="T_di" bpmnElement="T"><dc:Bounds x="200" y="100" width="100" height="80"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Ghost_di" bpmnElement="Ghost"><dc:Bounds x="9" y="9" width="9" height="9"/></bpmndi:BPMNShape>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'map-')), 'cp1252.bpmn');
    writeFileSync(file, Buffer.from(xml.replace('–', '\x96').replace('æ', '\xe6'), 'latin1'));
    await importMap('Fra Windows', file);
    await page.getByText('De er udeladt af kortet').waitFor();
    assert.equal(await page.locator('[data-role="left-out"] code').innerText(), 'Ghost_di');
    const name = await page.evaluate(() => window.fremdriftModeler.get('elementRegistry').get('T').businessObject.name);
    assert.equal(name, 'Visitator – Næstved');
    await screenshot(page, '36-map-import-left-out');
  });

  test('pinning an idea says so when it saved the map first', async () => {
    // On the map from the last test: a moved step leaves the map unsaved.
    await page.evaluate(() => {
      const modeler = window.fremdriftModeler;
      const step = modeler.get('elementRegistry').get('T');
      modeler.get('modeling').moveElements([step], { x: 40, y: 0 });
      modeler.get('selection').select(step);
    });
    const status = page.locator('[data-role="idea-status"]');
    await page.getByLabel('Idéen').fill('Visitationen samles ét sted');
    await page.getByRole('button', { name: 'Tilføj idé' }).click();
    await page.getByText('Kortet blev gemt som version 2 først').waitFor();
    assert.equal(await status.innerText(),
      'Idéen er tilføjet. Kortet blev gemt som version 2 først, så idéen kan sidde på det nye trin.');
    // Nothing unsaved: no version, no such notice.
    await page.getByLabel('Idéen').fill('Og med én indgang');
    await page.getByRole('button', { name: 'Tilføj idé' }).click();
    await page.locator('.idea-badge', { hasText: '2' }).waitFor();
    assert.equal(await status.innerText(), 'Idéen er tilføjet.');
  });
});
