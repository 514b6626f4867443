// Take it with you: the JSON summary, its import, the CSV export and the printable report.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { useApp, openPage, assertClean, createAssessment, answerPillar, openPillar, PILLARS, resultsDir, downloadText, expectText, ready } from "../lib/harness.mjs";
import { writeFiles, example } from "../lib/summaries.mjs";

const app = useApp();

test("download the summary, delete the assessment, import the file: everything is back", async () => {
  const page = await openPage(app.browser, app.server.url);
  await createAssessment(page, app.server.url, "Ham-sur-Heure-Nalinnes");
  await page.fill("#nis", "56086");
  await page.fill("#respondent", "Jean Lemaire");
  for (const [p, pillar] of PILLARS.entries()) await answerPillar(page, app.server.url, pillar, (_, i) => ((i + p) % 5) + 1);
  await openPillar(page, app.server.url, "gouvernance");
  await page.fill("#note-gou_documents_donnees", "Tableur tenu par la DG depuis 2024");
  await page.goto(`${app.server.url}outils/#/feuille-de-route`);
  await page.waitForSelector("[data-testid=roadmap-item]");
  await page.fill("[data-testid=custom-text]", "Inviter les communes voisines à une réunion commune");
  await page.click("[data-testid=custom-add]");
  await page.getByText("Inviter les communes voisines").waitFor();

  const summary = await downloadText(page, "[data-testid=download-summary]");
  // Named after the commune, the date and the person who answered.
  assert.match(summary.name, /^autodiag-ham-sur-heure-nalinnes-\d{4}-\d{2}-\d{2}-jean-lemaire\.json$/);
  const json = JSON.parse(summary.text);
  assert.equal(json.format, "autodiag-summary");
  assert.equal(json.schema_version, 5);
  assert.equal(json.profile.nis_code, "56086");
  assert.equal(json.answers.length, 47);
  // Every question is answered: the hand-over panel has no « questions sans réponse ».
  await downloadText(page, ".handover [data-testid=download-summary]");
  await page.locator("[data-testid=handover]").waitFor();
  assert.equal(await page.locator("[data-testid=handover-incomplete]").count(), 0);
  assert.equal(await page.locator("[data-testid=handover-part-only]").count(), 0);
  assert.match(await page.textContent("[data-testid=handover-contact]"), /^Pour le transmettre, joignez-le à un e-mail à votre personne de contact chez IGRETEC\./);
  assert.ok(json.roadmap.items.some((i) => i.custom_title === "Inviter les communes voisines à une réunion commune"));
  assert.match(summary.text, /\n  "format": "autodiag-summary",\n/, "pretty-printed");
  await expectText(page, "[data-testid=last-download]", (await page.textContent("[data-testid=last-download]")).trim());
  assert.match(await page.textContent("[data-testid=last-download]"), /Copie de sauvegarde : le \d{2}\/\d{2}\/\d{4}/);

  await page.goto(`${app.server.url}outils/#/evaluations`);
  const row = page.locator("[data-testid=assessment-row]", { hasText: "Ham-sur-Heure-Nalinnes" });
  await row.locator("[data-testid=delete-assessment]").click();
  await row.locator("[data-testid=confirm-delete]").click();
  await page.locator("[data-testid=no-assessments]").waitFor();

  // The import sits on the same page: the file comes back into the list above it.
  await page.setInputFiles("[data-testid=import-input]", summary.path);
  await page.locator("[data-testid=import-results]", { hasText: "a été importée" }).waitFor();
  // What came back, in numbers.
  assert.match(await page.textContent("[data-testid=import-results]"), /« Ham-sur-Heure-Nalinnes » a été importée : 47 questions sur 47 ont une réponse\./);
  await row.waitFor();
  assert.match(page.url(), /outils\/#\/evaluations$/);
  // With nothing open, the imported assessment opens: the results typed as an address show it.
  await page.evaluate(() => (location.hash = "#/resultats"));
  await expectText(page, "main h1", "Résultats — Ham-sur-Heure-Nalinnes");
  await page.goto(`${app.server.url}outils/#/evaluations`);
  await page.locator("[data-testid=assessment-row]", { hasText: "Ham-sur-Heure-Nalinnes" }).locator("[data-testid=open-assessment]").click();
  // Every question is answered: « Ouvrir » shows the results; the profile is read from there.
  await page.waitForURL(/outils\/#\/resultats$/);
  await page.goto(`${app.server.url}#/profil`);
  await page.waitForSelector("#nis");
  // The file just read is a copy of these answers: the status line never says « jamais ».
  assert.match(await page.textContent("[data-testid=last-download]"), /Copie de sauvegarde : le \d{2}\/\d{2}\/\d{4}/);
  assert.equal(await page.inputValue("#nis"), "56086");
  assert.equal(await page.inputValue("#respondent"), "Jean Lemaire");
  await openPillar(page, app.server.url, "gouvernance");
  assert.equal(await page.inputValue("#note-gou_documents_donnees"), "Tableur tenu par la DG depuis 2024");
  assert.ok(await page.isChecked('[data-testid="gou_pilotage-5"]'));
  await page.goto(`${app.server.url}outils/#/feuille-de-route`);
  await page.getByText("Inviter les communes voisines à une réunion commune").waitFor();
  // A second download gives the same JSON, timestamps aside.
  const again = JSON.parse((await downloadText(page, "[data-testid=download-summary]")).text);
  delete again.generated_at;
  delete json.generated_at;
  assert.deepEqual(again, json);
  await assertClean(page);
});

test("bad files get a French message and change nothing", async () => {
  const page = await openPage(app.browser, app.server.url);
  await createAssessment(page, app.server.url, "Seneffe");
  const newer = example();
  newer.schema_version = 99;
  const outOfRange = example();
  outOfRange.answers[0].level = 9;
  const duplicate = example();
  duplicate.answers.push(duplicate.answers[0]);
  const missing = example();
  delete missing.profile;
  const wrongType = example();
  wrongType.answers = "toutes";
  // Another intercommunale's référentiel in the same format: its questions are not ours.
  const otherReferentiel = example();
  otherReferentiel.framework.id = "bep-smart-region";
  // Cut off inside a note, as a mail or a full disk leaves it.
  const full = JSON.stringify(example(), null, 2);
  const cut = full.slice(0, full.indexOf('"note"') + 20);
  const files = writeFiles([
    ["coupe.json", cut],
    ["notes.txt", "Compte rendu de la réunion du collège"],
    ["casse.json", '{"format": ]'],
    ["autre.json", JSON.stringify({ commune: "Lobbes", score: 42 })],
    ["futur.json", newer],
    ["niveau.json", outOfRange],
    ["double.json", duplicate],
    ["incomplet.json", missing],
    ["type.json", wrongType],
    ["autre-referentiel.json", otherReferentiel],
    ["vide.json", ""],
    ["image.json", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00])],
    ["profond.json", "[".repeat(10_000) + "]".repeat(10_000)],
    ["enorme.json", Buffer.alloc(5 * 1024 * 1024 + 10, 0x20)],
  ]);
  await page.goto(`${app.server.url}outils/#/evaluations`);
  await page.waitForSelector("[data-testid=assessment-row]");
  const before = await page.locator("[data-testid=assessment-row]").count();
  await page.goto(`${app.server.url}outils/#/importer`);
  await page.setInputFiles("[data-testid=import-input]", files);
  await page
    .waitForFunction(() => document.querySelectorAll("[data-testid=import-results] li").length === 14, null, { timeout: 15_000 })
    .catch(async () => assert.fail(`results: ${await page.textContent("[data-testid=import-results]")}`));
  const text = await page.textContent("[data-testid=import-results]");
  // The cut file is told as cut, and the question at fault by its title, not its identifier.
  assert.match(text, /coupe\.json[^]*s'arrête avant la fin \(ligne \d+\) : il a sans doute été coupé/);
  assert.ok(!text.includes(`« ${outOfRange.answers[0].question_id} »`), "a question is named by its title");
  // Words that are no JSON at all are no damaged summary: the message says which file to pick.
  assert.match(await page.locator("[data-testid=import-results] li", { hasText: "notes.txt" }).textContent(), /n'est pas un résumé Autodiag\. Le résumé est le fichier « autodiag-nom-de-la-commune-date\.json »/);
  for (const expected of [
    "n'est pas du JSON valide",
    "n'est pas un résumé Autodiag",
    "version plus récente",
    "niveau invalide (9)",
    "a deux réponses",
    "« profile » manque",
    "la valeur de « answers » n'a pas le bon type",
    "le fichier est vide",
    "n'est pas un texte (un PDF ou un tableur, peut-être)",
    "imbriqué trop profondément",
    "le fichier fait 5,1 Mo ; un fichier Autodiag ne dépasse jamais 5 Mo.",
    "vient d'un autre questionnaire (« bep-smart-region ») que celui des communes de Charleroi Métropole",
  ]) {
    assert.ok(text.includes(expected), `missing: ${expected}`);
  }
  await page.goto(`${app.server.url}outils/#/evaluations`);
  await page.waitForSelector("[data-testid=assessment-row]");
  assert.equal(await page.locator("[data-testid=assessment-row]").count(), before, "nothing added");
  await assertClean(page);
});

/** Imports Lobbes's example on the import page, as a first computer holds it; its file. */
async function importLobbes(page) {
  const [file] = writeFiles([["lobbes.json", example()]]);
  await page.goto(`${app.server.url}outils/#/importer`);
  await page.waitForSelector("[data-testid=import-input]");
  await page.setInputFiles("[data-testid=import-input]", file);
  await page.locator("[data-testid=import-results]", { hasText: "a été importée" }).waitFor();
  return file;
}

/** The same diagnostic, saved later on another computer with ten answers. */
function lobbesSavedLater() {
  const later = example();
  later.generated_at = "2026-11-30T10:00:00.000Z";
  later.answers = later.answers.slice(0, 10);
  return later;
}

test("importing the same commune and date asks first", async () => {
  const page = await openPage(app.browser, app.server.url);
  const file = await importLobbes(page);
  // Two copies at once ask twice, each line naming its file. The copy was saved later, with
  // fewer answers: each line says what each version holds and when it last changed.
  const [copy] = writeFiles([["lobbes-copie.json", lobbesSavedLater()]]);
  await page.setInputFiles("[data-testid=import-input]", [file, copy]);
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=import-duplicate]").length === 2);
  const asks = (await page.locator("[data-testid=import-duplicate]").allTextContents()).sort();
  assert.match(asks[0], /^lobbes-copie\.json : Lobbes a déjà une évaluation datée du 20\/11\/2026\./);
  assert.match(asks[1], /^lobbes\.json : Lobbes a déjà une évaluation datée du 20\/11\/2026\./);
  const here = "Dans ce navigateur : (\\d+) questions sur 47 ont une réponse, modifiée le \\d\\d\\/\\d\\d\\/\\d{4} à \\d\\d:\\d\\d\\.";
  const [, inBrowser, inCopy] = asks[0].match(new RegExp(`${here} Dans le fichier : (\\d+) questions sur 47 ont une réponse, enregistré le 30\\/11\\/2026 à \\d\\d:\\d\\d\\.`));
  assert.ok(Number(inCopy) < Number(inBrowser), asks[0]);
  assert.match(asks[1], /Dans le fichier : \d+ questions sur 47 ont une réponse, enregistré le 28\/11\/2026 à \d\d:\d\d\./);
  // Neither file is older than the copy here: no warning.
  assert.ok(asks.every((ask) => !ask.includes("Attention")), asks.join("\n"));
  await page.locator("[data-testid=import-duplicate]", { hasText: "lobbes.json" }).locator("[data-testid=import-keep-both]").click();
  await page.locator("[data-testid=import-results]", { hasText: "a été importée" }).waitFor();
  await page.goto(`${app.server.url}outils/#/evaluations`);
  assert.equal(await page.locator("[data-testid=assessment-row]", { hasText: "Lobbes" }).count(), 2);
  // Each card says when it last changed, so two copies of one diagnostic are told apart.
  for (const meta of await page.locator("[data-testid=assessment-row] .assessment__meta").allTextContents()) {
    assert.match(meta, / · modifiée le \d\d\/\d\d\/\d{4} à \d\d:\d\d$/);
  }
  await assertClean(page);
});

test("an older file of a diagnostic changed here since says so before « Remplacer »", async () => {
  const context = await app.browser.isolated();
  const page = await openPage(context, app.server.url);
  await importLobbes(page);
  // Lobbes is answered further in this browser after the file was saved.
  await page.goto(`${app.server.url}outils/#/evaluations`);
  await page.locator("[data-testid=assessment-row]", { hasText: "Lobbes" }).locator("[data-testid=open-assessment]").click();
  await answerPillar(page, app.server.url, "mobilite", 2);
  await page.goto(`${app.server.url}outils/#/importer`);
  await page.setInputFiles("[data-testid=import-input]", writeFiles([["lobbes-bureau.json", lobbesSavedLater()]]));
  const ask = page.locator("[data-testid=import-duplicate]");
  await ask.waitFor();
  assert.match(await ask.textContent(), /enregistré le 30\/11\/2026 à \d\d:\d\d\. Attention : la copie de ce navigateur a changé après l'enregistrement du fichier\./);
  // And which answers « Remplacer » would change, the mobility ones first: the counts of
  // answered questions alone looked the same.
  assert.match(await ask.textContent(), /Le fichier changerait la réponse de \d+ questions : « Plan de mobilité \(PCM ou PiCM\) », « [^»]+ »/);
  await assertClean(page);
  await context.close();
});

test("a workshop's synthesis of the same day as one person's answers says whose each is before « Remplacer »", async () => {
  const context = await app.browser.isolated();
  const page = await openPage(context, app.server.url);
  await importLobbes(page);
  const synthesis = lobbesSavedLater();
  Object.assign(synthesis.profile, { respondent_name: "synthèse de 5 répondants", respondent_role: "", consolidated_respondents: 5 });
  await page.setInputFiles("[data-testid=import-input]", writeFiles([["lobbes-atelier.json", synthesis]]));
  const ask = page.locator("[data-testid=import-duplicate]");
  await ask.waitFor();
  assert.match(await ask.locator("[data-testid=import-versions]").textContent(),
    /Ce ne sont pas les mêmes réponses\. Dans ce navigateur : Évaluation remplie par Marie Dubois[^.]*\. Dans le fichier : Consolidation des réponses de 5 répondants\. Pour garder les deux, importez le fichier comme nouvelle évaluation\.$/);
  assert.equal(await ask.locator("[data-testid=import-merge]").count(), 0);
  // A colleague's own answers of the same day: the two can be brought together.
  await page.click("[data-testid=import-keep-both]");
  const colleague = lobbesSavedLater();
  Object.assign(colleague.profile, { respondent_name: "Luc Martin", respondent_role: "Échevin" });
  await page.setInputFiles("[data-testid=import-input]", writeFiles([["lobbes-echevin.json", colleague]]));
  const theirs = page.locator("[data-testid=import-duplicate]", { hasText: "lobbes-echevin.json" });
  await theirs.waitFor();
  assert.match(await theirs.locator("[data-testid=import-versions]").textContent(),
    /Dans le fichier : Évaluation remplie par Luc Martin \(Échevin\)\. Pour garder les deux, importez le fichier comme nouvelle évaluation\.$/);
  // « Plusieurs répondants » is a link to the screen that brings them together.
  assert.match(await theirs.textContent(), /Pour réunir ensuite leurs réponses en une synthèse : Plusieurs répondants\./);
  assert.match(await theirs.locator("[data-testid=import-merge]").evaluate((a) => a.href), /\/outils\/#\/consolider$/);
  // Keeping both comes first, in words that do not discourage it: « Remplacer » would put one
  // person's answers over another's.
  assert.equal((await theirs.locator("[data-testid=import-keep-both]").textContent()).trim(), "Garder les deux : importer le fichier comme nouvelle évaluation");
  assert.deepEqual(await theirs.locator("button").evaluateAll((b) => b.map((x) => x.dataset.testid ?? x.textContent.trim())).then((ids) => ids.slice(0, 2)), ["import-keep-both", "import-replace"]);
  // The same person's later copy says nothing of the kind.
  await page.click("[data-testid=import-keep-both]");
  await page.setInputFiles("[data-testid=import-input]", writeFiles([["lobbes-bureau.json", lobbesSavedLater()]]));
  await page.locator("[data-testid=import-duplicate]", { hasText: "lobbes-bureau.json" }).waitFor();
  assert.doesNotMatch(await page.locator("[data-testid=import-duplicate]", { hasText: "lobbes-bureau.json" }).textContent(), /pas les mêmes réponses/);
  assert.equal(await page.locator("[data-testid=import-duplicate]", { hasText: "lobbes-bureau.json" }).locator("[data-testid=import-merge]").count(), 0);
  assert.equal(await page.locator("[data-testid=import-duplicate]", { hasText: "lobbes-bureau.json" }).locator("button").first().getAttribute("data-testid"), "import-replace");
  await assertClean(page);
  await context.close();
});

test("a newer file of a diagnostic already here can replace it, and « Annuler » brings the replaced one back", async () => {
  const context = await app.browser.isolated();
  const page = await openPage(context, app.server.url);
  await importLobbes(page);
  const [copy] = writeFiles([["lobbes-bureau.json", lobbesSavedLater()]]);
  await page.setInputFiles("[data-testid=import-input]", copy);
  await page.locator("[data-testid=import-duplicate]").waitFor();
  await page.click("[data-testid=import-replace]");
  await page.locator("[data-testid=import-results]", { hasText: "a été importée" }).waitFor();
  await page.goto(`${app.server.url}outils/#/evaluations`);
  const rows = page.locator("[data-testid=assessment-row]", { hasText: "Lobbes" });
  // The notice says the file replaced the copy, not that the user deleted it.
  await expectText(page, "[data-testid=undo-notice] p", "La copie de « Lobbes » qui était dans ce navigateur a été remplacée par le fichier.");
  await expectText(page, "[data-testid=undo-delete]", "Garder aussi l'ancienne copie");
  assert.equal(await rows.count(), 1, "the copy here was replaced");
  // Still so after a reload: the stored trash remembers why it holds the copy.
  await page.reload();
  await expectText(page, "[data-testid=undo-notice] p", "La copie de « Lobbes » qui était dans ce navigateur a été remplacée par le fichier.");
  // The questionnaire, which imports nothing, does not call the replaced copy « supprimée ».
  await page.goto(`${app.server.url}#/`);
  await ready(page);
  assert.equal(await page.locator("[data-testid=undo-notice]").count(), 0);
  await page.goto(`${app.server.url}outils/#/evaluations`);
  await expectText(page, "[data-testid=undo-delete]", "Garder aussi l'ancienne copie");
  const replacing = await rows.locator(".assessment__meta").textContent();
  await page.click("[data-testid=undo-delete]");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=assessment-row]").length === 2);
  assert.equal(await rows.count(), 2, "« Annuler » brings the replaced copy back beside the file's");
  assert.ok((await rows.locator(".assessment__meta").allTextContents()).includes(replacing));
  await assertClean(page);
  await context.close();
});

test("the answers export as CSV, one row per question", async () => {
  const page = await openPage(app.browser, app.server.url);
  await createAssessment(page, app.server.url, "Pont-à-Celles");
  await answerPillar(page, app.server.url, "economie", 4);
  await page.goto(`${app.server.url}outils/#/resultats`);
  await page.waitForSelector("[data-testid=radar-chart] svg");
  const csv = await downloadText(page, "[data-testid=download-csv]");
  const lines = csv.text.replace(/^\uFEFF/, "").trim().split("\r\n");
  assert.equal(lines.length, 48, "a header and one row per question");
  assert.ok(lines.some((l) => l.startsWith("economie;Économie;") && l.includes(";4;Intégré;")));
  await assertClean(page);
});

test("the report prints to an A4 PDF with every section", async () => {
  const page = await openPage(app.browser, app.server.url);
  await createAssessment(page, app.server.url, "Momignies");
  for (const [p, pillar] of PILLARS.entries()) await answerPillar(page, app.server.url, pillar, (_, i) => ((i * 2 + p) % 5) + 1);
  await openPillar(page, app.server.url, "mobilite");
  await page.fill("#note-mob_pcm", "PCM de 2012, révision votée en 2025");
  await page.goto(`${app.server.url}outils/#/rapport`);
  await page.waitForSelector("[data-testid=report] svg");
  const text = await page.textContent("[data-testid=report]");
  for (const part of ["Profil de la commune", "Maturité par pilier", "Feuille de route", "Toutes les réponses", "PCM de 2012, révision votée en 2025", "Court terme"]) {
    assert.ok(text.includes(part), `report lacks ${part}`);
  }
  await page.emulateMedia({ media: "print" });
  const pdf = path.join(resultsDir(), "report.pdf");
  await page.pdf({ path: pdf, format: "A4", printBackground: true });
  const bytes = fs.readFileSync(pdf);
  assert.equal(bytes.subarray(0, 5).toString(), "%PDF-");
  const pages = (bytes.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.ok(pages >= 4, `${pages} pages: one section per page at least`);
  await assertClean(page);
});
