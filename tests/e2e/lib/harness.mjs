// Shared helpers for the end-to-end tests: a static server for dist/, Debian's Chromium
// through playwright-core, and checks that every page stays free of errors.
import { chromium } from "playwright-core";
import http from "node:http";
import fs from "node:fs";
import zlib from "node:zlib";
import path from "node:path";
import assert from "node:assert/strict";
import { before, after, beforeEach, afterEach } from "node:test";

export const DIST = process.env.AUTODIAG_DIST ?? path.resolve("../../dist");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
};

/** Serves `root` on 127.0.0.1 like any plain static file server. */
/** A text file of dist/ as JSON: a release build ships them compressed (post-build.sh). */
export function readDistJson(file, dist = DIST) {
  return JSON.parse(unpacked(fs.readFileSync(path.join(dist, file))));
}

/** The text of a file that may ship compressed with gzip or zopfli. */
export function unpacked(bytes) {
  return (bytes[0] === 0x1f ? zlib.gunzipSync(bytes) : bytes).toString("utf8");
}

export async function serve(root = DIST) {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, "http://localhost");
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    fs.readFile(file, (error, body) => {
      if (error) {
        response.writeHead(404).end("not found");
        return;
      }
      response.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" });
      response.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Launches Debian's Chromium, headless, with a fresh temporary profile, and returns a browser
 * context; `context.isolated()` opens another context with its own empty storage.
 */
export async function launch() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const options = { acceptDownloads: true, viewport: { width: 1280, height: 900 }, locale: "fr-BE" };
  const context = await browser.newContext(options);
  context.isolated = (extra = {}) => browser.newContext({ ...options, ...extra });
  context.owner = browser;
  return context;
}

export async function closeBrowser(context) {
  await context.owner.close();
}

/**
 * For one spec file: serves dist/ and launches Chromium before its tests, and closes both
 * after them. Read `app.server` and `app.browser` inside tests, once they are set.
 */
export function useApp() {
  const app = {};
  before(async () => {
    app.server = await serve();
    app.browser = await launch();
  });
  beforeEach(() => {
    openedInTest.length = 0;
  });
  // A failure far from the page (a wait that times out) says little on its own: what each page
  // of the test showed, logged and last loaded is printed, and each is photographed.
  afterEach(async (t) => {
    if (!t.passed) await describePages(t.name);
  });
  after(async () => {
    await closeBrowser(app.browser);
    await app.server.close();
  });
  return app;
}

/**
 * Opens a new page that records page errors, console errors, CSP violations and any request
 * leaving the app's origin.
 */
export async function openPage(context, origin) {
  const page = await context.newPage();
  openedInTest.push(page);
  const problems = { errors: [], csp: [], foreign: [], log: [] };
  page.on("console", (message) => problems.log.push(`${message.type()}: ${message.text()}`.slice(0, 300)));
  page.on("framenavigated", (frame) => frame === page.mainFrame() && problems.log.push(`navigated: ${frame.url()}`));
  page.on("pageerror", (error) => problems.errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.errors.push(`console: ${message.text()}`);
  });
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith("blob:") && !url.startsWith("data:")) problems.foreign.push(url);
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`);
    });
  });
  page.problems = problems;
  return page;
}

/** The pages the running test opened, to describe if it fails. */
const openedInTest = [];

async function describePages(testName) {
  for (const [index, page] of openedInTest.entries()) {
    if (page.isClosed()) continue;
    const main = await page
      .evaluate(() => (document.querySelector("main") ?? document.body)?.innerText.slice(0, 600))
      .catch((error) => `(unreadable: ${error.message})`);
    const shot = path.join(resultsDir(), `failed-${testName.replace(/[^a-z0-9]+/gi, "-").slice(0, 60)}-${index}.png`);
    await page.screenshot({ path: shot }).catch(() => {});
    console.log(
      [`— page ${index} of the failed test « ${testName} »: ${page.url()}`, `screenshot: ${shot}`, `main: ${main}`]
        .concat(page.problems.errors.map((e) => `error: ${e}`), page.problems.log.slice(-25).map((l) => `log ${l}`))
        .join("\n"),
    );
  }
}

/** Fails if the page logged an error, broke the CSP or talked to another origin. */
export async function assertClean(page, { allowErrors = [] } = {}) {
  const csp = await page.evaluate(() => window.__cspViolations ?? []);
  const errors = page.problems.errors.filter((e) => !allowErrors.some((pattern) => pattern.test(e)));
  assert.deepEqual(errors, [], "page or console errors");
  assert.deepEqual(csp, [], "Content-Security-Policy violations");
  assert.deepEqual(page.problems.foreign, [], "requests outside the app's origin");
}

/** Waits until the app has rendered its shell. */
export async function ready(page) {
  await page.waitForSelector("main#main h1", { timeout: 20_000 });
}

/** Creates an assessment from the home page and lands on its profile. */
export async function createAssessment(page, origin, name) {
  await page.goto(`${origin}#/`);
  await ready(page);
  // A returning user finds the form folded under « Nouvelle évaluation pour une autre commune ».
  const folded = page.locator("details[data-testid=new-assessment]:not([open]) summary");
  if (await folded.count()) await folded.click();
  await page.fill("#new-commune", name);
  await page.click("[data-testid=create-assessment]");
  // The same commune may already have an assessment in this browser: start a new one anyway.
  await page.waitForFunction(() => location.hash === "#/profil" || document.querySelector("[data-testid=create-anyway]"));
  const anyway = page.locator("[data-testid=create-anyway]");
  if (await anyway.count()) await anyway.click();
  await page.waitForURL(/#\/profil$/);
  await page.waitForSelector("#commune");
}

/** Question ids start with their pillar's prefix. */
export const PREFIX = { mobilite: "mob_", qualite_de_vie: "qdv_", economie: "eco_", energie_environnement: "ene_", gouvernance: "gou_", smart_citizens: "sc_" };

/** Opens a pillar and waits until its own questions are drawn (not the previous page's). */
export async function openPillar(page, origin, pillarId) {
  await page.goto(`${origin}#/pilier/${pillarId}`);
  await page.waitForFunction((prefix) => document.querySelector("fieldset.question")?.id.startsWith(prefix), PREFIX[pillarId]);
}

/** Answers every question of a pillar with `level` (1–5), "unknown" or "na". */
export async function answerPillar(page, origin, pillarId, pick) {
  await openPillar(page, origin, pillarId);
  const questions = await page.$$eval("fieldset.question", (fields) => fields.map((f) => f.id));
  for (const [index, question] of questions.entries()) {
    const value = typeof pick === "function" ? pick(question, index) : pick;
    // null: the question is left blank on purpose (undefined is a pick that forgot a case).
    if (value === null) continue;
    await page.click(`[data-testid="${question}-${value}"]`);
  }
  return questions;
}

export const PILLARS = ["mobilite", "qualite_de_vie", "economie", "energie_environnement", "gouvernance", "smart_citizens"];

/** Reads a download into a string. */
export async function downloadText(page, selector) {
  // The button a person sees, should a screen ever hold a hidden twin.
  const button = page.locator(selector).locator("visible=true").first();
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), text: fs.readFileSync(file, "utf8"), path: file };
}

export function resultsDir() {
  const dir = path.resolve("results");
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Waits until the element's text equals `text`, or matches it when a RegExp (the app updates in a microtask). */
export async function expectText(page, selector, text, timeout = 5_000) {
  const pattern = text instanceof RegExp ? [text.source, text.flags] : null;
  await page.waitForFunction(
    ([sel, expected, pattern]) => {
      const actual = document.querySelector(sel)?.textContent?.trim();
      return pattern ? actual !== undefined && new RegExp(...pattern).test(actual) : actual === expected;
    },
    [selector, pattern ? null : text, pattern],
    { timeout },
  ).catch(async () => {
    const actual = await page.evaluate((sel) => document.querySelector(sel)?.textContent?.trim(), selector);
    throw new Error(`${selector}: expected "${text}", found "${actual}"`);
  });
}
