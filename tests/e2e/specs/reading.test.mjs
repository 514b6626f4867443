// Reading the results as a commune official does: the score said once, each pillar's own
// strong and weak points, dates as dd/mm/yyyy, real plurals, a focus ring that is not an
// error, and the roadmap as the next step.
import { test } from "node:test";
import path from "node:path";
import assert from "node:assert/strict";
import { useApp, openPage, assertClean, createAssessment, answerPillar, openPillar, PILLARS, resultsDir } from "../lib/harness.mjs";

const app = useApp();

test("« Score global » says the number once, and each pillar names its strongest and weakest question", async () => {
  const context = await app.browser.isolated();
  const page = await openPage(context, app.server.url);
  await createAssessment(page, app.server.url, "Chimay");
  // Mobilité and Qualité de vie: levels 5, 1, 3, 3…; Économie all at 3 (nothing stands out).
  await answerPillar(page, app.server.url, "mobilite", (_, i) => [5, 1][i] ?? 3);
  await answerPillar(page, app.server.url, "qualite_de_vie", (_, i) => [5, 1][i] ?? 3);
  await answerPillar(page, app.server.url, "economie", 3);
  await page.goto(`${app.server.url}outils/#/resultats`);
  const overall = page.locator("[data-testid=overall-score]");
  await overall.waitFor();
  const text = (await overall.textContent()).replace(/\s+/g, " ").trim();
  const match = text.match(/^Score global : (\d+) \/ 100 · (\S.*)$/);
  assert.ok(match, text);
  assert.equal(text.split(match[1]).length - 1, 1, `the score appears once: ${text}`);

  const standouts = page.locator("[data-testid=interpretations] [data-testid=standouts]");
  assert.equal(await standouts.count(), 2, "only the pillars whose answers differ");
  assert.match(await standouts.first().textContent(), /^Point fort : « .+ » \(5 · [^)]+\)\. À renforcer : « .+ » \(1 · [^)]+\)\.$/);
  // The three share a band (50): its paragraph is read once, under Mobilité, which names the
  // others; Qualité de vie reads its own points, Économie, with none, where to look.
  const meanings = await page.locator("[data-testid=interpretations] dd").allTextContents();
  assert.ok(meanings[0].length > 80, meanings[0]);
  assert.match(meanings[0], / Vaut aussi pour : Qualité de vie, Économie\.Point fort : /);
  assert.match(meanings[1], /^Point fort : /);
  assert.equal(meanings[2], "Voir Mobilité ci-dessus.");
  assert.doesNotMatch(meanings.join(" "), /Même constat/);
  // The natural next step is the one primary button of the row; « Avant / après » waits for a
  // second diagnostic of the commune.
  assert.match(await page.locator("[data-testid=to-roadmap]").getAttribute("class"), /button--primary/);
  assert.equal(await page.locator("[data-testid=results-compare]").count(), 0);
  await assertClean(page);
  await context.close();
});

test("the focus ring is blue, never the red of an error, and the target select keeps its height", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 768 } });
  const page = await openPage(context, app.server.url);
  await createAssessment(page, app.server.url, "Lobbes");
  await page.fill("#nis", "12");
  await page.locator("#nis").blur();
  await page.waitForSelector("#nis[aria-invalid=true]");
  const colours = await page.evaluate(() => {
    const nis = document.querySelector("#nis");
    const error = getComputedStyle(nis).borderColor;
    return { error };
  });
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineColor);
  assert.equal(ring, "rgb(29, 78, 216)");
  assert.notEqual(ring, colours.error);

  await openPillar(page, app.server.url, "mobilite");
  const target = page.locator(".priority__target select");
  const { height } = await target.boundingBox();
  assert.ok(height < 60, `the target select is ${height}px tall`);
  // Nothing chosen, the select says what the roadmap aims at: the default level, named.
  assert.equal(await target.locator("option").first().textContent(), "Par défaut : 4 · Intégré");
  assert.match(await page.textContent(".priority__importance .hint"), /Par défaut, un pilier est d'importance moyenne\.$/);
  await context.close();
});

test("dates read dd/mm/yyyy wherever the French interface shows one", async () => {
  const context = await app.browser.isolated();
  const page = await openPage(context, app.server.url);
  await createAssessment(page, app.server.url, "Walcourt");
  await page.fill("#date", "2025-06-12");
  await answerPillar(page, app.server.url, "mobilite", 2);
  await createAssessment(page, app.server.url, "Walcourt");
  await answerPillar(page, app.server.url, "mobilite", 4);
  await page.goto(`${app.server.url}outils/#/resultats`);
  await page.locator("[data-testid=compare-with] option").nth(1).waitFor({ state: "attached" });
  const options = await page.locator("[data-testid=compare-with] option").allTextContents();
  assert.ok(options.some((o) => o.startsWith("12/06/2025")), options.join(" | "));
  assert.ok(!options.some((o) => /\d{4}-\d{2}-\d{2}/.test(o)), options.join(" | "));
  // Before / after, too, which the results now offer.
  await page.click("[data-testid=results-compare]");
  await page.waitForURL(/outils\/#\/comparer$/);
  await page.locator("main select option").first().waitFor({ state: "attached" });
  const compared = await page.locator("main").innerText();
  assert.match(compared, /12\/06\/2025/);
  assert.doesNotMatch(compared, /\d{4}-\d{2}-\d{2}/);
  await assertClean(page);
  await context.close();
});

test("chart text is at least 12 px as shown, at 1366, 1280 and 375 px, and tables never clip", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 768 } });
  const page = await openPage(context, app.server.url);
  await createAssessment(page, app.server.url, "Fleurus");
  for (const [p, pillar] of PILLARS.entries()) await answerPillar(page, app.server.url, pillar, (_, i) => ((i + p) % 5) + 1);
  // A note in the answers' table, which a phone once cut off at its edge.
  await openPillar(page, app.server.url, "mobilite");
  await page.fill("#note-mob_pcm", "PCM adopté en 2019 avec la commune voisine, à actualiser avant la fin de la législature");
  await page.locator("#note-mob_pcm").blur();
  await page.goto(`${app.server.url}outils/#/resultats`);
  await page.waitForSelector("[data-testid=bars-chart] svg");
  for (const [width, height] of [[1366, 768], [1280, 720], [375, 812]]) {
    await page.setViewportSize({ width, height });
    // The charts redraw at their new width.
    await page.waitForTimeout(300);
    const smallest = await page.evaluate(() =>
      [...document.querySelectorAll(".chart__svg svg")].flatMap((svg) => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll("text")].map((t) => ({ size: parseFloat(t.getAttribute("font-size")) * scale, text: t.textContent }));
      }).sort((a, b) => a.size - b.size)[0]);
    assert.ok(smallest.size >= 11.9, `${width}px: « ${smallest.text} » shows at ${smallest.size.toFixed(1)}px`);
    // A table wider than its column scrolls inside it; the page itself never scrolls sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${width}px: the page scrolls sideways by ${overflow}px`);
    const clipped = await page.evaluate(() =>
      [...document.querySelectorAll(".chart__table")].filter((box) => getComputedStyle(box).overflowX !== "auto" && box.scrollWidth > box.clientWidth).length);
    assert.equal(clipped, 0);
    // The answers and their notes never need a sideways scroll: on a phone each row stacks.
    const breakdown = await page.$eval("[data-testid=breakdown-chart] .chart__table", (box) => box.scrollWidth - box.clientWidth);
    assert.ok(breakdown <= 0, `${width}px: the answers' table scrolls sideways by ${breakdown}px`);
    const note = page.locator("[data-testid=breakdown-table] td", { hasText: "PCM adopté en 2019" });
    if (width === 375) assert.match(await note.evaluate((td) => getComputedStyle(td, "::before").content), /Note/);
    // Each level of the colour key reads on one line, « 2 · Exploratoire » never split.
    const split = await page.$$eval(".band-key li strong", (names) =>
      names.filter((name) => name.getBoundingClientRect().height > 1.6 * parseFloat(getComputedStyle(name).fontSize) * 1.5).map((name) => name.textContent));
    assert.deepEqual(split, [], `${width}px: level names on two lines`);
    await page.screenshot({ path: path.join(resultsDir(), `results-charts-${width}.png`) });
    for (const chart of ["radar-chart", "bars-chart"]) {
      await page.locator(`[data-testid=${chart}] .chart__svg`).screenshot({ path: path.join(resultsDir(), `${chart}-${width}.png`) });
    }
  }
  await assertClean(page);
  await context.close();
});

test("the territory view is named for IGRETEC and sits with the facilitator and IGRETEC tools", async () => {
  const context = await app.browser.isolated();
  const page = await openPage(context, app.server.url);
  await createAssessment(page, app.server.url, "Anderlues");
  assert.equal((await page.locator(".site-nav a[href*=territoire]").textContent()).trim(), "Vue territoire (IGRETEC)");
  await page.goto(`${app.server.url}outils/#/evaluations`);
  const tools = page.locator("section[aria-labelledby=tools-title]");
  await tools.waitFor();
  assert.equal(await tools.locator("h2").textContent(), "Outils pour l'animateur et pour IGRETEC");
  assert.equal(await tools.locator("[data-testid=to-territory]").textContent(), "Vue territoire (IGRETEC)");
  await assertClean(page);
  await context.close();
});

test("acronyms: explained at their first use on a pillar page, and listed on the results and the roadmap", async () => {
  const context = await app.browser.isolated();
  const page = await openPage(context, app.server.url);
  await createAssessment(page, app.server.url, "Seneffe");
  await openPillar(page, app.server.url, "mobilite");
  const pillarText = await page.locator("form.questions").innerText();
  const first = pillarText.indexOf("ODWB");
  assert.ok(first > 0, "ODWB is used on the Mobilité page");
  assert.equal(pillarText.slice(first, first + 35), "ODWB (Open Data Wallonie-Bruxelles)");
  for (const pillar of PILLARS) await answerPillar(page, app.server.url, pillar, (q) => (q === "mob_pmr" ? "unknown" : 2));
  for (const [screen, acronym, meaning] of [["resultats", "PAEDC", "plan d'action en faveur de l'énergie durable et du climat"], ["feuille-de-route", "DPO", "délégué à la protection des données"]]) {
    await page.goto(`${app.server.url}outils/#/${screen}`);
    const glossary = page.locator("[data-testid=glossary]");
    await glossary.waitFor();
    assert.match(await glossary.locator("summary").textContent(), /^Sigles utilisés sur cette page \(\d+\)$/);
    await glossary.locator("summary").click();
    const terms = await glossary.locator("dt").allTextContents();
    const meanings = await glossary.locator("dd").allTextContents();
    assert.equal(meanings[terms.indexOf(acronym)], meaning, `${screen}: ${acronym}`);
  }
  // On the projector the acronym carries its meaning on hover.
  await page.goto(`${app.server.url}outils/#/projection`);
  await page.waitForSelector("[data-testid=slide] svg");
  await page.keyboard.press("ArrowRight");
  const abbr = page.locator("[data-testid=slide-to-check] abbr", { hasText: "PMR" });
  await abbr.waitFor();
  assert.equal(await abbr.getAttribute("title"), "personnes à mobilité réduite");
  // And the slide's foot spells it out for the back of the room.
  assert.match(await page.textContent("[data-testid=slide-acronyms]"), /PMR : personnes à mobilité réduite/);
  await assertClean(page);
  await context.close();
});
