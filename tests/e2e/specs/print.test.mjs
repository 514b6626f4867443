// A printed report a collège can file: every page names the commune and the date and counts
// « page n / N », sections follow on instead of leaving pages mostly empty, the bar chart and
// the roadmap's owners are in it, and it reads on a phone without sideways scrolling.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { useApp, openPage, assertClean, createAssessment, answerPillar, PILLARS, resultsDir } from "../lib/harness.mjs";

const app = useApp();

/** The @page rules of the document, as CSS text. */
const pageRules = (page) =>
  page.evaluate(() =>
    [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules].filter((r) => r instanceof CSSPageRule).map((r) => r.cssText)));

test("the report prints with a running head and page n / N, in few pages, with the bar chart", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await openPage(context, app.server.url);
  await createAssessment(page, app.server.url, "Thuin");
  await page.fill("#date", "2026-11-20");
  for (const [p, pillar] of PILLARS.entries()) await answerPillar(page, app.server.url, pillar, (_, i) => ((i + p) % 5) + 1);
  await page.goto(`${app.server.url}outils/#/rapport`);
  await page.locator("[data-testid=report] [data-testid=report-bars] svg").waitFor();

  const rules = (await pageRules(page)).join("\n");
  assert.match(rules, /Thuin · Autodiagnostic territoire intelligent · 20\/11\/2026/);
  assert.match(rules, /counter\(page\).*counter\(pages\)/s);

  await page.emulateMedia({ media: "print" });
  const forced = await page.evaluate(() =>
    [...document.querySelectorAll(".report section")].filter((s) => getComputedStyle(s).breakBefore === "page").length);
  assert.equal(forced, 0, "no section forces a new page");
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  fs.writeFileSync(path.join(resultsDir(), "report-thuin.pdf"), pdf);
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
  // Thuin's answers draft a roadmap on all three horizons, with its long-term CeM training.
  assert.ok(pages >= 3 && pages <= 9, `${pages} A4 pages`);
  await page.emulateMedia({ media: "screen" });

  // Leaving the report takes its running head away: another screen prints without it.
  await page.goto(`${app.server.url}outils/#/resultats`);
  await page.locator("[data-testid=radar-chart] svg").waitFor();
  assert.doesNotMatch((await pageRules(page)).join("\n"), /Thuin/);

  // On a phone the report reads without sideways scrolling.
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(`${app.server.url}outils/#/rapport`);
  await page.locator("[data-testid=report] [data-testid=report-bars] svg").waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the report scrolls sideways by ${overflow}px at 375 px`);
  await assertClean(page);
  await context.close();
});

test("the report's profile says how many questions are answered and whether the diagnostic is complete", async () => {
  const context = await app.browser.isolated();
  const page = await openPage(context, app.server.url);
  await createAssessment(page, app.server.url, "Lobbes");
  await answerPillar(page, app.server.url, "mobilite", 3);
  const answered = async () => {
    await page.goto(`${app.server.url}outils/#/rapport`);
    const lead = page.locator("[data-testid=report] .lead");
    await lead.waitFor();
    // IGRETEC reads which référentiel the answers were given under.
    assert.match(await lead.textContent(), /avec Autodiag, référentiel \d+\.\d+\.\d+\. Questions répondues : /);
    return (await lead.locator("[data-testid=report-completion]").textContent()).trim();
  };
  assert.equal(await answered(), "8 / 47 · Diagnostic en cours");
  for (const pillar of PILLARS.slice(1)) await answerPillar(page, app.server.url, pillar, "unknown");
  assert.equal(await answered(), "47 / 47 · Diagnostic complet");
  await assertClean(page);
  await context.close();
});

test("results and roadmap agree on a default objective; the printed roadmap drops the screen's hint and unfolds its acronyms", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await openPage(context, app.server.url);
  await createAssessment(page, app.server.url, "Lobbes");
  await answerPillar(page, app.server.url, "gouvernance", 2);
  // No objective chosen: the roadmap works towards 4, and the results table says so too.
  await page.goto(`${app.server.url}outils/#/resultats`);
  await page.locator("[data-testid=radar-chart] svg").waitFor();
  const governance = page.locator("table.data-table tr", { has: page.locator("th", { hasText: /^Gouvernance$/ }) }).first();
  assert.match(await governance.textContent(), /4 · Intégré \(par défaut\)/);
  // The colour key prints its colours, which Chromium's default print settings leave out.
  await page.emulateMedia({ media: "print" });
  const swatches = await page.$$eval(".band-key__swatch", (spans) => spans.map((s) => getComputedStyle(s).printColorAdjust));
  assert.ok(swatches.length === 5 && swatches.every((a) => a === "exact"), swatches.join(" "));
  await page.emulateMedia({ media: "screen" });
  await page.goto(`${app.server.url}outils/#/feuille-de-route`);
  const focus = page.locator("[data-testid=focus-pillars] li").first();
  await focus.waitFor();
  assert.match(await focus.textContent(), /objectif 4 · Intégré \(objectif par défaut\), importance « \S+ » — changez-le sur la page du pilier/);
  await page.emulateMedia({ media: "print" });
  assert.doesNotMatch(await focus.innerText(), /changez-le/);
  const glossary = page.locator("[data-testid=glossary]").first();
  assert.equal(await glossary.evaluate((d) => d.open), false, "folded on the screen");
  assert.ok(await glossary.locator("dl").isVisible(), "unfolded on paper");
  // Nor the toggle's arrow: on paper the heading is only a heading.
  assert.equal(await glossary.locator("summary").evaluate((s) => getComputedStyle(s).listStyleType), "none");
  await page.emulateMedia({ media: "screen" });
  await assertClean(page);
  await context.close();
});
