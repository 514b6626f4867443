// The starter roadmap: drafted from the answers, edited, and the edits survive a reload.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { useApp, openPage, assertClean, createAssessment, answerPillar, PILLARS, resultsDir, expectText } from "../lib/harness.mjs";
import { example, writeFiles } from "../lib/summaries.mjs";

const app = useApp();

/** The short, medium and long term columns' widths, in pixels. */
const columnWidths = (page) =>
  page.$$eval("[data-testid=horizon-short], [data-testid=horizon-medium], [data-testid=horizon-long]", (columns) =>
    columns.map((column) => column.getBoundingClientRect().width),
  );

test("a low-maturity commune without staff gets governance foundations first, and its edits persist", async () => {
  const page = await openPage(app.browser, app.server.url);
  await createAssessment(page, app.server.url, "Froidchapelle");
  await page.fill("#fte", "0");
  // Answers from 1 to 3, whose draft leaves the long term empty (its column is checked below);
  // at 3 on the mobility plan, training a CeM would take the long term.
  for (const pillar of PILLARS) await answerPillar(page, app.server.url, pillar, (q, i) => (q === "mob_pcm" ? 2 : (i % 3) + 1));
  await page.goto(`${app.server.url}#/feuille-de-route`);
  await page.waitForSelector("[data-testid=horizon-short] [data-testid=roadmap-item]");
  assert.ok((await page.locator("[data-testid=focus-pillars] li").count()) <= 3);
  const first = page.locator("[data-testid=horizon-short] [data-testid=roadmap-item]").first();
  assert.equal(await first.getAttribute("data-action"), "gou_referent_designer");
  assert.match(await first.textContent(), /Premier pas/);
  assert.match(await first.textContent(), /Pourquoi/);
  // The reason quotes what the commune typed. A « Préalable », not a « Fondation », which an
  // official read as an institution.
  assert.match(await first.textContent(), /moins d'un mi-temps consacré au numérique \(0 ETP\) : les préalables d'abord/);
  assert.equal((await first.locator(".item__tags .badge").first().textContent()).trim(), "Préalable");
  // No money, but someone's time: a commune without staff reads what it costs.
  assert.match(await first.locator(".item__tags").textContent(), /Sans coût direct, du temps d'agent/);
  await page.screenshot({ path: path.join(resultsDir(), "roadmap-1280.png"), fullPage: true });
  // An action put off because the short term is full says so, with the short term's count.
  const shortCount = await page.locator("[data-testid=horizon-short] [data-testid=roadmap-item]").count();
  const putOff = page.locator("[data-testid=horizon-medium] [data-testid=roadmap-item]", { hasText: "faute de place" });
  assert.ok((await putOff.count()) > 0, "no medium-term card says it waits for room");
  assert.match(await putOff.first().textContent(), new RegExp(`reportée faute de place : le court terme compte déjà ${shortCount} actions ; à avancer si la commune en a les moyens`));
  // The printed report says so too: the collège asks why a quick action waits.
  await page.goto(`${app.server.url}outils/#/rapport`);
  await page.locator(".report-items li").first().waitFor();
  assert.match(await page.locator(".report-items li", { hasText: "faute de place" }).first().textContent(), new RegExp(`reportée faute de place : le court terme compte déjà ${shortCount} actions`));
  await page.goto(`${app.server.url}outils/#/feuille-de-route`);
  await page.waitForSelector("[data-testid=horizon-short] [data-testid=roadmap-item]");

  // The draft leaves the long term empty here; the column says why rather than look forgotten.
  assert.match(await page.locator("[data-testid=horizon-long] [data-testid=empty-horizon]").textContent(), /^Rien encore au-delà de trois ans/);
  assert.equal(await page.locator("[data-testid=horizon-short] [data-testid=empty-horizon]").count(), 0);
  // At 1280 px, beside the navigation, the horizons follow one another, each card full width
  // and its horizon select whole.
  const stacked = await page.$$eval("[data-testid=horizon-short], [data-testid=horizon-medium]", ([a, b]) => a.getBoundingClientRect().bottom <= b.getBoundingClientRect().top);
  assert.ok(stacked, "short then medium term, one under the other");
  // From 1400 px they stand side by side. Its one sentence needs less room than cards do: the
  // columns with cards take the width.
  await page.setViewportSize({ width: 1920, height: 1080 });
  let [short, medium, long] = await columnWidths(page);
  assert.ok(Math.abs(short - medium) <= 1 && long < 0.6 * short, `column widths ${[short, medium, long]}`);

  // Remove one item, move one, mark one done, add one from the catalogue and one of our own.
  const items = page.locator("[data-testid=roadmap-item]");
  const removed = await items.nth(1).getAttribute("data-action");
  await items.nth(1).locator("[data-testid=item-remove]").click();
  await page.waitForFunction((id) => !document.querySelector(`[data-action="${id}"]`), removed);
  const moved = await page.locator("[data-testid=horizon-short] [data-testid=roadmap-item]").nth(1).getAttribute("data-action");
  await page.locator(`[data-action="${moved}"] [data-testid=item-move]`).selectOption("long");
  await page.locator(`[data-testid=horizon-long] [data-action="${moved}"]`).waitFor();
  // The keyboard stays on the moved card, in its new column, and a screen reader hears where it went.
  await page.waitForFunction((id) => document.activeElement?.id === `move-${id}` && document.activeElement.closest("[data-testid=horizon-long]"), moved);
  const movedTitle = await page.locator(`[data-action="${moved}"] [data-testid=item-title]`).textContent();
  assert.equal(await page.locator("[data-testid=moved-notice]").textContent(), `« ${movedTitle} » a été déplacée vers « ${await page.locator("[data-testid=horizon-long] h2").textContent()} ».`);
  assert.equal(await page.locator("[data-testid=horizon-long] [data-testid=empty-horizon]").count(), 0);
  // Cards of a column that did not change follow too: none still counts the short term as it was.
  assert.equal(await page.locator("[data-testid=horizon-medium] [data-testid=roadmap-item]", { hasText: `le court terme compte déjà ${shortCount} actions` }).count(), 0);
  // With a card of its own, the long term is as wide as the others.
  [short, medium, long] = await columnWidths(page);
  assert.ok(Math.abs(short - long) <= 1 && Math.abs(short - medium) <= 1, `column widths ${[short, medium, long]}`);
  await page.locator(`[data-action="gou_referent_designer"] [data-testid=item-done]`).check();
  await page.locator(`[data-action="gou_referent_designer"].item--done`).waitFor();
  // « Ajouter » before choosing says what is missing, and adds nothing.
  const before = await page.locator("[data-testid=roadmap-item]").count();
  await page.click("[data-testid=catalogue-add]");
  await expectText(page, "#catalogue-error", "Choisissez d'abord une action dans la liste.");
  assert.equal(await page.locator("[data-testid=roadmap-item]").count(), before);
  const option = await page.locator("[data-testid=catalogue-action] option").nth(1).getAttribute("value");
  await page.selectOption("[data-testid=catalogue-action]", option);
  await expectText(page, "#catalogue-error", "");
  await page.click("[data-testid=catalogue-add]");
  await page.locator(`[data-action="${option}"]`).waitFor();
  await page.fill("[data-testid=custom-text]", "Présenter la feuille de route au conseil communal");
  // Typed and not yet added, the action waits for the commune's return from another screen.
  await page.goto(`${app.server.url}outils/#/resultats`);
  await page.locator("main h1").waitFor();
  await page.goBack();
  await page.locator("[data-testid=custom-text]").waitFor();
  assert.equal(await page.inputValue("[data-testid=custom-text]"), "Présenter la feuille de route au conseil communal");
  await page.click("[data-testid=custom-add]");
  await page.getByText("Présenter la feuille de route au conseil communal").waitFor();
  assert.equal(await page.inputValue("[data-testid=custom-text]"), "");

  await page.reload();
  await page.waitForSelector("[data-testid=roadmap-item]");
  assert.equal(await page.locator(`[data-action="${removed}"]`).count(), 0, "removed stays removed");
  assert.equal(await page.locator(`[data-testid=horizon-long] [data-action="${moved}"]`).count(), 1, "moved stays moved");
  assert.equal(await page.locator(`[data-action="gou_referent_designer"].item--done`).count(), 1, "done stays done");
  assert.equal(await page.locator(`[data-action="${option}"]`).count(), 1, "added stays");
  assert.ok(await page.getByText("Présenter la feuille de route au conseil communal").isVisible());

  // Redrafting asks first, then discards the edits.
  await page.click("[data-testid=regenerate]");
  await page.waitForSelector("[data-testid=regenerate-confirm]");
  await page.click("[data-testid=regenerate-yes]");
  await page.waitForFunction(() => !document.body.textContent.includes("Présenter la feuille de route au conseil communal"));
  await assertClean(page);
});

/** Imports `summary` as the file `name`, opens it, and shows its roadmap. */
async function roadmapOf(page, name, summary) {
  await page.goto(`${app.server.url}outils/#/importer`);
  await page.setInputFiles("[data-testid=import-input]", writeFiles([[name, summary]]));
  await page.locator("[data-testid=imported-results]").click();
  await page.goto(`${app.server.url}outils/#/feuille-de-route`);
}

test("a focus pillar whose score rests on a few answers says it is to confirm", async () => {
  const page = await openPage(app.browser, app.server.url);
  const summary = example();
  summary.roadmap = null;
  summary.profile.commune = "Momignies";
  // Mobility: one answer at the first level, the others unknown; the other pillars at 4.
  for (const answer of summary.answers) answer.level = answer.question_id.startsWith("mob_") ? "unknown" : 4;
  summary.answers.find((a) => a.question_id.startsWith("mob_")).level = 1;
  await roadmapOf(page, "momignies.json", summary);
  const mobility = page.locator("[data-testid=focus-pillars] li", { hasText: "Mobilité" });
  await mobility.waitFor();
  assert.match(await mobility.locator("[data-testid=focus-to-confirm]").textContent(),
    /score établi sur 1 question sur \d+ seulement, donc à confirmer\. Répondez aux autres questions du pilier avant d'en faire une priorité\./);
  // A pillar answered throughout carries no such note.
  assert.equal(await page.locator("[data-testid=focus-to-confirm]").count(), 1);
  // Every mobility question answered, the rest « Je ne sais pas »: answering is done, checking
  // is what is left. A DG who had answered seven of eight was told to answer the others.
  summary.profile.commune = "Beaumont";
  summary.answers.push({ question_id: "mob_ecoles_zone30", level: "unknown" }, { question_id: "mob_pmr", level: "unknown" });
  await roadmapOf(page, "beaumont.json", summary);
  await expectText(page, "[data-testid=focus-to-confirm]",
    /score établi sur 1 question sur 8 seulement, donc à confirmer\. Vérifiez les réponses « Je ne sais pas » du pilier avant d'en faire une priorité\./);
  // Three pillars answered throughout need work: they are the focus, and mobility waits,
  // told why. A DG read a pillar to confirm made a priority ahead of one answered throughout.
  summary.profile.commune = "Cerfontaine";
  for (const answer of summary.answers) {
    if (["eco_", "gou_", "sc_"].some((prefix) => answer.question_id.startsWith(prefix))) answer.level = 2;
  }
  await roadmapOf(page, "cerfontaine.json", summary);
  const waiting = page.locator("[data-testid=later-pillars] li", { hasText: "Mobilité" });
  await waiting.waitFor();
  assert.match(await waiting.textContent(), /^Mobilité : score établi sur 1 question sur 8 seulement, donc à confirmer\. Vérifiez les réponses « Je ne sais pas » du pilier avant d'en faire une priorité\.$/);
  assert.equal(await page.locator("[data-testid=focus-to-confirm]").count(), 0);
  await assertClean(page);
  await page.close();
});

test("a pillar at its target on one answer of many is to confirm, not done", async () => {
  const page = await openPage(app.browser, app.server.url);
  const summary = example();
  summary.roadmap = null;
  summary.profile.commune = "Sivry-Rance";
  // Mobility: one answer at the top level, the others unknown; the other pillars at 2.
  const mobility = summary.answers.filter((a) => a.question_id.startsWith("mob_"));
  for (const answer of summary.answers) answer.level = 2;
  mobility.forEach((a, i) => (a.level = i === 0 ? 5 : "unknown"));
  await roadmapOf(page, "sivry.json", summary);
  const line = page.locator("[data-testid=later-pillars] li", { hasText: "Mobilité" });
  await line.waitFor();
  assert.match(await line.textContent(), /^Mobilité : au niveau visé \(\d · [^)]+\) selon 1 question sur \d+ seulement, donc à confirmer\./);
  await assertClean(page);
  await page.close();
});

test("a pillar put after the focus only by the pillars' order says it is tied, and how to choose", async () => {
  const page = await openPage(app.browser, app.server.url);
  const summary = example();
  summary.roadmap = null;
  summary.profile.commune = "Erquelinnes";
  for (const answer of summary.answers) answer.level = 2;
  for (const pillar of summary.pillars) { pillar.importance = "medium"; delete pillar.target_level; }
  // Gouvernance matters less to this commune: that one is a real reason.
  summary.pillars.find((p) => p.pillar_id === "gouvernance").importance = "low";
  await roadmapOf(page, "erquelinnes.json", summary);
  const lines = page.locator("[data-testid=later-pillars] li");
  await lines.first().waitFor();
  const focus = await page.locator("[data-testid=focus-pillars] li strong").allTextContents();
  assert.deepEqual(focus, ["Mobilité", "Qualité de vie", "Économie"]);
  assert.deepEqual(await lines.allTextContents(), [
    "Énergie & environnement : à égalité avec Économie, qui le précède dans l'ordre des piliers. Pour choisir, donnez à l'un des deux une importance plus haute.",
    "Gouvernance : écart à l'objectif moins grand, ou importance moindre, que les piliers prioritaires.",
    "Smart Citizens : à égalité avec Économie, qui le précède dans l'ordre des piliers. Pour choisir, donnez à l'un des deux une importance plus haute.",
  ]);
  await assertClean(page);
  await page.close();
});
