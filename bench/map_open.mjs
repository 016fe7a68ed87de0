// Times opening a large workflow map in the map editor (bpmn-js) in Chromium:
// from navigation until the map is drawn, as the page itself reports it.
//
//   node bench/map_open.mjs BASE_URL EMAIL PASSWORD MAP.bpmn [RUNS]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const [base, email, password, file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 7);

const browser = await chromium.launch({ executablePath: process.env.FREMDRIFT_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
const api = context.request;
const session = await api.post(`${base}/api/v1/session`, { data: { email, password } });
if (!session.ok()) throw new Error(`login failed: ${session.status()}`);
const csrf = (await session.json()).csrf_token;
const headers = { 'X-CSRF-Token': csrf };
const project = await (await api.post(`${base}/api/v1/projects`, { headers, data: { title: 'Benchmark', template: 'kl-workflow' } })).json();
const created = await api.post(`${base}/api/v1/projects/${project.id}/maps`,
  { headers, data: { kind: 'as_is', title: 'Stort kort', bpmn: readFileSync(file, 'utf8') } });
if (!created.ok()) throw new Error(`import failed: ${created.status()} ${await created.text()}`);
const map = await created.json();
const page = await context.newPage();
const times = [];
for (let i = 0; i < runs; i += 1) {
  await page.goto(`${base}/projects/${project.id}/maps/${map.id}`);
  await page.locator('[data-map-editor][data-loaded-ms]').waitFor({ timeout: 60000 });
  times.push(Number(await page.locator('[data-map-editor]').getAttribute('data-loaded-ms')));
}
await browser.close();
times.sort((a, b) => a - b);
console.log(JSON.stringify({ steps: map.metrics.steps, runs, median_ms: times[Math.floor(times.length / 2)], min_ms: times[0], max_ms: times[times.length - 1] }));
