// Issue 10 in Chromium itself: addresses that carry user content (a map's BPMN with a
// script in its extension elements, exports, calendars, the closing report) are opened
// with the site's real Content-Security-Policy (no bypass) and no script runs; the
// editor's SVG export downloads instead of rendering; a "next" with a tab stays home.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { closeBrowsers, download, launchBrowser, login, newContext, RUN, screenshot, url } from './support.mjs';

const SCRIPT_MAP = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:acme="http://acme.example/x" id="D1" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="Pr1" isExecutable="false">
    <bpmn:extensionElements><acme:note><script xmlns="http://www.w3.org/1999/xhtml">document.cookie='pwned=1; path=/'; fetch('/api/v1/tokens', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{"name":"pwned"}'});</script></acme:note></bpmn:extensionElements>
    <bpmn:startEvent id="S" />
    <bpmn:task id="T1" name="Modtag" />
    <bpmn:endEvent id="E" />
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T1" />
    <bpmn:sequenceFlow id="F2" sourceRef="T1" targetRef="E" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Dia1">
    <bpmndi:BPMNPlane id="Plane1" bpmnElement="Pr1">
      <bpmndi:BPMNShape id="S_di" bpmnElement="S"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="T1_di" bpmnElement="T1"><dc:Bounds x="200" y="78" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="E_di" bpmnElement="E"><dc:Bounds x="360" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="F1_di" bpmnElement="F1"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="F2_di" bpmnElement="F2"><di:waypoint x="300" y="118" /><di:waypoint x="360" y="118" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;

describe('user content never runs in the site', () => {
  let browser;
  let context;
  let page;
  let csrf;
  let projectId;
  let mapId;

  before(async () => {
    browser = await launchBrowser();
    // The real policy: this test must see what a user's browser sees.
    context = await newContext(browser, { bypassCSP: false });
    page = await context.newPage();
    await login(page);
    csrf = (await (await page.request.get(url('/api/v1/me'))).json()).csrf_token;
    const headers = { 'X-CSRF-Token': csrf };
    const project = await page.request.post(url('/api/v1/projects'), {
      data: { title: `Sikkerhed ${RUN}`, template: 'kl-workflow' }, headers,
    });
    assert.equal(project.status(), 201, await project.text());
    projectId = (await project.json()).id;
    const map = await page.request.post(url(`/api/v1/projects/${projectId}/maps`), {
      data: { kind: 'as_is', title: 'Kort med script' }, headers,
    });
    assert.equal(map.status(), 201, await map.text());
    mapId = (await map.json()).id;
    const saved = await page.request.put(url(`/api/v1/maps/${mapId}/bpmn`), {
      data: SCRIPT_MAP,
      headers: { ...headers, 'Content-Type': 'application/xml', 'If-Match': '"1"' },
    });
    assert.equal(saved.status(), 200, await saved.text());
    const action = await page.request.post(url(`/api/v1/projects/${projectId}/actions`), {
      data: { task: "<script>document.cookie='pwned=1; path=/'</script>" }, headers,
    });
    assert.equal(action.status(), 201, await action.text());
  });
  after(closeBrowsers);

  async function tokenCount() {
    const tokens = await (await page.request.get(url('/api/v1/tokens'))).json();
    return tokens.items.length;
  }

  test('opening each download address runs no script', async () => {
    const tokensBefore = await tokenCount();
    const addresses = [
      `/api/v1/maps/${mapId}/bpmn`,
      `/api/v1/projects/${projectId}/actions.csv`,
      `/api/v1/projects/${projectId}/actions.xlsx`,
      `/api/v1/projects/${projectId}/meetings.ics`,
      '/api/v1/portfolio.csv',
      `/projects/${projectId}/closing-report?download=1`,
    ];
    for (const address of addresses) {
      const tab = await context.newPage();
      const pending = tab.waitForEvent('download', { timeout: 5000 }).catch(() => null);
      // An attachment aborts the navigation and becomes a download.
      await tab.goto(url(address)).catch(() => null);
      const file = await pending;
      assert.ok(file, `${address} was not downloaded`);
      await tab.waitForTimeout(200);
      await tab.close();
    }
    const cookies = await context.cookies();
    assert.equal(cookies.find((c) => c.name === 'pwned'), undefined, 'a script set a cookie');
    assert.equal(await tokenCount(), tokensBefore, 'a script created an API token');
  });

  test('the map editor shows the map and exports SVG as a download', async () => {
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url(`/projects/${projectId}/maps/${mapId}`));
    await page.locator('[data-role="canvas"] svg').first().waitFor();
    await page.locator('[data-loaded-ms]').waitFor({ state: 'attached' });
    const svg = await download(page, page.locator('[data-action="export-svg"]'));
    assert.match(svg.suggestedFilename(), /\.svg$/);
    await screenshot(page, '90-security-map-with-script');
    assert.deepEqual(errors, []);
    const cookies = await context.cookies();
    assert.equal(cookies.find((c) => c.name === 'pwned'), undefined);
  });

  test('a "next" address with a tab in it stays on the site', async () => {
    await page.goto(url('/login'));
    await Promise.all([
      page.waitForEvent('load'),
      page.evaluate((token) => {
        const form = document.createElement('form');
        form.method = 'post';
        form.action = '/lang';
        for (const [name, value] of [['_csrf', token], ['lang', 'da'], ['next', '/\t/evil.example']]) {
          const input = document.createElement('input');
          input.type = 'hidden';
          input.name = name;
          input.value = value;
          form.appendChild(input);
        }
        document.body.appendChild(form);
        form.submit();
      }, csrf),
    ]);
    assert.equal(new URL(page.url()).host, new URL(url('/')).host);
  });
});
