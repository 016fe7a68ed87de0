// What every browser test needs: the server under test, Chromium, a logged-in
// page, axe-core and screenshots. Not a test file itself (no ".test." in the name).
//
// Needs a running server with the demo tenant:
//   FREMDRIFT_DEMO_PASSWORD=... fremdrift --db sqlite:/tmp/x.db serve --listen 127.0.0.1:18181 --demo
//   FREMDRIFT_BASE_URL=http://127.0.0.1:18181 FREMDRIFT_DEMO_PASSWORD=... node --test tests/browser/
// Optional: FREMDRIFT_CHROMIUM (browser path), AXE_VERBOSE=1 (also print axe's
// "needs review" items).

import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

export const BASE_URL = (process.env.FREMDRIFT_BASE_URL || '').replace(/\/+$/, '');
export const PASSWORD = process.env.FREMDRIFT_DEMO_PASSWORD || '';
export const DEMO_ADMIN = 'admin@demo.fremdrift.test';
export const DEMO_PROJECT = 'Sammenhængende hjælp til borgere med komplekse behov';
export const RESULTS = path.join(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..'), 'test-results');
// Unique per run: the database may be reused between runs.
export const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

const CHROMIUM = process.env.FREMDRIFT_CHROMIUM || '/usr/bin/chromium';
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const missing = [];
if (!BASE_URL) missing.push('FREMDRIFT_BASE_URL');
if (!PASSWORD) missing.push('FREMDRIFT_DEMO_PASSWORD');
if (missing.length) {
  throw new Error(`browser tests need ${missing.join(' and ')} (a server started with --demo)`);
}

export const url = (p) => `${BASE_URL}${p}`;

// Every browser this test file launched, so one after() hook can close them all.
const launched = [];

export async function launchBrowser() {
  mkdirSync(RESULTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  launched.push(browser);
  return browser;
}

// For a file's after() hook.
export async function closeBrowsers() {
  await Promise.all(launched.splice(0).map((browser) => browser.close()));
}

// axe-core is injected as an inline script, which the pages' Content-Security-Policy
// forbids: hence bypassCSP.
export async function newContext(browser, { width = 1280, height = 900, ...options } = {}) {
  return browser.newContext({
    viewport: { width, height }, locale: 'da-DK', reducedMotion: 'reduce', bypassCSP: true,
    acceptDownloads: true, ...options,
  });
}

export async function login(page, email = DEMO_ADMIN) {
  await page.goto(url('/login'));
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Adgangskode').fill(PASSWORD);
  await Promise.all([
    page.waitForEvent('load'),
    page.getByRole('button', { name: 'Log ind', exact: true }).click(),
  ]);
  if (new URL(page.url()).pathname.startsWith('/login')) {
    const alert = await page.getByRole('alert').allInnerTexts();
    throw new Error(`login as ${email} failed: ${alert.join(' ') || 'still on the login page'}`);
  }
}

// A new browser context with one page, logged in as `email`.
export async function loggedInPage(browser, { email = DEMO_ADMIN, ...contextOptions } = {}) {
  const context = await newContext(browser, contextOptions);
  const page = await context.newPage();
  await login(page, email);
  return page;
}

// A new browser with one page logged in as `email`: for a file's before() hook.
export async function startLoggedIn(options = {}) {
  return loggedInPage(await launchBrowser(), options);
}

// The hooks of a describe() block whose tests share one logged-in page: `use` gets the
// page before the first test; the browser closes after the last.
export function withLoggedInPage(use, options = {}) {
  before(async () => use(await startLoggedIn(options)));
  after(closeBrowsers);
}

// Opens `path` and switches the layout's language to `lang` with its own form; resolves once
// the page is back in that language.
export async function switchLanguage(page, path, lang) {
  await page.goto(url(path));
  await page.locator('#lang-select').selectOption(lang);
  await Promise.all([
    page.waitForURL((u) => u.pathname === path),
    page.locator('#lang-select').locator('xpath=ancestor::form').getByRole('button').click(),
  ]);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

// Clicks and waits for the page that opens.
export async function clickAndLoad(page, locator) {
  await Promise.all([page.waitForEvent('load'), locator.click()]);
}

export async function follow(page, name, options = {}) {
  await clickAndLoad(page, page.getByRole('link', { name, ...options }));
}

// Opens `from`, follows its link `name` and waits for the page at `path` headed `heading`: how
// a person finds a page, not only its address.
export async function followFrom(page, from, name, path, heading) {
  await page.goto(url(from));
  await follow(page, name);
  assert.equal(new URL(page.url()).pathname, path);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

// Types a step into the map editor's quick entry and adds it with Enter, as a person does: in
// `lane` and with `symbol` when they are given, else where the entry already stands.
export async function typeStep(page, name, { lane, symbol } = {}) {
  const quick = page.locator('[data-role="quick-entry"]');
  if (lane) await quick.getByLabel('Bane').selectOption({ label: lane });
  if (symbol) await quick.getByLabel('Symbol').selectOption(symbol);
  await quick.getByLabel('Nyt trin').fill(name);
  await quick.getByLabel('Nyt trin').press('Enter');
}

// A tab of the project's tab bar (a page may link to the same place under the same name).
export async function followTab(page, name) {
  await clickAndLoad(page, page.locator('nav.project-tabs').getByRole('link', { name, exact: true }));
}

export async function press(page, name, options = {}) {
  await clickAndLoad(page, page.getByRole('button', { name, ...options }));
}

// Clicks `locator` and waits for the download it starts.
export async function download(page, locator) {
  const [file] = await Promise.all([page.waitForEvent('download'), locator.click()]);
  return file;
}

// Follows the download link `name`; returns the file's suggested name and its text.
export async function downloadText(page, name) {
  const file = await download(page, page.getByRole('link', { name }));
  return { filename: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

// Opens the demo project from the project list, then the tab named `tab` if given, and,
// given a `section`, waits for that section's heading.
export async function openDemoProject(page, section, tab) {
  await page.goto(url('/projects'));
  await follow(page, DEMO_PROJECT, { exact: true });
  if (tab) await followTab(page, tab);
  if (section) await page.getByRole('heading', { level: 2, name: section }).waitFor();
}

export async function screenshot(page, name) {
  await page.screenshot({ path: path.join(RESULTS, `${name}.png`), fullPage: true });
}

// Runs axe-core on the current page and fails on serious or critical violations,
// printing them all so the failure says what to fix.
export async function assertAccessible(page, name) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    AXE_TAGS,
  );
  const format = (v) =>
    `[${v.impact}] ${v.id}: ${v.help}\n  ${v.helpUrl}\n` +
    v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${(n.failureSummary || '').replace(/\n/g, '\n      ')}`).join('\n');
  const minor = result.violations.filter((v) => !['serious', 'critical'].includes(v.impact));
  if (minor.length) {
    console.log(`axe (${name}): minor/moderate findings:\n${minor.map(format).join('\n')}`);
  }
  if (process.env.AXE_VERBOSE && result.incomplete.length) {
    console.log(`axe (${name}): needs review:\n${result.incomplete.map(format).join('\n')}`);
  }
  const serious = result.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
  assert.equal(
    serious.length,
    0,
    `axe found serious/critical violations on ${name} (${page.url()}):\n${serious.map(format).join('\n')}`,
  );
}
