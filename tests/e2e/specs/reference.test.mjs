// « Are we behind the others? »: the territory view exports a reference that names no
// commune, and a commune loads it on its results to see the territory's median and, per
// question, how many communes reached its level. Bad files get a clear refusal.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { useApp, openPage, assertClean, resultsDir, downloadText } from "../lib/harness.mjs";
import { communes, example, writeFiles } from "../lib/summaries.mjs";

const app = useApp();

/** The territory view with `count` communes loaded; returns the page. */
async function territoryWith(context, count) {
  const page = await openPage(context, app.server.url);
  await page.goto(`${app.server.url}outils/#/territoire`);
  const summaries = communes(count);
  await page.setInputFiles("[data-testid=territory-input]", writeFiles(summaries.map((s, i) => [`c${i}.json`, s])));
  await page.waitForSelector("[data-testid=heatmap] tbody tr");
  return { page, summaries };
}

test("the territory exports a reference of 30 communes that names none, and refuses below five", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const { page, summaries } = await territoryWith(context, 30);
  const { name, text, path: file } = await downloadText(page, "[data-testid=export-reference]");
  assert.match(name, /^autodiag-reference-territoriale-\d{4}-\d{2}-\d{2}\.json$/);
  const reference = JSON.parse(text);
  assert.equal(reference.format, "autodiag-territorial-reference");
  assert.equal(reference.version, 2);
  assert.equal(reference.communes, 30);
  assert.equal(reference.territory, "Charleroi Métropole");
  assert.equal(reference.pillars.length, 6);
  assert.ok(reference.questions.length >= 40);
  assert.ok(reference.questions.some((q) => q.levels.includes("< 3")), "small counts are suppressed");
  for (const q of reference.questions) for (const cell of q.levels) assert.ok(cell === "< 3" || cell >= 3, JSON.stringify(q));
  // No total beside the levels: a hidden count would be a subtraction away.
  for (const q of reference.questions) assert.deepEqual(Object.keys(q), ["question_id", "levels"]);
  for (const s of summaries) {
    assert.ok(!text.includes(s.profile.commune), `${s.profile.commune} leaked`);
    assert.ok(!text.includes(s.profile.nis_code), `${s.profile.nis_code} leaked`);
  }
  fs.copyFileSync(file, path.join(resultsDir(), "reference-30.json"));
  await assertClean(page);
  await context.close();

  // Five communes, one with no answer on Gouvernance: that pillar has no median, and IGRETEC
  // is told before sending the file, not by a commune.
  const five = await app.browser.isolated();
  const fivePage = await openPage(five, app.server.url);
  await fivePage.goto(`${app.server.url}outils/#/territoire`);
  const fiveSummaries = communes(5);
  fiveSummaries[0].answers = fiveSummaries[0].answers.filter((a) => !a.question_id.startsWith("gou_"));
  // And one diagnostic is a year and a half old: it counts, and IGRETEC hears so. The others
  // are today's, whenever the test runs.
  for (const s of fiveSummaries) s.profile.date = new Date().toISOString().slice(0, 10);
  fiveSummaries[1].profile.date = "2025-06-12";
  await fivePage.setInputFiles("[data-testid=territory-input]", writeFiles(fiveSummaries.map((s, i) => [`c${i}.json`, s])));
  await fivePage.waitForSelector("[data-testid=heatmap] tbody tr");
  assert.equal(await fivePage.locator("[data-testid=reference-exported]").count(), 0, "not before the export");
  const exported = JSON.parse((await downloadText(fivePage, "[data-testid=export-reference]")).text);
  const names = { mobilite: "Mobilité", qualite_de_vie: "Qualité de vie", economie: "Économie", energie_environnement: "Énergie & environnement", gouvernance: "Gouvernance", smart_citizens: "Smart Citizens" };
  const missing = exported.pillars.filter((p) => !p.quartiles).map((p) => names[p.pillar_id]);
  assert.ok(missing.includes("Gouvernance"), JSON.stringify(exported.pillars));
  assert.equal(
    (await fivePage.locator("[data-testid=reference-exported]").textContent()).trim(),
    `Référence enregistrée. Pas de médiane pour ${missing.join(", ")} : moins de 5 communes y ont un score qui n'est pas à confirmer. Les communes y liront « trop peu de communes hors scores à confirmer ». `
    + "1 évaluation comptée a plus de 12 mois : Commune 002. Si elle ne décrit plus sa commune, retirez son fichier dans « Les fichiers à l'écran » et exportez à nouveau la référence.",
  );
  await five.close();

  const few = await app.browser.isolated();
  const small = await territoryWith(few, 4);
  await small.page.click("[data-testid=export-reference]");
  await small.page.locator("[data-testid=reference-refused]").waitFor();
  assert.match(await small.page.locator("[data-testid=reference-refused]").textContent(), /4 communes chargées : il en faut au moins 5/);
  await few.close();
  // One commune alone, in the singular.
  const one = await app.browser.isolated();
  const single = await territoryWith(one, 1);
  await single.page.click("[data-testid=export-reference]");
  await single.page.locator("[data-testid=reference-refused]").waitFor();
  assert.match(await single.page.locator("[data-testid=reference-refused]").textContent(), /^1 commune chargée : il en faut au moins 5/);
  await one.close();
});

test("a commune loads the reference: the median on both charts, each question's count, the report, and a reload", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const { page } = await territoryWith(context, 30);
  const { path: file } = await downloadText(page, "[data-testid=export-reference]");
  // The commune's own assessment, in the same browser as its officer would have it.
  await page.goto(`${app.server.url}outils/#/importer`);
  // The reference given where a summary goes says where it goes instead.
  await page.setInputFiles("[data-testid=import-input]", file);
  await page.locator("[data-testid=import-results] li").waitFor();
  assert.match(await page.locator("[data-testid=import-results]").textContent(), /ce fichier est la référence territoriale, qui ne nomme aucune commune, pas un résumé : une commune la charge dans ses résultats, avec « Comparer à la référence Charleroi Métropole \(fichier\) »\./);
  // Under the legal minimum on the school surroundings (a duty, minimum 2).
  const lobbes = example("lobbes-2026-11-20.json");
  lobbes.answers.push({ question_id: "mob_ecoles_zone30", level: 1 });
  await page.setInputFiles("[data-testid=import-input]", writeFiles([["lobbes.json", lobbes]]));
  await page.locator("[data-testid=import-results] li").waitFor();
  await page.click("[data-testid=imported-results]");
  await page.waitForURL(/#\/resultats$/);
  await page.locator("[data-testid=radar-chart] svg").waitFor();
  // Without a reference nothing changes.
  assert.doesNotMatch(await page.locator("[data-testid=radar-chart] svg").innerHTML(), /Médiane/);
  assert.equal(await page.locator("[data-testid=territory-reached]").count(), 0);

  await page.setInputFiles("[data-testid=reference-input]", file);
  await page.locator("[data-testid=reference-loaded]").waitFor();
  assert.match(await page.locator("[data-testid=reference-loaded]").textContent(), /Référence Charleroi Métropole : 30 communes, évaluations de 06\/2026 à 06\/2026/);
  const median = "Médiane Charleroi Métropole (30 communes)";
  await page.waitForFunction((label) => document.querySelector("[data-testid=radar-chart] svg")?.innerHTML.includes(label), median);
  assert.match(await page.locator("[data-testid=bars-chart] svg").innerHTML(), /Médiane Charleroi Métropole/);
  // The scores table, the charts' text alternative, gives the median as a number.
  const headers = await page.locator("[data-testid=scores-table] thead th").allTextContents();
  assert.equal(headers.at(-1), median);
  const medians = await page.locator("[data-testid=scores-table] [data-testid=median-cell]").allTextContents();
  assert.equal(medians.length, 6);
  // A pillar whose median counts fewer communes than the 30 of the header gives its own count.
  const pillars = JSON.parse(fs.readFileSync(file, "utf8")).pillars;
  medians.forEach((cell, i) => {
    const { communes: count, quartiles } = pillars[i];
    const form = !quartiles ? /^— \(trop peu de communes hors scores à confirmer\)$/ : count === 30 ? /^\d{1,3}$/ : new RegExp(`^\\d{1,3} \\(${count} communes\\)$`);
    assert.match(cell.trim(), form, medians.join(" | "));
  });
  const reached = await page.locator("[data-testid=territory-reached]").allTextContents();
  // A count, or the range the file's counts allow when some were too few to show.
  const forms = /^(\d+|au plus \d+|entre \d+ et \d+) communes? sur 30 (a|ont) atteint (le niveau [2-5]|le minimum légal \(niveau 2\))$/;
  const counted = reached.filter((t) => t !== "—");
  assert.ok(counted.length > 0 && counted.every((t) => forms.test(t)), reached.join(" | "));
  // Never one or two communes, which the file writes « < 3 ».
  assert.ok(counted.every((t) => !/^(1|2|au plus 1) communes? /.test(t)), reached.join(" | "));
  // Level 1, which every commune that answered has, is compared with level 2; a duty under
  // its minimum with the minimum, not with the commune's own level.
  const territoryOf = (title) => page.locator("tr", { has: page.locator("th", { hasText: title }) }).locator("[data-testid=territory-reached]").textContent();
  assert.match(await territoryOf("Abords d'écoles"), /atteint le minimum légal \(niveau 2\)$/);
  assert.match(await territoryOf("Marche et vélo"), /atteint le niveau 2$/);
  await page.screenshot({ path: path.join(resultsDir(), "results-reference-1366.png"), fullPage: true });

  // Kept for the report and the next visit.
  await page.reload();
  await page.locator("[data-testid=reference-loaded]").waitFor();
  await page.goto(`${app.server.url}outils/#/rapport`);
  await page.locator("[data-testid=report] svg").first().waitFor();
  assert.match(await page.locator("[data-testid=report]").innerHTML(), /Médiane Charleroi Métropole/);
  assert.ok((await page.locator("[data-testid=report-territory]").count()) > 0);
  assert.deepEqual(await page.locator("[data-testid=report] [data-testid=median-cell]").allTextContents(), medians);

  // Taken away, the results are as before.
  await page.goto(`${app.server.url}outils/#/resultats`);
  await page.click("[data-testid=reference-remove]");
  await page.locator("[data-testid=reference-input]").waitFor({ state: "attached" });
  assert.equal(await page.locator("[data-testid=territory-reached]").count(), 0);
  assert.equal(await page.locator("[data-testid=median-cell]").count(), 0);
  await assertClean(page);
  await context.close();
});

test("a file that is not a reference for this questionnaire is refused in words", async () => {
  const context = await app.browser.isolated();
  const page = await openPage(context, app.server.url);
  await page.goto(`${app.server.url}outils/#/importer`);
  await page.setInputFiles("[data-testid=import-input]", writeFiles([["thuin.json", example("thuin-2025-06-12.json")]]));
  await page.click("[data-testid=imported-results]");
  await page.locator("[data-testid=radar-chart] svg").waitFor();
  const refuse = async (name, content, message) => {
    await page.setInputFiles("[data-testid=reference-input]", writeFiles([[name, content]]));
    await page.waitForFunction((m) => new RegExp(m).test(document.querySelector("[data-testid=reference-error]")?.textContent ?? ""), message);
  };
  // A commune's summary is not a reference.
  await refuse("lobbes.json", example("lobbes-2026-11-20.json"), "n'est pas une référence territoriale d'Autodiag");
  const reference = JSON.parse(fs.readFileSync(path.join(resultsDir(), "reference-30.json"), "utf8"));
  // A référentiel this Autodiag does not know yet: reload, or ask IGRETEC.
  await refuse("newer.json", { ...reference, framework: { ...reference.framework, version: "99.0.0" } }, "version 99\\.0\\.0 du questionnaire, que cette version d'Autodiag \\(\\d+\\.\\d+\\.\\d+\\) ne connaît pas");
  // Before 2.7.0 a question could change meaning under its id: such a file is not read.
  await refuse("too-old.json", { ...reference, framework: { ...reference.framework, version: "2.6.0" } }, "version 2\\.6\\.0 du référentiel : depuis, certaines questions ont changé de sens");
  await refuse("few.json", { ...reference, communes: 4 }, "moins de 5 communes");
  const tampered = structuredClone(reference);
  tampered.questions[0].levels[0] = 1;
  await refuse("tampered.json", tampered, "chiffres sont incohérents");
  await refuse("huge.json", " ".repeat(300 * 1024), "trop gros");
  await refuse("garbage.json", "\u0000\u00ff{{{", "n'est pas une référence");
  assert.equal(await page.locator("[data-testid=reference-loaded]").count(), 0);
  await assertClean(page);
  await context.close();
});

test("a reference made under an earlier référentiel keeps what still means the same, and says what it leaves out", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await openPage(context, app.server.url);
  await page.goto(`${app.server.url}outils/#/importer`);
  await page.setInputFiles("[data-testid=import-input]", writeFiles([["lobbes.json", example("lobbes-2026-11-20.json")]]));
  await page.click("[data-testid=imported-results]");
  await page.locator("[data-testid=radar-chart] svg").waitFor();
  // The reference as IGRETEC exported it under 2.7.0: the two questions 2.8.0 changed, the one 2.9.0 changed and web accessibility (2.10.0), under their old ids.
  const reference = JSON.parse(fs.readFileSync(path.join(resultsDir(), "reference-30.json"), "utf8"));
  reference.framework.version = "2.7.0";
  const old = { eco_marches_electroniques: "eco_marches_pme", gou_documents_donnees: "gou_information_donnees", qdv_cpas_concertation: "qdv_commune_cpas", sc_accessibilite_numerique: "sc_accessibilite_web" };
  for (const q of reference.questions) q.question_id = old[q.question_id] ?? q.question_id;
  // Five communes' mobility scores were to confirm: left out of its median.
  reference.pillars[0].communes = 25;
  await page.setInputFiles("[data-testid=reference-input]", writeFiles([["reference-2.7.0.json", reference]]));
  await page.locator("[data-testid=reference-carried]").waitFor();
  assert.equal(
    await page.locator("[data-testid=reference-carried]").textContent(),
    "Cette référence a été faite avec la version 2.7.0 du référentiel. 4 questions ont changé depuis : leurs chiffres ne sont pas repris, les autres restent valables. Pas de médiane pour Qualité de vie, Économie, Gouvernance, Smart Citizens, dont une question a changé. IGRETEC peut exporter une référence à jour.",
  );
  assert.equal(await page.locator("[data-testid=reference-error]").count(), 0);
  // The other pillars' median is drawn, and unchanged questions still say how many communes reached the level.
  await page.waitForFunction(() => document.querySelector("[data-testid=radar-chart] svg")?.innerHTML.includes("Médiane Charleroi Métropole"));
  const reached = await page.locator("[data-testid=territory-reached]").allTextContents();
  assert.ok(reached.some((t) => /communes? sur 30/.test(t)), reached.join(" | "));
  // The scores table says which median counts fewer communes than its header, and why a
  // pillar has none.
  const cells = await page.locator("[data-testid=scores-table] [data-testid=median-cell]").allTextContents();
  assert.match(cells[0], /^\d{1,3} \(25 communes\)$/, cells.join(" | "));
  assert.deepEqual([cells[1], cells[2], cells[4], cells[5]], Array(4).fill("— (référentiel modifié depuis)"), cells.join(" | "));
  const energy = reference.pillars[3].communes;
  assert.match(cells[3], energy === 30 ? /^\d{1,3}$/ : new RegExp(`^\\d{1,3} \\(${energy} communes\\)$`), cells.join(" | "));
  // Kept for the next visit, read the same way.
  await page.reload();
  await page.locator("[data-testid=reference-carried]").waitFor();
  await assertClean(page);
  await context.close();
});

test("a reference IGRETEC exported before its totals were dropped never shows one or two communes", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await openPage(context, app.server.url);
  await page.goto(`${app.server.url}outils/#/importer`);
  // The commune is at level 3 on « Marche et vélo ».
  const lobbes = example("lobbes-2026-11-20.json");
  lobbes.answers.find((a) => a.question_id === "mob_actif").level = 3;
  await page.setInputFiles("[data-testid=import-input]", writeFiles([["lobbes.json", lobbes]]));
  await page.click("[data-testid=imported-results]");
  await page.locator("[data-testid=radar-chart] svg").waitFor();
  // Version 1 gave each question's number of answers: 29, less the 28 at levels 1 and 2,
  // left exactly one commune at level 3 or above.
  const reference = JSON.parse(fs.readFileSync(path.join(resultsDir(), "reference-30.json"), "utf8"));
  reference.version = 1;
  for (const q of reference.questions) q.answered = q.levels.every((c) => c !== "< 3") ? q.levels.reduce((a, b) => a + b, 0) : 30;
  const walking = reference.questions.find((q) => q.question_id === "mob_actif");
  walking.levels = [14, 14, "< 3", "< 3", "< 3"];
  walking.answered = 29;
  await page.setInputFiles("[data-testid=reference-input]", writeFiles([["reference-v1.json", reference]]));
  await page.locator("[data-testid=reference-loaded]").waitFor();
  const territoryOf = (title) => page.locator("tr", { has: page.locator("th", { hasText: title }) }).locator("[data-testid=territory-reached]").textContent();
  assert.equal(await territoryOf("Marche et vélo"), "au plus 2 communes sur 30 ont atteint le niveau 3");
  // A file that is no reference, chosen while one is loaded, replaces nothing and says so.
  await page.setInputFiles("[data-testid=reference-input]", writeFiles([["lobbes.json", lobbes]]));
  await page.locator("[data-testid=reference-error]").waitFor();
  assert.match(await page.textContent("[data-testid=reference-error]"), /n'est pas une référence territoriale d'Autodiag.* La référence chargée auparavant reste utilisée\.$/);
  assert.match(await page.textContent("[data-testid=reference-loaded]"), /: 30 communes,/);
  assert.equal(await territoryOf("Marche et vélo"), "au plus 2 communes sur 30 ont atteint le niveau 3");
  // « Retirer » then ends that refusal too, and the keyboard goes on from the file picker.
  await page.click("[data-testid=reference-remove]");
  await page.locator("[data-testid=reference-error]").waitFor({ state: "detached" });
  await page.waitForFunction(() => document.activeElement?.id === "reference-input");
  await page.setInputFiles("[data-testid=reference-input]", writeFiles([["reference-v1.json", reference]]));
  await page.locator("[data-testid=reference-loaded]").waitFor();
  // Six communes, each level under 3: anywhere from none to all six reached it, which
  // « au plus 6 communes sur 6 » would read as « all of them ». Next year's file replaces the
  // one loaded in one step, with no « Retirer » first.
  assert.equal(await page.textContent("[data-testid=reference-replace]"), "Remplacer par une autre référence (fichier)");
  const igretec = await app.browser.isolated();
  const { page: territoryPage } = await territoryWith(igretec, 6);
  const six = JSON.parse((await downloadText(territoryPage, "[data-testid=export-reference]")).text);
  await igretec.close();
  await page.setInputFiles("[data-testid=reference-input]", writeFiles([["reference-6.json", six]]));
  await page.waitForFunction(() => /: 6 communes,/.test(document.querySelector("[data-testid=reference-loaded]")?.textContent ?? ""));
  assert.equal(await page.locator("[data-testid=reference-error]").count(), 0);
  const reached = await page.locator("[data-testid=territory-reached]").allTextContents();
  assert.ok(reached.includes("non publié : les petits nombres masqués ne permettent pas de le dire"), reached.join(" | "));
  assert.ok(reached.every((t) => !/^au plus 6 communes sur 6 /.test(t)), reached.join(" | "));
  assert.match(await page.textContent("[data-testid=reference-loaded]"), /le fichier ne publie pas un nombre inférieur à 3 : d'où « au plus », « entre » et « non publié »\.$/);
  await assertClean(page);
  await context.close();
});
