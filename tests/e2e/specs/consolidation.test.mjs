// Consolidating respondents never mixes communes or counts a person twice, shows who is
// loaded, and names the result as a group everywhere.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { useApp, openPage, assertClean, resultsDir, expectText, downloadText, DIST, readDistJson, createAssessment, answerPillar } from "../lib/harness.mjs";
import { writeFiles, example } from "../lib/summaries.mjs";

const app = useApp();

const respondent = (commune, nis, who, role, levels) => {
  const s = example();
  Object.assign(s.profile, { commune, nis_code: nis, respondent_name: who, respondent_role: role, date: "2026-11-20" });
  s.answers.forEach((a, i) => (a.level = levels(i)));
  return s;
};

/** A summary as a text editor saves it in UTF-16, with its byte-order mark. */
function utf16(summary) {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(summary, null, 2), "utf16le")]);
}

test("a file of another commune and a respondent loaded twice are refused, with who is loaded and « Retirer »", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await openPage(context, app.server.url);
  const mayor = respondent("Courcelles", "52015", "Paul Hermant", "Bourgmestre", (i) => (i % 5) + 1);
  const files = writeFiles([
    ["bourgmestre.json", mayor],
    ["dg.json", respondent("Courcelles", "52015", "Marie Dubois", "Directrice générale", (i) => ((i + 2) % 5) + 1)],
    // Luc opened his file in Notepad and saved it again as UTF-16: it still loads.
    ["informaticien.json", utf16(respondent("Courcelles", "52015", "Luc Martin", "Informaticien", () => 3))],
  ]);
  const [again, walcourt] = writeFiles([
    ["bourgmestre-encore.json", mayor],
    ["walcourt.json", respondent("Walcourt", "93088", "Agent Walcourt", "", () => 2)],
  ]);
  await page.goto(`${app.server.url}outils/#/consolider`);
  await page.locator("[data-testid=consolidate-input]").waitFor({ state: "attached" });
  // This browser holds no assessment: no « ou ajoutez des évaluations déjà dans ce navigateur : » leading nowhere.
  assert.doesNotMatch(await page.textContent("main"), /déjà dans ce navigateur/);
  await page.setInputFiles("[data-testid=consolidate-input]", files);
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 3);
  await page.setInputFiles("[data-testid=consolidate-input]", [again, walcourt]);
  const errors = page.locator("[data-testid=consolidate-errors] li");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=consolidate-errors] li").length === 2);
  const messages = (await errors.allTextContents()).join("\n");
  assert.match(messages, /walcourt\.json : ce résumé porte sur Walcourt, pas sur Courcelles/);
  assert.match(messages, /bourgmestre-encore\.json : Paul Hermant \(Bourgmestre\) figure déjà parmi les répondants chargés/);
  assert.equal(await page.locator("[data-testid=loaded-respondent]").count(), 3, "neither was added");
  assert.equal(await page.locator("[data-testid=workshop-unkept]").count(), 0, "the tab keeps the workshop");
  assert.equal(await page.textContent("[data-testid=loaded-title]"), "Répondants chargés (3)");
  assert.match(await page.textContent("[data-testid=loaded-respondents]"), /Marie Dubois \(Directrice générale\) · 20\/11\/2026/);
  // 47 questions: the table scrolls in its own box, and its heading (who each column is)
  // stays in view.
  const heading = await page.evaluate(() => {
    const box = document.querySelector("[data-testid=consolidate-table]").closest(".consolidate-scroll");
    box.scrollTop = box.scrollHeight;
    const top = (element) => element.getBoundingClientRect().top;
    return { scrolled: box.scrollTop, box: top(box), heading: top(box.querySelector("thead th")) };
  });
  assert.ok(heading.scrolled > 300, JSON.stringify(heading));
  assert.ok(Math.abs(heading.heading - heading.box) < 2, JSON.stringify(heading));
  assert.doesNotMatch(await page.textContent("[data-testid=consolidate-table]"), /Walcourt/);
  await page.screenshot({ path: path.join(resultsDir(), "consolidation-wrong-file-1366.png"), fullPage: true });

  // « Retirer » takes a respondent out of the comparison.
  await page.getByRole("button", { name: "Retirer Luc Martin (Informaticien)" }).click();
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 2);
  assert.doesNotMatch(await page.textContent("[data-testid=consolidate-table] thead"), /Luc Martin/);
  // The keyboard is not lost with the button: it is on the respondents' heading.
  await page.waitForFunction(() => document.activeElement?.id === "respondents-title");

  // The result is named as a group, on the results and in the list of assessments.
  assert.equal(await page.inputValue("#consolidated-name"), "synthèse de 2 répondants");
  // The commune comes before the name on every screen: the facilitator need not type it.
  assert.equal(await page.textContent("#consolidated-name-hint"), "« Mes évaluations » et l'en-tête le font précéder du nom de la commune : « Courcelles — synthèse de 2 répondants ».");
  await page.click("[data-testid=save-consolidated]");
  await page.waitForURL(/#\/resultats$/);
  await page.waitForFunction(() => /Courcelles — synthèse de 2 répondants/.test(document.querySelector("main h1")?.textContent ?? ""));
  assert.equal(await page.textContent(".site-nav__current"), "Courcelles — synthèse de 2 répondants");
  // The summary IGRETEC receives names who took part, and so do the report and the list.
  const summary = JSON.parse((await downloadText(page, "[data-testid=download-summary]")).text);
  assert.equal(summary.profile.consolidated_respondents, 2);
  // A partial synthesis is already the answers brought together: no « answered for your
  // service only? » for the facilitator who made it.
  await page.locator("[data-testid=handover-incomplete]").waitFor();
  assert.equal(await page.locator("[data-testid=handover-part-only]").count(), 0);
  // What the file holds is a group's, not the facilitator's own name and answers.
  const panel = await page.textContent("[data-testid=handover]");
  assert.match(panel, /Il contient ce que l'intercommunale lit : le nom de la synthèse et ses participants, les réponses retenues et les notes,/);
  assert.doesNotMatch(panel, /votre nom et votre fonction/);
  // Files are read in parallel: the two may come in either order.
  const both = /^(Paul Hermant \(Bourgmestre\), Marie Dubois \(Directrice générale\)|Marie Dubois \(Directrice générale\), Paul Hermant \(Bourgmestre\))$/;
  assert.match(summary.profile.participants.join(", "), both);
  await page.goto(`${app.server.url}outils/#/rapport`);
  await page.locator("[data-testid=report]").waitFor();
  assert.match(
    (await page.locator("[data-testid=report] tr", { hasText: "Participants" }).textContent()).replace(/^Participants/, ""),
    both,
  );
  // The group's label is not a person: no « respondent » or « role » row for it.
  assert.equal(await page.locator("[data-testid=report] tr", { hasText: "Nom de la personne qui répond" }).count(), 0);
  assert.equal(await page.locator("[data-testid=report] tr", { hasText: "Fonction" }).count(), 0);
  await page.goto(`${app.server.url}outils/#/evaluations`);
  const row = page.locator("[data-testid=assessment-row]", { hasText: "Courcelles — synthèse de 2 répondants" });
  await row.waitFor();
  assert.match(await row.textContent(), new RegExp(both.source.slice(1, -1)));
  await assertClean(page);
  await context.close();
});

test("a respondent who brings the copy of their answers instead of a summary is loaded; a damaged copy says so", async () => {
  // The mobility officer answered on their own laptop and saved the results' first button: a copy.
  const officer = await app.browser.isolated();
  const laptop = await openPage(officer, app.server.url);
  await createAssessment(laptop, app.server.url, "Courcelles");
  await laptop.fill("#respondent", "Luc Martin");
  await answerPillar(laptop, app.server.url, "mobilite", 2);
  const { text: copy } = await downloadText(laptop, "[data-testid=download-nudge] [data-testid=download-copy], [data-testid=status-copy]");
  assert.equal(JSON.parse(copy).format, "autodiag-backup");
  await officer.close();
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await openPage(context, app.server.url);
  const damaged = JSON.parse(copy);
  damaged.assessments[0].assessment = 5;
  await page.goto(`${app.server.url}outils/#/consolider`);
  await page.locator("[data-testid=consolidate-input]").waitFor({ state: "attached" });
  await page.setInputFiles("[data-testid=consolidate-input]", writeFiles([
    ["dg.json", respondent("Courcelles", "52015", "Marie Dubois", "Directrice générale", () => 4)],
    ["autodiag-sauvegarde-courcelles.json", copy],
    ["copie-abimee.json", damaged],
  ]));
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 2);
  assert.match(await page.textContent("[data-testid=loaded-respondents]"), /Luc Martin/);
  assert.match(await page.textContent("main"), /Charger les fichiers des répondants : résumés ou copies de sauvegarde \(JSON\)/);
  await expectText(page, "[data-testid=consolidate-errors]", "copie-abimee.json : cette copie de sauvegarde est abîmée et ne peut pas être relue. Essayez une copie plus ancienne, ou le résumé enregistré pour IGRETEC.");
  assert.doesNotMatch(await page.textContent("[data-testid=consolidate-errors]"), /demandez à la commune/);
  await assertClean(page);
  await context.close();
});

test("a tab that cannot keep the workshop says so, for the facilitator to save before leaving", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  // This tab's storage refuses the workshop, as a full one does.
  await context.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (this === window.sessionStorage && key === "autodiag.workshop") throw new DOMException("full", "QuotaExceededError");
      return setItem.call(this, key, value);
    };
  });
  const page = await openPage(context, app.server.url);
  await page.goto(`${app.server.url}outils/#/consolider`);
  await page.locator("[data-testid=consolidate-input]").waitFor({ state: "attached" });
  // Nothing loaded, nothing to lose.
  assert.equal(await page.locator("[data-testid=workshop-unkept]").count(), 0);
  await page.setInputFiles(
    "[data-testid=consolidate-input]",
    writeFiles([["dg.json", respondent("Courcelles", "52015", "Marie Dubois", "Directrice générale", () => 3)]]),
  );
  await expectText(
    page,
    "[data-testid=workshop-unkept]",
    "Cet onglet n'a pas pu garder l'atelier (stockage du navigateur désactivé ou plein) : enregistrez la synthèse avant de recharger ou de quitter la page, sinon les répondants chargés seront perdus.",
  );
  assert.equal(await page.getAttribute("[data-testid=workshop-unkept]", "role"), "alert");
  await assertClean(page);
  await context.close();
});

test("a consolidation says how many of its people gave no name", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await openPage(context, app.server.url);
  const files = writeFiles([
    ["bourgmestre.json", respondent("Courcelles", "52015", "Paul Hermant", "Bourgmestre", (i) => (i % 5) + 1)],
    ["sans-nom.json", respondent("Courcelles", "52015", "", "", () => 3)],
  ]);
  await page.goto(`${app.server.url}outils/#/consolider`);
  await page.locator("[data-testid=consolidate-input]").waitFor({ state: "attached" });
  await page.setInputFiles("[data-testid=consolidate-input]", files);
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 2);
  await page.click("[data-testid=save-consolidated]");
  await page.waitForURL(/#\/resultats$/);
  await page.goto(`${app.server.url}outils/#/rapport`);
  await page.locator("[data-testid=report]").waitFor();
  assert.equal(
    await page.locator("[data-testid=report] tr", { hasText: "Participants" }).textContent(),
    "ParticipantsPaul Hermant (Bourgmestre) et 1 personne sans nom",
  );
  await page.goto(`${app.server.url}outils/#/evaluations`);
  const row = page.locator("[data-testid=assessment-row]", { hasText: "synthèse de 2 répondants" });
  await row.waitFor();
  assert.match(await row.textContent(), /Paul Hermant \(Bourgmestre\) et 1 personne sans nom/);
  // Loaded again into a workshop, the synthesis says whose it is.
  await page.goto(`${app.server.url}outils/#/consolider`);
  await page.locator("[data-testid=consolidate-add-local]").first().click();
  await expectText(
    page,
    "[data-testid=loaded-respondent] span",
    // Dated the day of the workshop that made it, not the day of the first file loaded.
    `synthèse de 2 répondants — Paul Hermant (Bourgmestre) et 1 personne sans nom · ${await page.evaluate(() => new Date().toLocaleDateString("fr-BE", { day: "2-digit", month: "2-digit", year: "numeric" }))}`,
  );
  await assertClean(page);
  await context.close();
});

test("the table shows each person's note under their answer; the synthesis is dated the workshop's day and, loaded again, weighs as its people", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await openPage(context, app.server.url);
  const dg = respondent("Courcelles", "52015", "Marie Dubois", "DG", () => 3);
  dg.answers.forEach((a) => delete a.note);
  dg.answers[0].note = "Le PCM date de 2012";
  const mayor = respondent("Courcelles", "52015", "Paul Hermant", "Bourgmestre", () => 4);
  mayor.answers.forEach((a) => delete a.note);
  mayor.profile.date = "2026-11-22";
  await page.goto(`${app.server.url}outils/#/consolider`);
  await page.locator("[data-testid=consolidate-input]").waitFor({ state: "attached" });
  await page.setInputFiles("[data-testid=consolidate-input]", writeFiles([["dg.json", dg], ["bourgmestre.json", mayor]]));
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 2);
  // The example predates today's référentiel: other rows carry the migration's own notes.
  const notes = page.locator("[data-testid=spread-mob_pcm] [data-testid=respondent-note]");
  assert.deepEqual(await notes.allTextContents(), ["Le PCM date de 2012"]);
  const hint = page.locator("section[aria-labelledby=table-title] .hint").first();
  assert.doesNotMatch(await hint.textContent(), /Une synthèse chargée/, "no synthesis loaded, nothing to explain");
  // Both describe the commune alike: nothing to check in its profile.
  assert.equal(await page.locator("[data-testid=profile-differs]").count(), 0);
  await page.click("[data-testid=save-consolidated]");
  await page.waitForURL(/#\/resultats$/);
  const today = await page.evaluate(() => new Date().toLocaleDateString("fr-BE", { day: "2-digit", month: "2-digit", year: "numeric" }));
  await page.goto(`${app.server.url}outils/#/evaluations`);
  const row = page.locator("[data-testid=assessment-row]", { hasText: "synthèse de 2 répondants" });
  await row.waitFor();
  assert.match(await row.locator(".assessment__meta").textContent(), new RegExp(`^${today.replaceAll("/", "\\/")}`));
  // Correcting the name starts from the commune's, not from the list's « Courcelles — synthèse… ».
  await row.getByRole("button", { name: "Corriger le nom" }).click();
  assert.equal(await row.locator("input[type=text]").inputValue(), "Courcelles");
  await row.getByRole("button", { name: "Annuler" }).click();
  // A newcomer joins: the synthesis counts as its two people, and the rule says so.
  const newcomer = respondent("Courcelles", "52015", "Sophie Lambert", "Échevine", () => 1);
  newcomer.answers.forEach((a) => delete a.note);
  // She, the latest, puts the commune in another band of population than the two before her.
  newcomer.profile.population = "20000_to_50000";
  await page.goto(`${app.server.url}outils/#/consolider`);
  await page.locator("[data-testid=consolidate-add-local]").first().click();
  await page.setInputFiles("[data-testid=consolidate-input]", writeFiles([["echevine.json", newcomer]]));
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 2);
  await page.waitForFunction(() => /Une synthèse chargée compte pour autant de voix que de personnes/.test(document.querySelector("section[aria-labelledby=table-title] .hint")?.textContent ?? ""));
  // The synthesis's note keeps its one signature.
  assert.deepEqual(await notes.allTextContents(), ["Marie Dubois (DG) : Le PCM date de 2012"]);
  // The room settles answers, not the commune's figures: the facilitator is told they differ.
  await expectText(page, "[data-testid=profile-differs]", "Les répondants ne décrivent pas la commune de la même façon (nombre d'habitants) : la synthèse reprend la réponse la plus fréquente. Vérifiez-la dans « Profil de la commune » une fois la synthèse enregistrée.");
  // Someone the synthesis already counts is not counted again from their own file.
  await page.setInputFiles("[data-testid=consolidate-input]", writeFiles([["dg-encore.json", dg]]));
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=consolidate-errors] li").length === 1);
  assert.match(
    await page.textContent("[data-testid=consolidate-errors]"),
    /dg-encore\.json : Marie Dubois \(DG\) compte déjà dans « synthèse de 2 répondants » : ce fichier n'est pas ajouté/,
  );
  assert.equal(await page.locator("[data-testid=loaded-respondent]").count(), 2);
  await assertClean(page);
  await context.close();
});

test("three respondents who left their name blank are three respondents, numbered", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await openPage(context, app.server.url);
  // Only the commune's name is required on the profile: the same day, no name, no role.
  const files = writeFiles([1, 2, 3].map((n) => [`sans-nom-${n}.json`, respondent("Courcelles", "52015", "", "", (i) => ((i + n) % 5) + 1)]));
  await page.goto(`${app.server.url}outils/#/consolider`);
  await page.locator("[data-testid=consolidate-input]").waitFor({ state: "attached" });
  await page.setInputFiles("[data-testid=consolidate-input]", files);
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 3);
  assert.equal(await page.locator("[data-testid=consolidate-errors] li").count(), 0);
  assert.match(await page.textContent("[data-testid=loaded-respondents]"), /#1.*#2.*#3/s);
  await assertClean(page);
  await context.close();
});

test("an assessment of this browser already added is marked « Ajoutée » and cannot be added twice", async () => {
  const context = await app.browser.isolated();
  const page = await openPage(context, app.server.url);
  const [file] = writeFiles([["dg.json", respondent("Lobbes", "56044", "Marie Dubois", "DG", () => 3)]]);
  // Put one assessment in this browser by importing it.
  await page.goto(`${app.server.url}outils/#/importer`);
  await page.setInputFiles("[data-testid=import-input]", file);
  await page.locator("[data-testid=imported-open]").click();
  // Open, the diagnostic shows its copy line on its own pages.
  await page.locator("[data-testid=last-download]").waitFor();
  await page.goto(`${app.server.url}outils/#/consolider`);
  const add = page.locator("[data-testid=consolidate-add-local]").first();
  await add.waitFor();
  assert.match(await page.textContent("main"), /ou ajoutez des évaluations déjà dans ce navigateur :/);
  // The open diagnostic's copy line is not about the files of a workshop: not shown here.
  assert.equal(await page.locator("[data-testid=last-download], [data-testid=download-nudge]").count(), 0);
  await add.click();
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 1);
  assert.equal((await add.textContent()).trim(), "Ajoutée");
  assert.ok(await add.isDisabled());
  // With the mayor's file, the workshop is saved: « Mes évaluations » then says, beside
  // Marie's own answers, which of the two goes to IGRETEC.
  await page.setInputFiles("[data-testid=consolidate-input]", writeFiles([["bourgmestre.json", respondent("Lobbes", "56044", "Paul Hermant", "Bourgmestre", () => 1)]]));
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 2);
  await page.fill("#consolidated-name", "Atelier du 8 décembre");
  await page.click("[data-testid=save-consolidated]");
  await page.waitForURL(/#\/resultats$/);
  await page.goto(`${app.server.url}outils/#/evaluations`);
  // Elsewhere it is: the synthesis just saved is the open diagnostic.
  await page.locator("[data-testid=last-download]").waitFor();
  const marie = page.locator("[data-testid=assessment-row]", { has: page.locator(".assessment__name", { hasText: /^Lobbes$/ }) });
  await expectText(page, "[data-testid=counted-in]", "Ces réponses comptent dans la synthèse « Lobbes — Atelier du 8 décembre » : c'est elle qu'il faut envoyer à IGRETEC.");
  assert.equal(await marie.locator("[data-testid=counted-in]").count(), 1);
  assert.equal(await page.locator("[data-testid=counted-in]").count(), 1, "only the participant's row says it");
  await assertClean(page);
  await context.close();
});

test("a respondent who answered again counts once, with the later file's answers, whichever file is picked first", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await openPage(context, app.server.url);
  const marie = (levels, saved) => Object.assign(respondent("Courcelles", "52015", "Marie Dubois", "Directrice générale", levels), { generated_at: saved });
  const [earlier, later, mayor] = writeFiles([
    ["marie-lundi.json", marie(() => 2, "2026-11-20T09:00:00Z")],
    ["marie-jeudi.json", marie(() => 4, "2026-11-23T15:30:00Z")],
    ["bourgmestre.json", respondent("Courcelles", "52015", "Paul Hermant", "Bourgmestre", () => 1)],
  ]);
  // Files are read in parallel: find Marie's column by its heading.
  const marieColumn = () => page.evaluate(() => {
    const heads = [...document.querySelectorAll("[data-testid=consolidate-table] thead th")].map((th) => th.textContent);
    return document.querySelector("[data-testid^=spread-]").children[heads.findIndex((h) => /Marie Dubois/.test(h))].textContent;
  });
  for (const [first, then, message] of [
    [[earlier, mayor], [later], /marie-jeudi\.json : remplace un fichier précédent de la même personne, Marie Dubois \(Directrice générale\) : seules ses réponses les plus récentes sont comptées\./],
    [[later, mayor], [earlier], /marie-lundi\.json : Marie Dubois \(Directrice générale\) figure déjà parmi les répondants chargés/],
  ]) {
    await page.goto(`${app.server.url}outils/#/consolider`);
    await page.reload();
    await page.locator("[data-testid=consolidate-input]").waitFor({ state: "attached" });
    await page.setInputFiles("[data-testid=consolidate-input]", first);
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 2);
    await page.setInputFiles("[data-testid=consolidate-input]", then);
    await page.waitForFunction(() => document.querySelector("[data-testid=consolidate-errors] li"));
    assert.match(await page.textContent("[data-testid=consolidate-errors]"), message);
    assert.equal(await page.locator("[data-testid=loaded-respondent]").count(), 2, "Marie counts once");
    assert.match(await marieColumn(), /^4\b/, "with Thursday's answers");
    if (then[0] === later) await page.screenshot({ path: path.join(resultsDir(), "consolidation-replaced-1366.png") });
  }
  await assertClean(page);
  await context.close();
});

test("the questions to discuss project one at a time, in large type, driven by the keys of projector mode", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1280, height: 720 } });
  const page = await openPage(context, app.server.url);
  const files = writeFiles([
    ["dg.json", respondent("Courcelles", "52015", "Marie Dubois", "Directrice générale", (i) => (i % 2 ? 1 : 4))],
    ["bourgmestre.json", respondent("Courcelles", "52015", "Paul Hermant", "Bourgmestre", () => 2)],
  ]);
  await page.goto(`${app.server.url}outils/#/consolider`);
  await page.locator("[data-testid=consolidate-input]").waitFor({ state: "attached" });
  await page.setInputFiles("[data-testid=consolidate-input]", files);
  await page.locator("[data-testid=project-discussion]").waitFor();
  const count = Number((await page.textContent("[data-testid=disagreement-count]")).match(/^(\d+) questions/)[1]);
  // « Non applicable » beside a level is discussed on any question; beside « je ne sais pas »,
  // on a legal duty only; and the rule says so.
  // The count first, in a sentence of its own, then the rule.
  assert.match(await page.textContent("[data-testid=disagreement-count]"), /^\d+ questions à discuter pour Courcelles\. Une question est à discuter quand les réponses s'écartent de 2 niveaux ou plus, ou quand un répondant la dit non applicable et d'autres donnent un niveau ; sur une obligation légale, aussi quand un répondant la dit non remplie et que les niveaux donnés diffèrent, ou la dit non applicable quand d'autres ne savent pas\.$/);
  const firstListed = await page.locator("[data-testid=disagreements] li").first().textContent();
  await page.click("[data-testid=project-discussion]");
  const slides = page.locator("[data-testid=discussion-slides]");
  await slides.waitFor();
  // Over the whole screen, focus inside it.
  assert.deepEqual(await slides.boundingBox(), { x: 0, y: 0, width: 1280, height: 720 });
  await page.waitForFunction(() => document.activeElement?.closest("[data-testid=discussion-slides]"));
  assert.equal(await page.textContent("[data-testid=discussion-counter]"), `Question à discuter 1 sur ${count}`);
  const title = await page.textContent("[data-testid=discussion-slide] h2");
  assert.ok(firstListed.startsWith(`${title} — `), `${firstListed} / ${title}`);
  // Each answer once, highest level first, with who chose it.
  const levels = await page.locator("[data-testid=discussion-slide] li strong").allTextContents();
  assert.equal(levels.length, 2);
  assert.match(levels[0], /^4 · /);
  assert.match(levels[1], /^2 · /);
  const answers = await page.locator("[data-testid=discussion-slide] li").allTextContents();
  assert.ok(answers[0].startsWith(`${levels[0]} : Marie Dubois (Directrice générale)`), answers[0]);
  assert.ok(answers[1].startsWith(`${levels[1]} : Paul Hermant (Bourgmestre)`), answers[1]);
  // Each answer with what its level says, for the group to check against the commune.
  const textsFile = fs.readdirSync(DIST).find((f) => /^questions\.fr\..*\.json$/.test(f));
  const texts = readDistJson(textsFile);
  const says = await page.locator("[data-testid=discussion-slide] li .projector__says").allTextContents();
  const question = Object.values(texts).find((q) => q.title === title);
  assert.ok(question, `the texts of « ${title} »`);
  assert.deepEqual(says, [question.levels[3], question.levels[1]]);
  // Readable from the back of the room: at least 20 px on a 720p screen.
  const px = await page.$eval("[data-testid=discussion-slide] li", (li) => parseFloat(getComputedStyle(li).fontSize));
  assert.ok(px >= 20, `${px}px`);
  await page.screenshot({ path: path.join(resultsDir(), "consolidation-discussion-1280x720.png") });
  // The slides as a dialog over the page pass axe's WCAG 2.1 A and AA rules.
  await page.evaluate(fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8"));
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0].target.join(" ")}`);
  });
  assert.deepEqual(violations, []);
  // The group settles the question on its slide: the bar's select starts at the proposal,
  // and the table follows what the group chose.
  const [questionId] = Object.entries(texts).find(([, q]) => q.title === title);
  // The table, as the slide, says the question is still to settle, and what is proposed.
  assert.equal(await page.inputValue(`#consolidated-${questionId}`), "pending");
  const proposal = (await page.$eval(`#consolidated-${questionId}`, (s) => s.selectedOptions[0].textContent)).match(/^À décider \(proposé : ([1-5])\)$/)?.[1];
  assert.ok(proposal, "the table shows the proposal, not « — »");
  // With a proposal, « — » (no answer) is not offered: the group cannot blank a question by mistake.
  assert.equal(await page.locator(`#consolidated-${questionId} option[value=""]`).count(), 0);
  // Nothing is settled yet: the slide's select says so, with the proposal, and no answer is marked.
  assert.equal(await page.inputValue("#discussion-decision"), "pending");
  assert.match(await page.$eval("#discussion-decision", (s) => s.selectedOptions[0].textContent), new RegExp(`^À décider \\(proposé : ${proposal}\\)$`));
  // The facilitator reads the whole of it: the select is not narrower than its text.
  const fits = await page.$eval("#discussion-decision", (select) => {
    const context = document.createElement("canvas").getContext("2d");
    const style = getComputedStyle(select);
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    return context.measureText(select.selectedOptions[0].textContent).width + 32 <= select.getBoundingClientRect().width;
  });
  assert.ok(fits, "the slide's « Niveau retenu » shows its whole text");
  const kept = page.locator("[data-testid=discussion-slide] li:has([data-testid=discussion-kept])");
  assert.equal(await kept.count(), 0);
  // The room sees the proposal on the slide, not only in the facilitator's bar.
  assert.match(await page.textContent("[data-testid=discussion-proposal]"), new RegExp(`^Proposition : ${proposal} · `));
  // The column of the table's selects is named as the slide's: « Niveau retenu ».
  assert.equal(await page.locator("[data-testid=consolidate-table] thead th").last().textContent(), "Niveau retenu");
  // Choosing the proposal itself settles the question: its answer is marked on the slide.
  await page.selectOption("#discussion-decision", proposal);
  await kept.waitFor();
  assert.equal(await page.locator("[data-testid=discussion-proposal]").count(), 0);
  assert.match(await kept.locator("strong").textContent(), new RegExp(`^${proposal} · `));
  assert.match(await kept.textContent(), /^réponse retenue/);
  assert.equal(await kept.locator("[data-testid=discussion-kept]").evaluate((m) => getComputedStyle(m, "::first-letter").textTransform), "uppercase");
  await page.waitForFunction(() => /réponse retenue/.test(document.querySelector("[data-testid=disagreements] li [data-testid=retained]")?.textContent));
  // Another answer kept moves the mark; no line is added to the slide for an answer someone gave.
  const agreed = proposal === "4" ? "2" : "4";
  await page.selectOption("#discussion-decision", agreed);
  await page.waitForFunction((level) => document.querySelector("[data-testid=discussion-slide] li:has([data-testid=discussion-kept]) strong")?.textContent.startsWith(`${level} · `), agreed);
  assert.equal(await kept.count(), 1);
  assert.equal(await page.locator("[data-testid=discussion-retained]").count(), 0);
  await page.screenshot({ path: path.join(resultsDir(), "consolidation-discussion-retained.png") });
  await page.focus("#discussion-decision");
  await page.keyboard.press("ArrowRight");
  await expectText(page, "[data-testid=discussion-counter]", `Question à discuter 2 sur ${count}`);
  const secondTitle = await page.textContent("[data-testid=discussion-slide] h2");
  assert.notEqual(secondTitle, title);
  // The keyboard stays on the select, which now settles the second question.
  await page.waitForFunction(() => document.activeElement?.id === "discussion-decision");
  const [secondId] = Object.entries(texts).find(([, q]) => q.title === secondTitle);
  assert.equal(await page.inputValue("#discussion-decision"), "pending");
  assert.equal(await page.inputValue(`#consolidated-${secondId}`), "pending");
  // A duty that binds every commune is never « non applicable », here as in the questionnaire.
  assert.equal(await page.locator("#consolidated-gou_donnees_ouvertes_odwb option[value=unknown]").count(), 1);
  assert.equal(await page.locator("#consolidated-gou_donnees_ouvertes_odwb option[value=na]").count(), 0);
  assert.equal(await page.locator("#consolidated-mob_pcm option[value=na]").count(), 1);
  // Home and End move between slides as in the projector mode, even from the select: they
  // never change a decision (End used to pick « Non applicable », on a legal duty too).
  await page.keyboard.press("End");
  await expectText(page, "[data-testid=discussion-counter]", `Question à discuter ${count} sur ${count}`);
  await page.keyboard.press("Home");
  await expectText(page, "[data-testid=discussion-counter]", `Question à discuter 1 sur ${count}`);
  await page.keyboard.press("ArrowRight");
  await expectText(page, "[data-testid=discussion-counter]", `Question à discuter 2 sur ${count}`);
  assert.equal(await page.inputValue(`#consolidated-${secondId}`), "pending");
  // An answer nobody gave is said under the title, for the room.
  await page.selectOption("#discussion-decision", "unknown");
  await expectText(page, "[data-testid=discussion-retained]", "réponse retenue : Je ne sais pas");
  await page.focus("#discussion-decision");
  // Tab never leaves the dialog for the table beneath: from its last control back to its first.
  await page.keyboard.press("Tab");
  assert.ok(await page.evaluate(() => document.activeElement.closest("[data-testid=discussion-slides]") && document.activeElement.tagName === "BUTTON"));
  await page.keyboard.press("Shift+Tab");
  await page.waitForFunction(() => document.activeElement?.id === "discussion-decision");
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("Tab");
    assert.ok(await page.evaluate(() => document.activeElement.closest("[data-testid=discussion-slides]")), `Tab ${i + 1} stays in the slides`);
  }
  // A click on the slide's text leaves focus on the page: Tab still comes back into the dialog.
  await page.click("[data-testid=discussion-slide] h2");
  await page.keyboard.press("Tab");
  assert.ok(await page.evaluate(() => document.activeElement.closest("[data-testid=discussion-slides]")), "Tab after a click on the text");
  await page.keyboard.press("End");
  await expectText(page, "[data-testid=discussion-counter]", `Question à discuter ${count} sur ${count}`);
  // On the last slide « Suivante » says it does nothing, « Précédente » does not.
  assert.deepEqual(await page.$$eval("#discussion-previous, #discussion-next", (b) => b.map((x) => x.getAttribute("aria-disabled"))), ["false", "true"]);
  await page.keyboard.press("Escape");
  await slides.waitFor({ state: "detached" });
  await page.waitForFunction(() => document.activeElement?.dataset.testid === "project-discussion");
  assert.equal(await page.inputValue(`#consolidated-${questionId}`), agreed);
  // In the table, a question the group settled is no longer « à discuter »; the others still are.
  assert.doesNotMatch(await page.textContent(`[data-testid=spread-${questionId}]`), /à discuter/);
  const stillToDiscuss = await page.locator("[data-testid^=spread-].disagree").evaluateAll((rows) => rows.filter((r) => /à discuter/.test(r.textContent)).length);
  assert.equal(stillToDiscuss, count - 2, "the first two questions were settled on their slides");
  // From the table too, keeping the proposal itself settles a question.
  const third = page.locator("[data-testid^=spread-].disagree", { hasText: "à discuter" }).last();
  const thirdSelect = third.locator("select");
  const thirdProposal = (await thirdSelect.evaluate((s) => s.selectedOptions[0].textContent)).match(/^À décider \(proposé : ([1-5])\)$/)[1];
  const thirdRow = page.locator(`[data-testid=${await third.getAttribute("data-testid")}]`);
  const toDiscuss = (n) => page.waitForFunction((n) => [...document.querySelectorAll("[data-testid^=spread-].disagree")].filter((r) => /à discuter/.test(r.textContent)).length === n, n);
  await thirdSelect.selectOption(thirdProposal);
  await toDiscuss(count - 3);
  // « À décider » again takes the decision back: the question is to discuss once more.
  await thirdRow.locator("select").selectOption("pending");
  await toDiscuss(count - 2);
  assert.match(await thirdRow.textContent(), /à discuter/);
  assert.match(await thirdRow.locator("select").evaluate((s) => s.selectedOptions[0].textContent), new RegExp(`^À décider \\(proposé : ${thirdProposal}\\)$`));
  await thirdRow.locator("select").selectOption(thirdProposal);
  await toDiscuss(count - 3);
  // Before saving, the facilitator reads how many questions the group left unsettled.
  const unsettled = count - 3;
  assert.equal(await page.textContent("[data-testid=unsettled]"), unsettled === 1
    ? "1 question à discuter n'a pas été tranchée : la synthèse gardera sa proposition."
    : `${unsettled} questions à discuter n'ont pas été tranchées : la synthèse gardera la proposition de chacune.`);
  // The list of questions to discuss says what the group kept, and only where it decided.
  const listed = page.locator("[data-testid=disagreements] li");
  assert.match(await listed.first().locator("[data-testid=retained]").textContent(), new RegExp(`^ — réponse retenue : ${agreed} · `));
  assert.equal((await listed.nth(2).locator("[data-testid=retained]").textContent()).trim(), "");
  await assertClean(page);
  await context.close();
});

test("a slide names the commune's network operator where its level texts speak of it, as the questionnaire does", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1280, height: 720 } });
  const page = await openPage(context, app.server.url);
  // Fontaine-l'Évêque's public lighting is ORES's; its two respondents disagree on it alone.
  const lighting = (level) => (s) => {
    s.answers.forEach((a) => (a.level = a.question_id === "ene_eclairage" ? level : 3));
    return s;
  };
  const files = writeFiles([
    ["dg.json", lighting(4)(respondent("Fontaine-l'Évêque", "", "Marie Dubois", "Directrice générale", () => 3))],
    ["echevin.json", lighting(2)(respondent("Fontaine-l'Évêque", "", "Paul Hermant", "Échevin", () => 3))],
  ]);
  await page.goto(`${app.server.url}outils/#/consolider`);
  await page.locator("[data-testid=consolidate-input]").waitFor({ state: "attached" });
  await page.setInputFiles("[data-testid=consolidate-input]", files);
  await page.click("[data-testid=project-discussion]");
  await page.locator("[data-testid=discussion-slides]").waitFor();
  assert.equal(await page.textContent("[data-testid=discussion-slide] h2"), "Éclairage public");
  const says = await page.locator("[data-testid=discussion-slide] li .projector__says").allTextContents();
  assert.equal(says.length, 2);
  assert.match(says[1], /^L'inventaire des points lumineux et le planning LED fournis par ORES sont connus/);
  // « 3 », which nobody gave, says what it means with the operator named too.
  await page.selectOption("#discussion-decision", "3");
  await expectText(page, "[data-testid=discussion-retained-says]", "Un agent désigné suit avec ORES l'avancement du LED, les pannes et la consommation annuelle de l'éclairage.");
  assert.doesNotMatch(await page.textContent("[data-testid=discussion-slides]"), /\{grd\}/);
  await assertClean(page);
  await context.close();
});

test("with eight respondents every slide to discuss fits a 720p screen, each level once with who chose it", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1280, height: 720 } });
  const page = await openPage(context, app.server.url);
  const people = [
    ["Marie-Christine Vandenbroucke", "Directrice générale"],
    ["Paul Hermant", "Bourgmestre"],
    ["Jean-François Delvaux", "Échevin de la mobilité et des travaux"],
    ["Luc Martin", "Informaticien"],
    ["Sophie Lambert", "Conseillère en environnement"],
    ["Nadia Benali", "Directrice financière"],
    ["Thierry Collard", "Chef de bureau technique"],
    ["Anne Dupont", "Agente de développement local"],
  ];
  // Every question answered at five levels by eight people: five groups on each slide.
  const summaries = people.map(([who, role], k) => respondent("Courcelles", "52015", who, role, (i) => ((i + k) % 5) + 1));
  // The DG wrote a note on every answer: folded on each slide, beside five groups.
  for (const answer of summaries[0].answers) answer.note = "Vu avec le service concerné.";
  const files = writeFiles(summaries.map((summary, k) => [`r${k}.json`, summary]));
  await page.goto(`${app.server.url}outils/#/consolider`);
  await page.locator("[data-testid=consolidate-input]").waitFor({ state: "attached" });
  await page.setInputFiles("[data-testid=consolidate-input]", files);
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 8);
  const count = Number((await page.textContent("[data-testid=disagreement-count]")).match(/^(\d+) questions/)[1]);
  await page.click("[data-testid=project-discussion]");
  await page.locator("[data-testid=discussion-slide]").waitFor();
  // A 720p screen, then a 4:3 projector.
  for (const viewport of [{ width: 1280, height: 720 }, { width: 1024, height: 768 }]) {
    await page.setViewportSize(viewport);
    await page.keyboard.press("Home");
    const size = `${viewport.width}x${viewport.height}`;
    for (let n = 1; n <= count; n++) {
      await expectText(page, "[data-testid=discussion-counter]", `Question à discuter ${n} sur ${count}`);
      const slide = await page.$eval("[data-testid=discussion-slide]", (section) => {
        const bottom = Math.min(section.getBoundingClientRect().bottom, window.innerHeight);
        const right = Math.min(section.getBoundingClientRect().right, window.innerWidth);
        const items = [...section.querySelectorAll(".projector__answers > li")];
        // The respondents' notes too (folded for eight) must fit and be read from the back of the room.
        // And the proposal, on a slide whose question is not settled yet.
        const shown = [...section.querySelectorAll("li, summary, [data-testid=discussion-proposal]")].filter((e) => e.checkVisibility());
        return {
          proposal: section.querySelector("[data-testid=discussion-proposal]")?.checkVisibility() ?? false,
          levels: items.map((li) => li.querySelector("strong").textContent),
          names: items.map((li) => li.textContent).join(" "),
          cut: shown.filter((li) => li.getBoundingClientRect().bottom > bottom + 0.5 || li.getBoundingClientRect().right > right + 0.5).length,
          px: Math.min(...[...section.querySelectorAll("li, li p, summary")].map((e) => parseFloat(getComputedStyle(e).fontSize))),
        };
      });
      if (n === 1 || slide.cut) await page.screenshot({ path: path.join(resultsDir(), `consolidation-discussion-8-${size}${n === 1 ? "" : `-${n}`}.png`) });
      assert.deepEqual(slide.levels.map((t) => t[0]), ["5", "4", "3", "2", "1"], `slide ${n}`);
      for (const [who] of people) assert.ok(slide.names.includes(who), `${who} on slide ${n}`);
      assert.equal(slide.cut, 0, `${size}, slide ${n}: an answer is cut off`);
      assert.ok(slide.proposal, `${size}, slide ${n}: the room sees the proposal`);
      // Readable from the back of the room, what each level says included.
      assert.ok(slide.px >= 20, `${size}, slide ${n}: ${slide.px}px`);
      await page.keyboard.press("ArrowRight");
    }
  }
  // The bar says how to settle a question from the keyboard: a digit picks the level at once,
  // where ↓ records each level it passes.
  await expectText(page, "[data-testid=discussion-keys]", "← → pour avancer, 1 à 5 pour trancher la question affichée, Échap pour quitter");
  await page.focus("#discussion-decision");
  await page.keyboard.press("3");
  assert.equal(await page.inputValue("#discussion-decision"), "3");
  // From anywhere on the slide, as a facilitator whose focus is on « Suivante »: each digit
  // settles it, two in a row included (the select's type-ahead lost the second).
  await page.focus("#discussion-next");
  await page.keyboard.press("4");
  await page.waitForFunction(() => document.querySelector("#discussion-decision").value === "4");
  await page.focus("#discussion-decision");
  await page.keyboard.press("2");
  await page.keyboard.press("5");
  await page.waitForFunction(() => document.querySelector("#discussion-decision").value === "5");
  // On a Belgian AZERTY keyboard, the digit row without Shift types « é » for 2: the key's
  // place decides.
  await page.focus("#discussion-next");
  await page.evaluate(() => window.dispatchEvent(new KeyboardEvent("keydown", { key: "é", code: "Digit2", bubbles: true })));
  await page.waitForFunction(() => document.querySelector("#discussion-decision").value === "2");
  assert.ok(await page.isVisible("[data-testid=discussion-kept]") || await page.isVisible("[data-testid=discussion-retained]"), "the slide shows what was settled");
  // The folded notes open from the keyboard too: Tab from the select reaches them.
  await page.keyboard.press("Home");
  await page.focus("#discussion-decision");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.closest("[data-testid=discussion-notes]") && document.activeElement.tagName), "SUMMARY");
  await assertClean(page);
  await context.close();
});

const VERSION = fs.readFileSync(path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../../content/framework.toml"), "utf8").match(/^version = "([^"]+)"/m)[1];

/** A Courcelles respondent under the current référentiel who answered only `questions`, each at `level`. */
function answeringOnly(who, questions, level) {
  const s = respondent("Courcelles", "52015", who, "", () => 3);
  s.framework.version = VERSION;
  s.answers = questions.map((question_id) => ({ question_id, level }));
  s.roadmap = null;
  return s;
}

test("a legal duty one respondent says is unmet is proposed at that answer and marked, not at the median", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await openPage(context, app.server.url);
  // Data protection's legal minimum is level 3: 4, 2 and 4 would have a median of 4.
  const answering = (who, level) => answeringOnly(who, ["gou_donnees_personnelles", "gou_documents_donnees"], level);
  const files = writeFiles([
    ["a.json", answering("Paul Hermant", 4)],
    ["b.json", answering("Marie Dubois", 2)],
    ["c.json", answering("Luc Martin", 4)],
  ]);
  await page.goto(`${app.server.url}outils/#/consolider`);
  await page.locator("[data-testid=consolidate-input]").waitFor({ state: "attached" });
  await page.setInputFiles("[data-testid=consolidate-input]", files);
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 3);
  const duty = page.locator("[data-testid=spread-gou_donnees_personnelles]");
  const proposed = (id) => page.$eval(`#consolidated-${id}`, (s) => s.selectedOptions[0].textContent.match(/^À décider \(proposé : ([1-5])\)$/)?.[1]);
  assert.equal(await proposed("gou_donnees_personnelles"), "2");
  assert.match(await duty.textContent(), /obligation non remplie selon au moins un répondant/);
  // No legal minimum: the median, and no such mark.
  assert.equal(await proposed("gou_documents_donnees"), "4");
  assert.doesNotMatch(await page.textContent("[data-testid=spread-gou_documents_donnees]"), /obligation/);
  // Projected, the duty's slide says why its proposal is the lowest answer; the other's does not.
  await page.click("[data-testid=project-discussion]");
  const slide = page.locator("[data-testid=discussion-slide]");
  const marks = {};
  for (let i = 0; i < 2; i++) {
    marks[await slide.locator("h2").textContent()] = /obligation non remplie selon au moins un répondant/.test(await slide.textContent());
    if (i === 0) await page.click("#discussion-next");
  }
  assert.deepEqual(marks, { "Protection des données personnelles (RGPD)": true, "Gestion de l'information et des données": false });
  // The last slide names the questions still open, and saves from there once they are settled.
  const last = "[data-testid=discussion-last]";
  const save = "Enregistrer comme nouvelle évaluation";
  await expectText(page, last, `Dernière question. Encore 2 à trancher : « Protection des données personnelles (RGPD) » ; « Gestion de l'information et des données » (Début pour y revenir). Sans décision, les propositions sont retenues. ${save}`);
  await page.selectOption("#discussion-decision", "4");
  await expectText(page, last, `Dernière question. Encore 1 à trancher : « Protection des données personnelles (RGPD) » (Début pour y revenir). Sans décision, la proposition est retenue. ${save}`);
  await page.keyboard.press("Home");
  await page.selectOption("#discussion-decision", "2");
  await page.keyboard.press("End");
  await expectText(page, last, `Dernière question, et toutes sont tranchées : enregistrez la synthèse. ${save}`);
  await page.click("[data-testid=discussion-save]");
  await page.waitForURL(/#\/resultats$/);
  await page.goto(`${app.server.url}#/pilier/gouvernance`);
  await page.locator("[data-testid=gou_documents_donnees-4]").waitFor();
  assert.ok(await page.isChecked("[data-testid=gou_documents_donnees-4]"));
  assert.ok(await page.isChecked("[data-testid=gou_donnees_personnelles-2]"));
  await assertClean(page);
  await context.close();
});

test("a legal duty two respondents meet and a third calls « non applicable » is discussed, and says why", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await openPage(context, app.server.url);
  const answering = (who, level) => answeringOnly(who, ["sc_accessibilite_numerique"], level);
  const files = writeFiles([
    ["a.json", answering("Paul Hermant", 3)],
    ["b.json", answering("Marie Dubois", 3)],
    ["c.json", answering("Luc Martin", "not_applicable")],
  ]);
  await page.goto(`${app.server.url}outils/#/consolider`);
  await page.locator("[data-testid=consolidate-input]").waitFor({ state: "attached" });
  await page.setInputFiles("[data-testid=consolidate-input]", files);
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 3);
  // The levels agree (no spread), yet whether the law concerns the commune is the group's call.
  const duty = page.locator("[data-testid=spread-sc_accessibilite_numerique]");
  assert.match(await duty.textContent(), /à discuter/);
  assert.match(await duty.textContent(), /obligation « non applicable » selon au moins un répondant/);
  await page.click("[data-testid=project-discussion]");
  const slide = page.locator("[data-testid=discussion-slide]");
  assert.match(await slide.textContent(), /obligation « non applicable » selon au moins un répondant/);
  await page.keyboard.press("Escape");
  await assertClean(page);
  await context.close();
});

test("a question that is no legal duty, « non applicable » for one respondent and a level for another, is put to the group and says why", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await openPage(context, app.server.url);
  const files = writeFiles([
    ["a.json", answeringOnly("Paul Hermant", ["mob_partagee"], 3)],
    ["b.json", answeringOnly("Luc Martin", ["mob_partagee"], "not_applicable")],
  ]);
  await page.goto(`${app.server.url}outils/#/consolider`);
  await page.locator("[data-testid=consolidate-input]").waitFor({ state: "attached" });
  await page.setInputFiles("[data-testid=consolidate-input]", files);
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 2);
  // « Non applicable » would take the question out of the score; the level alone would decide.
  const row = page.locator("[data-testid=spread-mob_partagee]");
  assert.match(await row.textContent(), /à discuter/);
  assert.match(await row.textContent(), /« non applicable » selon au moins un répondant, un niveau selon d'autres/);
  assert.doesNotMatch(await row.textContent(), /obligation/);
  await page.click("[data-testid=project-discussion]");
  const slide = page.locator("[data-testid=discussion-slide]");
  assert.match(await slide.textContent(), /« non applicable » selon au moins un répondant, un niveau selon d'autres/);
  await page.keyboard.press("Escape");
  await assertClean(page);
  await context.close();
});

test("on a 720p screen, notes that would push the answers off the slide are folded, still one key away", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1280, height: 720 } });
  const page = await openPage(context, app.server.url);
  // Three people, two levels, long roles and three long notes on the commune–CPAS duty.
  const note = "Le comité de concertation ne s'est pas réuni cette année et le rapport sur les synergies n'a pas été présenté, mais le CPAS tient ses propres tableaux de bord.";
  const answering = (who, role, level) => {
    // A second question to discuss: the first slide is not the last, which says what next.
    const s = answeringOnly(who, ["qdv_cpas_concertation", "gou_documents_donnees"], level);
    s.answers[1].level = level === 2 ? 5 : 1;
    s.profile.respondent_role = role;
    s.answers[0].note = note;
    return s;
  };
  const files = writeFiles([
    ["a.json", answering("Anne Lefèvre", "Directrice générale de l'administration communale", 1)],
    ["b.json", answering("Sophie Renard", "Directrice générale du CPAS (centre public d'action sociale)", 1)],
    ["c.json", answering("Marc Dupont", "Échevin du numérique, de la transparence et de la participation", 2)],
  ]);
  await page.goto(`${app.server.url}outils/#/consolider`);
  await page.locator("[data-testid=consolidate-input]").waitFor({ state: "attached" });
  await page.setInputFiles("[data-testid=consolidate-input]", files);
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 3);
  await page.click("[data-testid=project-discussion]");
  const slide = page.locator("[data-testid=discussion-slide]");
  await slide.waitFor();
  await page.waitForTimeout(100);
  const seen = await slide.evaluate((section) => {
    const bottom = Math.min(section.getBoundingClientRect().bottom, window.innerHeight);
    const shown = [...section.querySelectorAll("li, summary, p")].filter((e) => e.checkVisibility());
    return {
      cut: shown.filter((e) => e.getBoundingClientRect().bottom > bottom + 0.5).map((e) => e.textContent.slice(0, 40)),
      scrolls: section.scrollHeight > section.clientHeight + 1,
      notesOpen: section.querySelector("[data-testid=discussion-notes]")?.open,
    };
  });
  await page.screenshot({ path: path.join(resultsDir(), "consolidation-discussion-long-notes-1280x720.png") });
  assert.deepEqual(seen.cut, [], "nothing is cut off at the bottom");
  assert.equal(seen.scrolls, false);
  assert.equal(seen.notesOpen, false, "the notes are folded");
  // Their line says how many, and opens them.
  await slide.locator("[data-testid=discussion-notes] summary").click();
  assert.equal(await slide.locator("[data-testid=discussion-notes] li").count(), 3);
  // The group settles the first question; opened again after the table, the slides take up
  // at the one it has not settled, and a reload projects that one again.
  await page.selectOption("#discussion-decision", "1");
  await page.keyboard.press("Escape");
  await page.locator("[data-testid=discussion-slides]").waitFor({ state: "detached" });
  await page.click("[data-testid=project-discussion]");
  await expectText(page, "[data-testid=discussion-counter]", "Question à discuter 2 sur 2");
  await page.reload();
  await expectText(page, "[data-testid=discussion-counter]", "Question à discuter 2 sur 2");
  await page.keyboard.press("Home");
  await expectText(page, "[data-testid=discussion-counter]", "Question à discuter 1 sur 2");
  await assertClean(page);
  await context.close();
});

test("on 1280, 1366 and 1920 px screens, five respondents' table shows every column and the whole « Niveau retenu » select", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1920, height: 1080 } });
  const page = await openPage(context, app.server.url);
  const people = [
    ["Anne Lefèvre", "Directrice générale"],
    ["Marc Dupont", "Échevin du numérique"],
    ["Julie Martin", "Agente administrative (informatique)"],
    ["Sophie Renard", "Directrice générale du CPAS"],
    ["Paul Hermant", "Bourgmestre"],
  ];
  const summaries = people.map(([who, role], k) => respondent("Thuin", "56078", who, role, (i) => ((i * (k + 1)) % 5) + 1));
  summaries[0].answers[0].note = "PCM de 2015, jamais actualisé ; le service travaux a le dossier.";
  await page.goto(`${app.server.url}outils/#/consolider`);
  await page.locator("[data-testid=consolidate-input]").waitFor({ state: "attached" });
  await page.setInputFiles("[data-testid=consolidate-input]", writeFiles(summaries.map((s, k) => [`r${k}.json`, s])));
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 5);
  // A facilitator's laptop at 1280 or 1366 px scrolled it sideways, the decisions out of sight.
  for (const width of [1920, 1366, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const table = await page.$eval(".consolidate-scroll", (scroll) => ({
      hidden: scroll.scrollWidth - scroll.clientWidth,
      cut: [...scroll.querySelectorAll("select")].filter((s) => s.getBoundingClientRect().right > scroll.getBoundingClientRect().right + 0.5).length,
    }));
    await page.screenshot({ path: path.join(resultsDir(), `consolidation-table-5-${width}.png`) });
    assert.equal(table.hidden <= 0, true, `${width} px: the table scrolls by ${table.hidden}px`);
    assert.equal(table.cut, 0, `${width} px: no select is cut at the table's edge`);
  }
  await assertClean(page);
  await context.close();
});

test("a respondent's file from long before the others is flagged for the facilitator to check", async () => {
  const page = await openPage(app.browser, app.server.url);
  const older = respondent("Courcelles", "52015", "Marie Dubois", "Directrice générale", () => 2);
  older.profile.date = "2025-06-12";
  const files = writeFiles([
    ["a.json", respondent("Courcelles", "52015", "Paul Hermant", "Bourgmestre", () => 3)],
    ["b.json", respondent("Courcelles", "52015", "Luc Martin", "Informaticien", () => 4)],
    ["dg-2025.json", older],
  ]);
  await page.goto(`${app.server.url}outils/#/consolider`);
  await page.locator("[data-testid=consolidate-input]").waitFor({ state: "attached" });
  await page.setInputFiles("[data-testid=consolidate-input]", files);
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 3);
  const flagged = page.locator("[data-testid=loaded-respondent]", { has: page.locator("[data-testid=out-of-time]") });
  assert.equal(await flagged.count(), 1);
  assert.match(await flagged.textContent(), /^Marie Dubois \(Directrice générale\) · 12\/06\/2025 daté de plus de 6 mois avant le plus récent : vérifiez qu'il est bien de cet atelier, sinon retirez-le/);
  await assertClean(page);
  await page.close();
});

test("a late arrival who answers a settled question otherwise sends it back to « À décider », and the facilitator is told what was retained", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await openPage(context, app.server.url);
  await page.goto(`${app.server.url}outils/#/consolider`);
  await page.locator("[data-testid=consolidate-input]").waitFor({ state: "attached" });
  await page.setInputFiles("[data-testid=consolidate-input]", writeFiles([
    ["dg.json", respondent("Walcourt", "93088", "Marie Dubois", "DG", (i) => ((i + 2) % 5) + 1)],
    ["bourgmestre.json", respondent("Walcourt", "93088", "Paul Hermant", "Bourgmestre", (i) => (i % 5) + 1)],
  ]));
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 2);
  await page.selectOption("#consolidated-mob_pcm", "4");
  assert.equal(await page.inputValue("#consolidated-mob_pcm"), "4");
  // Kevin arrives: he answers 1 where the group retained 4.
  await page.setInputFiles("[data-testid=consolidate-input]", writeFiles([["informaticien.json", respondent("Walcourt", "93088", "Kevin Dumont", "Informaticien", () => 1)]]));
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 3);
  await expectText(page, "[data-testid=consolidate-replaced]",
    "Kevin Dumont (Informaticien) répond autrement à 1 question que le groupe avait déjà tranchée : « Plan de mobilité (PCM ou PiCM) » (retenu : 4 · Intégré ; sa réponse : 1 · Initial). Elle est de nouveau à décider, avec son avis.");
  await page.waitForFunction(() => document.querySelector("#consolidated-mob_pcm")?.value === "pending");
  // The room hears him and settles on 2. His re-export, which changes another answer only,
  // replaces his file without reopening that decision (a facilitator's walk).
  await page.selectOption("#consolidated-mob_pcm", "2");
  const kevinAgain = (date, levels) => {
    const s = respondent("Walcourt", "93088", "Kevin Dumont", "Informaticien", levels);
    s.profile.date = date;
    return s;
  };
  await page.setInputFiles("[data-testid=consolidate-input]", writeFiles([["informaticien-2.json", kevinAgain("2026-11-21", (i) => (i === 5 ? 3 : 1))]]));
  await page.locator("[data-testid=consolidate-replaced]", { hasText: "informaticien-2.json : remplace un fichier précédent de la même personne" }).waitFor();
  assert.equal(await page.inputValue("#consolidated-mob_pcm"), "2");
  assert.equal(await page.locator("[data-testid=loaded-respondent]").count(), 3);
  // A file that changes his answer there does reopen it.
  await page.setInputFiles("[data-testid=consolidate-input]", writeFiles([["informaticien-3.json", kevinAgain("2026-11-22", (i) => (i === 0 ? 3 : 1))]]));
  await page.waitForFunction(() => document.querySelector("#consolidated-mob_pcm")?.value === "pending");
  await page.locator("[data-testid=consolidate-replaced]", { hasText: "« Plan de mobilité (PCM ou PiCM) » (retenu : 2 · Exploratoire ; sa réponse : 3 · Structuré)" }).waitFor();
  await assertClean(page);
  await context.close();
});

test("on a 720p screen, notes whose folded line would still be below the slide move to the pillar's line", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1280, height: 720 } });
  const page = await openPage(context, app.server.url);
  // Three answers on a duty, long roles, two notes: folded in place, their line was 25-35 px
  // below a 720p screen (a facilitator's walk).
  const answering = (who, role, level, note) => {
    const s = answeringOnly(who, ["sc_accessibilite_numerique", "gou_documents_donnees"], level);
    s.answers[1].level = level === 1 ? 5 : 1;
    s.profile.respondent_role = role;
    if (note) s.answers[0].note = note;
    return s;
  };
  await page.goto(`${app.server.url}outils/#/consolider`);
  await page.locator("[data-testid=consolidate-input]").waitFor({ state: "attached" });
  await page.setInputFiles("[data-testid=consolidate-input]", writeFiles([
    ["a.json", answering("Anne Lefèvre", "Directrice générale de l'administration communale", 1, "L'audit AnySurfer de septembre a relevé 43 erreurs sur le site communal, dont les formulaires de contact et l'agenda des événements.")],
    ["b.json", answering("Marc Dupont", "Échevin du numérique, de la transparence et de la participation citoyenne", 3, "La déclaration d'accessibilité est en ligne depuis 2021 et le prestataire corrige les erreurs signalées chaque trimestre.")],
    ["c.json", answering("Kevin Dumont", "Informaticien responsable du site internet et des téléservices", 4, "")],
    ["d.json", answering("Julie Martin", "Agente administrative chargée de la communication", 4, "")],
  ]));
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 4);
  await page.click("[data-testid=project-discussion]");
  const slide = page.locator("[data-testid=discussion-slide]");
  await slide.waitFor();
  await page.waitForTimeout(300);
  const seen = await slide.evaluate((section) => {
    const bottom = Math.min(section.getBoundingClientRect().bottom, window.innerHeight);
    const summary = section.querySelector("[data-testid=discussion-notes] summary");
    return {
      summaryBottom: summary?.getBoundingClientRect().bottom ?? Infinity,
      bottom,
    };
  });
  await page.screenshot({ path: path.join(resultsDir(), "consolidation-discussion-notes-up-1280x720.png") });
  assert.ok(seen.summaryBottom <= seen.bottom, `the notes' line is ${Math.round(seen.summaryBottom - seen.bottom)} px below the slide`);
  // On the pillar's line, folded, and one key away as before.
  assert.equal(await slide.locator(".projector__slide-head [data-testid=discussion-notes]:not([open])").count(), 1);
  await slide.locator("[data-testid=discussion-notes] summary").click();
  assert.equal(await slide.locator("[data-testid=discussion-notes] li").count(), 2);
  await assertClean(page);
  await context.close();
});

test("the synthesis writes how the group settled each question it discussed at the head of its note", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await openPage(context, app.server.url);
  const dg = respondent("Lobbes", "56044", "Marie Dubois", "DG", () => 1);
  dg.answers.forEach((a) => delete a.note);
  dg.answers.find((a) => a.question_id === "mob_pcm").note = "Pas de PCM.";
  const mayor = respondent("Lobbes", "56044", "Paul Hermant", "Bourgmestre", () => 4);
  mayor.answers.forEach((a) => delete a.note);
  await page.goto(`${app.server.url}outils/#/consolider`);
  await page.locator("[data-testid=consolidate-input]").waitFor({ state: "attached" });
  await page.setInputFiles("[data-testid=consolidate-input]", writeFiles([["dg.json", dg], ["bourgmestre.json", mayor]]));
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 2);
  // The group retains 2 on the plan de mobilité; the rest stays at the proposal.
  await page.selectOption("#consolidated-mob_pcm", "2");
  const kept = (await page.locator("#consolidated-mob_pcm option:checked").textContent()).trim();
  await page.click("[data-testid=save-consolidated]");
  await page.waitForURL(/#\/resultats$/);
  const today = await page.evaluate(() => new Date().toLocaleDateString("fr-BE", { day: "2-digit", month: "2-digit", year: "numeric" }));
  await page.goto(`${app.server.url}#/pilier/mobilite`);
  const note = page.locator("#note-mob_pcm");
  await note.waitFor();
  assert.equal(await note.inputValue(), `Atelier du ${today} : retenu ${kept} (réponses : Marie Dubois (DG) : 1 ; Paul Hermant (Bourgmestre) : 4).\nMarie Dubois (DG) : Pas de PCM.`);
  // A question the group did not settle keeps the proposal, and says so: IGRETEC must not
  // read a median as the group's decision.
  const untouched = await page.inputValue("#note-mob_stationnement");
  assert.match(untouched, new RegExp(`^Atelier du ${today.replaceAll("/", "\\/")} : non tranché ; proposition conservée : .+ \\(réponses : Marie Dubois \\(DG\\) : 1 ; Paul Hermant \\(Bourgmestre\\) : 4\\)\\.$`), untouched);
  await assertClean(page);
  await context.close();
});

test("a participant's file from an earlier référentiel reads « Question modifiée depuis lors » where its answer was set aside, not « Sans réponse »", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await openPage(context, app.server.url);
  // Jean's app had not updated: his file is référentiel 1.0.0, whose school question was split.
  const jean = example("thuin-2025-06-12.json");
  Object.assign(jean.profile, { respondent_name: "Jean Lefèvre", respondent_role: "Échevin", date: "2026-11-20" });
  const marie = respondent("Thuin", jean.profile.nis_code, "Marie Dubois", "DG", () => 3);
  marie.answers.push({ question_id: "mob_ecoles_zone30", level: 3 });
  await page.goto(`${app.server.url}outils/#/consolider`);
  await page.locator("[data-testid=consolidate-input]").waitFor({ state: "attached" });
  await page.setInputFiles("[data-testid=consolidate-input]", writeFiles([["jean.json", jean], ["marie.json", marie]]));
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 2);
  const cells = (await page.locator("[data-testid=spread-mob_ecoles_zone30] td").allTextContents()).map((t) => t.trim());
  assert.ok(cells.some((t) => t.startsWith("Question modifiée depuis lors")), cells.join(" | "));
  assert.ok(cells.every((t) => !t.startsWith("Sans réponse")), cells.join(" | "));
  // His note under it says what he had answered.
  assert.ok(cells.some((t) => t.includes("votre réponse était : niveau 5")), cells.join(" | "));
  await assertClean(page);
  await context.close();
});

test("on a 720p screen, settling a level nobody gave moves the notes up rather than scroll the slide", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1280, height: 720 } });
  const page = await openPage(context, app.server.url);
  const answering = (who, role, level, text) => {
    const s = answeringOnly(who, ["mob_pcm"], level);
    s.profile.respondent_role = role;
    if (text) s.answers[0].note = text;
    return s;
  };
  await page.goto(`${app.server.url}outils/#/consolider`);
  await page.locator("[data-testid=consolidate-input]").waitFor({ state: "attached" });
  await page.setInputFiles("[data-testid=consolidate-input]", writeFiles([
    ["a.json", answering("Anne Lefèvre", "Directrice générale", 1, "Le plan date de 2009 et n'a jamais été évalué ; le service tra")],
    ["b.json", answering("Marc Dupont", "Échevin de la mobilité et des travaux", 5, "Le bilan annuel est présenté au conseil depuis 2022 et la mise")],
    ["c.json", answering("Kevin Dumont", "Informaticien", 2, "")],
  ]));
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 3);
  await page.click("[data-testid=project-discussion]");
  const slide = page.locator("[data-testid=discussion-slide]");
  await slide.waitFor();
  const state = () => slide.evaluate((section) => ({
    scrolls: section.scrollHeight > section.clientHeight + 1,
    up: !!section.querySelector(".projector__slide-head [data-testid=discussion-notes]"),
  }));
  // Three answers and two notes fit, the notes open under the answers.
  await page.waitForTimeout(200);
  assert.deepEqual(await state(), { scrolls: false, up: false });
  // « 3 », which nobody gave, adds « Réponse retenue » under the title.
  await page.selectOption("#discussion-decision", "3");
  await page.locator("[data-testid=discussion-retained]").waitFor();
  // With what 3 says for this question, which no answer on the slide shows (a walk).
  await expectText(page, "[data-testid=discussion-retained-says]", "Le PCM ou le PiCM est adopté par le conseil communal et ses mesures prioritaires figurent dans le PST en cours.");
  await page.waitForFunction(() => document.querySelector(".projector__slide-head [data-testid=discussion-notes]"));
  assert.deepEqual(await state(), { scrolls: false, up: true });
  await assertClean(page);
  await context.close();
});

test("pillars whose priority respondents set far apart are named before the synthesis is saved", async () => {
  const dg = respondent("Lobbes", "56044", "Marie Dubois", "DG", () => 3);
  const mayor = respondent("Lobbes", "56044", "Paul Hermant", "Bourgmestre", () => 3);
  for (const s of [dg, mayor]) for (const p of s.pillars) { p.importance = "medium"; delete p.target_level; }
  /** The two files loaded in a fresh tab: the notice, if any. */
  const notice = async () => {
    const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
    const page = await openPage(context, app.server.url);
    await page.goto(`${app.server.url}outils/#/consolider`);
    await page.locator("[data-testid=consolidate-input]").waitFor({ state: "attached" });
    await page.setInputFiles("[data-testid=consolidate-input]", writeFiles([["dg.json", dg], ["bourgmestre.json", mayor]]));
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 2);
    await page.locator("[data-testid=save-consolidated]").waitFor();
    const text = await page.locator("[data-testid=priorities-differ]").textContent({ timeout: 500 }).catch(() => null);
    await assertClean(page);
    await context.close();
    return text;
  };
  assert.equal(await notice(), null);
  // « Moyenne » beside « Haute » is close enough; « Basse » beside « Haute » is not.
  dg.pillars.find((p) => p.pillar_id === "gouvernance").importance = "high";
  assert.equal(await notice(), null);
  mayor.pillars.find((p) => p.pillar_id === "gouvernance").importance = "low";
  assert.equal(await notice(), "Les répondants ne donnent pas la même priorité à Gouvernance (une importance haute et une basse, ou des niveaux visés éloignés de deux niveaux ou plus). La synthèse retient la médiane, qui choisit les piliers prioritaires de la feuille de route : décidez-en ensemble, puis réglez-la sur la page du pilier une fois la synthèse enregistrée.");
});

test("reloaded mid-discussion, the tab projects the same question again; left, the slides stay closed", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1280, height: 720 } });
  const page = await openPage(context, app.server.url);
  const files = writeFiles([
    ["dg.json", respondent("Lobbes", "56044", "Marie Dubois", "DG", () => 1)],
    ["bourgmestre.json", respondent("Lobbes", "56044", "Paul Hermant", "Bourgmestre", () => 4)],
  ]);
  await page.goto(`${app.server.url}outils/#/consolider`);
  await page.locator("[data-testid=consolidate-input]").waitFor({ state: "attached" });
  await page.setInputFiles("[data-testid=consolidate-input]", files);
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 2);
  await page.click("[data-testid=project-discussion]");
  const counter = "[data-testid=discussion-counter]";
  const count = Number((await page.locator(counter).textContent()).match(/sur (\d+)$/)[1]);
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expectText(page, counter, `Question à discuter 3 sur ${count}`);
  const title = await page.textContent("#discussion-question");
  await page.reload();
  await expectText(page, counter, `Question à discuter 3 sur ${count}`);
  assert.equal(await page.textContent("#discussion-question"), title);
  // The clicker still drives it.
  await page.keyboard.press("ArrowRight");
  await expectText(page, counter, `Question à discuter 4 sur ${count}`);
  await page.keyboard.press("Escape");
  await page.locator("[data-testid=discussion-slides]").waitFor({ state: "detached" });
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 2);
  assert.equal(await page.locator("[data-testid=discussion-slides]").count(), 0);
  await assertClean(page);
  await context.close();
});

test("services that share the pillars make one synthesis with each one's priority, whom to ask, and a word on their roadmaps", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await openPage(context, app.server.url);
  const prefixes = { mobilite: "mob_", energie_environnement: "ene_", gouvernance: "gou_", qualite_de_vie: "qdv_", economie: "eco_", smart_citizens: "sc_" };
  // Each answers their own pillars only, with « Haute » on the first, and leaves the others
  // at the default « Moyenne » as a file does.
  const questions = Object.keys(readDistJson(fs.readdirSync(DIST).find((f) => /^questions\.fr\..*\.json$/.test(f))));
  assert.equal(questions.length, 47);
  const service = (who, role, pillars, edited) => {
    const s = respondent("Thuin", "56078", who, role, () => 3);
    s.framework.version = VERSION;
    s.answers = questions.filter((q) => pillars.some((p) => q.startsWith(prefixes[p]))).map((question_id) => ({ question_id, level: 3 }));
    s.pillars.forEach((p) => {
      p.importance = p.pillar_id === pillars[0] ? "high" : "medium";
      delete p.target_level;
    });
    s.roadmap.edited = edited;
    return s;
  };
  const mobility = service("Sophie Lambert", "Mobilité", ["mobilite"], true);
  const pcm = mobility.answers.find((a) => a.question_id === "mob_pcm");
  Object.assign(pcm, { level: "unknown", ask: "TEC Charleroi, M. Leroy" });
  const files = writeFiles([
    ["mobilite.json", mobility],
    ["environnement.json", service("Marc Dupont", "Éco-conseiller", ["energie_environnement"], false)],
    ["dg.json", service("Anne Mercier", "Directrice générale", ["gouvernance", "qualite_de_vie", "economie", "smart_citizens"], false)],
  ]);
  await page.goto(`${app.server.url}outils/#/consolider`);
  await page.locator("[data-testid=consolidate-input]").waitFor({ state: "attached" });
  await page.setInputFiles("[data-testid=consolidate-input]", files);
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 3);
  // One person's level is no agreement: no « 0 » in the spread column.
  const spreadCell = (question) =>
    page.$eval(`[data-testid=spread-${question}]`, (row) => row.children[row.children.length - 2].textContent.trim());
  assert.equal(await spreadCell("mob_actif"), "—");
  assert.match(await page.textContent("section[aria-labelledby=table-title] .hint"), /L'importance et le niveau visé d'un pilier sont la médiane des choix de ceux qui y ont donné un niveau ou en ont réglé la priorité\./);
  // Sophie's owners and due dates stay in her file: the facilitator is told before saving.
  assert.equal(
    await page.textContent("[data-testid=edited-roadmaps]"),
    "Sophie Lambert (Mobilité) avait modifié sa feuille de route : la synthèse en rédige une nouvelle, où reporter ses responsables et échéances.",
  );
  // Different pillars answered by different people: no priority to settle.
  assert.equal(await page.locator("[data-testid=priorities-differ]").count(), 0);
  await page.click("[data-testid=save-consolidated]");
  await page.waitForURL(/#\/resultats$/);
  const summary = JSON.parse((await downloadText(page, "[data-testid=download-summary]")).text);
  const importance = Object.fromEntries(summary.pillars.map((p) => [p.pillar_id, p.importance]));
  assert.deepEqual(importance, {
    mobilite: "high",
    qualite_de_vie: "medium",
    economie: "medium",
    energie_environnement: "high",
    gouvernance: "high",
    smart_citizens: "medium",
  });
  const kept = summary.answers.find((a) => a.question_id === "mob_pcm");
  assert.deepEqual([kept.level, kept.ask], ["unknown", "TEC Charleroi, M. Leroy"]);
  // Every question, answered by one of them, has its answer in the synthesis.
  assert.equal(summary.answers.filter((a) => a.level !== undefined).length, 47);
  await assertClean(page);
  await context.close();
});
