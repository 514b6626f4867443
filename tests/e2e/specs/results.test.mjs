// Maturity per pillar: charts that update, their tables, and their SVG and PNG downloads.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { useApp, openPage, assertClean, createAssessment, answerPillar, openPillar, PILLARS, resultsDir, downloadText, expectText } from "../lib/harness.mjs";

const app = useApp();

async function answeredAssessment(page, name) {
  await createAssessment(page, app.server.url, name);
  for (const [p, pillar] of PILLARS.entries()) {
    await answerPillar(page, app.server.url, pillar, (_, i) => (p === 2 ? "unknown" : ((i + p) % 4) + 1));
  }
}

test("the results page shows the radar, the bars and their tables", async () => {
  const page = await openPage(app.browser, app.server.url);
  await answeredAssessment(page, "Fleurus");
  await page.goto(`${app.server.url}outils/#/resultats`);
  await page.waitForSelector("[data-testid=radar-chart] svg");
  const radar = page.locator("[data-testid=radar-chart] svg");
  assert.equal(await radar.getAttribute("role"), "img");
  assert.match(await radar.getAttribute("aria-label"), /Fleurus/);
  assert.equal(await page.locator("[data-testid=radar-chart] table tbody tr").count(), 6);
  assert.match(await page.textContent("[data-testid=radar-chart] table"), /non évalué/, "Économie has only « je ne sais pas »");
  assert.match(await page.textContent("[data-testid=how-computed]"), /\(N − 1\) \/ 4 × 100/);
  // What the score measures comes first: policies, not only digital tools.
  assert.match(await page.textContent("[data-testid=how-computed] li"), /^Ce score dit comment la commune mène chaque politique du territoire intelligent, pas seulement où en sont ses outils numériques\.$/);
  for (const [width, height, name] of [[1920, 1080, "results-1920.png"], [375, 812, "results-375.png"]]) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: path.join(resultsDir(), name), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at ${width}px (${overflow}px)`);
  }
  await assertClean(page);
});

test("an answer change redraws the live chart and the progress at once", async () => {
  const page = await openPage(app.browser, app.server.url);
  await createAssessment(page, app.server.url, "Farciennes");
  await openPillar(page, app.server.url, "gouvernance");
  const before = await page.innerHTML("[data-testid=live-chart]");
  await page.click('[data-testid="gou_pilotage-5"]');
  await page.waitForFunction((old) => document.querySelector("[data-testid=live-chart]").innerHTML !== old, before);
  // One answer of eight: the score is there, but not yet a level to trust.
  assert.match(await page.textContent("[data-testid=live-chart]"), /Gouvernance100 · à confirmer/);
  await expectText(page, "[data-testid=progress-gouvernance]", "1 / 8");
  // From half of the pillar's questions, the level is named.
  const questions = await page.locator("fieldset.question").evaluateAll((all) => all.map((f) => f.id));
  for (const question of questions.slice(1, 4)) await page.click(`[data-testid="${question}-5"]`);
  await page.waitForFunction(() => /Gouvernance100 · Exemplaire/.test(document.querySelector("[data-testid=live-chart]").textContent));
  // One pillar of six: the overall figure says what it covers.
  await expectText(page, "[data-testid=live-overall]", "Score global : 100 / 100 (sur 1 pilier évalué sur 6)");
  await assertClean(page);
});

test("the results' bars give a score resting on few answers no level, as the radar and the tables do", async () => {
  const page = await openPage(app.browser, app.server.url);
  await createAssessment(page, app.server.url, "Farciennes");
  await openPillar(page, app.server.url, "gouvernance");
  await page.click('[data-testid="gou_pilotage-5"]');
  await page.waitForFunction(() => /Gouvernance100 · à confirmer/.test(document.querySelector("[data-testid=live-chart]").textContent));
  await page.goto(`${app.server.url}outils/#/resultats`);
  await page.waitForSelector("[data-testid=bars-chart] svg");
  const bars = await page.textContent("[data-testid=bars-chart] svg");
  assert.match(bars, /100 · à confirmer/);
  assert.doesNotMatch(bars, /Exemplaire/);
  // The file a DG pastes into a note says the same.
  assert.match((await downloadText(page, "[data-testid=bars-chart-svg]")).text, /100 · à confirmer/);
  await assertClean(page);
});

test("each chart downloads as a valid SVG and a PNG of the right size", async () => {
  const page = await openPage(app.browser, app.server.url);
  await answeredAssessment(page, "Gerpinnes");
  await page.goto(`${app.server.url}outils/#/resultats`);
  await page.waitForSelector("[data-testid=radar-chart] svg");
  const svg = await downloadText(page, "[data-testid=radar-chart-svg]");
  assert.match(svg.name, /^autodiag-gerpinnes-radar\.svg$/);
  // A pillar's detail is named after the commune and the pillar shown.
  assert.equal((await downloadText(page, "[data-testid=breakdown-chart-svg]")).name, "autodiag-gerpinnes-detail-mobilite.svg");
  await page.selectOption("[data-testid=breakdown-pillar]", "4");
  assert.equal((await downloadText(page, "[data-testid=breakdown-chart-svg]")).name, "autodiag-gerpinnes-detail-gouvernance.svg");
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    return { error: doc.querySelector("parsererror") !== null, root: doc.documentElement.nodeName, width: doc.documentElement.getAttribute("width") };
  }, svg.text);
  assert.deepEqual(parsed, { error: false, root: "svg", width: "720" });

  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=radar-chart-png]")]);
  const png = fs.readFileSync(await download.path());
  assert.equal(png.subarray(1, 4).toString(), "PNG");
  assert.equal(png.readUInt32BE(16), 1440, "twice the chart's width");
  assert.equal(png.readUInt32BE(20), 1200, "twice the chart's height");
  await assertClean(page);
});
