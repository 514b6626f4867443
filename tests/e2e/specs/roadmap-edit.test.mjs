// The roadmap can really be edited: wording, owner and due date, kept in print and in the
// summary; a removal can be undone; regenerating asks in a box of its own; reasons quote the
// commune's own figures; a stretched commune gets a short first horizon.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { useApp, openPage, assertClean, createAssessment, answerPillar, openPillar, PILLARS, resultsDir, downloadText, expectText } from "../lib/harness.mjs";
import { example, writeFiles } from "../lib/summaries.mjs";

const app = useApp();

/** Opens an item's editor, as « Modifier » does, once the keyboard is in its first field. */
async function openEditor(card) {
  await card.locator("[data-testid=item-edit]").click();
  await card.page().waitForFunction(() => document.activeElement?.dataset.testid === "edit-title");
}

/** A commune with 0,2 ETP for digital and under 10 000 € a year, every pillar answered. */
async function stretchedCommune(context, name) {
  const page = await openPage(context, app.server.url);
  await createAssessment(page, app.server.url, name);
  await page.fill("#fte", "0,2");
  await page.selectOption("#budget", "0"); // « Moins de 10 000 € »
  for (const pillar of PILLARS) await answerPillar(page, app.server.url, pillar, 3);
  await page.goto(`${app.server.url}outils/#/feuille-de-route`);
  await page.waitForSelector("[data-testid=horizon-short] [data-testid=roadmap-item]");
  return page;
}

test("an item's title, first step, owner and due date are edited, shown, printed and kept in the summary", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await stretchedCommune(context, "Sivry-Rance");
  const card = page.locator("[data-testid=horizon-short] [data-testid=roadmap-item]").first();
  const id = await card.getAttribute("data-action");
  // Before any edit, the owner is still to name, with the catalogue's suggestion.
  assert.match(await card.locator("[data-testid=item-owner]").textContent(), /^à désigner, par exemple .+$/);
  assert.equal(await card.locator("[data-testid=item-due]").textContent(), "à fixer");

  // The form opens above « Modifier »: the keyboard starts in its first field, and « Annuler »
  // brings it back to « Modifier ».
  await openEditor(card);
  const editor = page.locator(`[data-action="${id}"] [data-testid=item-editor]`);
  await editor.locator("button", { hasText: "Annuler" }).click();
  await page.waitForFunction((id) => document.activeElement?.id === `item-edit-${id}`, id);
  // Échap too.
  await openEditor(card);
  await page.keyboard.press("Escape");
  await page.waitForFunction((id) => document.activeElement?.id === `item-edit-${id}` && !document.querySelector("[data-testid=item-editor]"), id);
  await openEditor(card);
  await editor.locator("[data-testid=edit-title]").fill("Notre premier chantier numérique");
  await editor.locator("[data-testid=edit-first-step]").fill("La DG présente la note au collège du 12 janvier.");
  await editor.locator("[data-testid=edit-owner]").fill("Mme Lambert, secrétariat");
  await editor.locator("[data-testid=edit-due]").fill("2027-03-31");
  await editor.locator("[data-testid=edit-save]").click();
  const edited = page.locator(`[data-action="${id}"]`);
  await page.waitForFunction((id) => document.querySelector(`[data-action="${id}"] [data-testid=item-title]`)?.textContent === "Notre premier chantier numérique", id);
  assert.match(await edited.locator("[data-testid=item-first-step]").textContent(), /La DG présente la note au collège du 12 janvier\./);
  assert.equal(await edited.locator("[data-testid=item-owner]").textContent(), "Mme Lambert, secrétariat");
  assert.equal(await edited.locator("[data-testid=item-due]").textContent(), "31/03/2027");
  await page.screenshot({ path: path.join(resultsDir(), "roadmap-edited-1366.png") });

  // Kept across a reload, in the printed report and in the summary.
  await page.reload();
  await page.locator(`[data-action="${id}"] [data-testid=item-owner]`).waitFor();
  assert.equal(await page.locator(`[data-action="${id}"] [data-testid=item-owner]`).textContent(), "Mme Lambert, secrétariat");
  const summary = JSON.parse((await downloadText(page, "[data-testid=download-summary]")).text);
  assert.equal(summary.schema_version, 5);
  const item = summary.roadmap.items.find((i) => i.id === id);
  assert.deepEqual(
    [item.custom_title, item.first_step, item.owner, item.due],
    ["Notre premier chantier numérique", "La DG présente la note au collège du 12 janvier.", "Mme Lambert, secrétariat", "2027-03-31"],
  );
  // A date let pass says so on its card, until the action is done.
  const lateId = (await page.locator("[data-testid=roadmap-item]").evaluateAll((cards) => cards.map((c) => c.dataset.action))).find((a) => a !== id);
  await openEditor(page.locator(`[data-action="${lateId}"]`));
  await page.locator(`[data-action="${lateId}"] [data-testid=edit-due]`).fill("2025-01-15");
  await page.locator(`[data-action="${lateId}"] [data-testid=edit-save]`).click();
  const lateCard = page.locator(`[data-action="${lateId}"]`);
  await expectText(page, `[data-action="${lateId}"] [data-testid=item-overdue]`, "échéance dépassée");
  await lateCard.locator("[data-testid=item-done]").check();
  await lateCard.locator("[data-testid=item-overdue]").waitFor({ state: "detached" });
  // A short- or medium-term step due in nine years says the date and the horizon disagree, on
  // its card and in the printed report, which IGRETEC reads.
  const far = new Date().getFullYear() + 9;
  const nearIds = await page.locator("[data-testid=horizon-short] [data-testid=roadmap-item], [data-testid=horizon-medium] [data-testid=roadmap-item]")
    .evaluateAll((cards) => cards.map((c) => c.dataset.action));
  const farId = nearIds.find((a) => a !== id && a !== lateId);
  const farCard = page.locator(`[data-action="${farId}"]`);
  assert.equal(await farCard.locator("[data-testid=item-after-horizon]").count(), 0);
  await openEditor(farCard);
  await farCard.locator("[data-testid=edit-due]").fill(`${far}-06-30`);
  await farCard.locator("[data-testid=edit-save]").click();
  await expectText(page, `[data-action="${farId}"] [data-testid=item-after-horizon]`, "échéance au-delà de cet horizon : avancez-la ou changez d'horizon");
  assert.equal(await page.locator("[data-testid=item-after-horizon]").count(), 1);
  await page.goto(`${app.server.url}outils/#/rapport`);
  await page.locator("[data-testid=report-item-who]").first().waitFor();
  const report = await page.locator("[data-testid=report]").textContent();
  assert.match(report, /Notre premier chantier numérique/);
  assert.match(report, /Responsable : Mme Lambert, secrétariat · Échéance : 31\/03\/2027/);
  assert.match(report, new RegExp(`Échéance : 30/06/${far} \\(échéance au-delà de cet horizon : avancez-la ou changez d'horizon\\)`));
  // Done, a date let pass is not flagged in print; planned again, it is.
  assert.match(report, /Échéance : 15\/01\/2025(?! \()/);
  await page.goto(`${app.server.url}outils/#/feuille-de-route`);
  await lateCard.locator("[data-testid=item-done]").uncheck();
  await lateCard.locator("[data-testid=item-overdue]").waitFor();
  await page.goto(`${app.server.url}outils/#/rapport`);
  await page.locator("[data-testid=report-item-who]").first().waitFor();
  assert.match(await page.locator("[data-testid=report]").textContent(), /Échéance : 15\/01\/2025 \(échéance dépassée\)/);
  await assertClean(page);
  await context.close();
});

test("« Retirer » can be undone, and « Régénérer » asks in a box of its own", async () => {
  const context = await app.browser.isolated();
  const page = await stretchedCommune(context, "Momignies");
  const items = page.locator("[data-testid=roadmap-item]");
  const before = await items.evaluateAll((cards) => cards.map((c) => c.dataset.action));
  const removed = before[1];
  await items.nth(1).locator("[data-testid=item-remove]").click();
  await page.waitForFunction((id) => !document.querySelector(`[data-action="${id}"]`), removed);
  const notice = page.locator("[data-testid=removed-notice]");
  assert.match(await notice.textContent(), /a été retirée de la feuille de route/);
  // The focus moves to « Annuler » in the next frame, which a loaded machine may delay.
  await page.waitForFunction(() => document.activeElement?.dataset.testid === "roadmap-undo", null, { timeout: 5_000 });
  await page.click("[data-testid=roadmap-undo]");
  await page.locator(`[data-action="${removed}"]`).waitFor();
  assert.deepEqual(await items.evaluateAll((cards) => cards.map((c) => c.dataset.action)), before, "back in its place");
  assert.equal(await notice.count(), 0);

  // The roadmap was edited (a removal, even undone): regenerating asks first.
  const regenerate = page.locator("[data-testid=regenerate]");
  assert.equal((await regenerate.textContent()).trim(), "Régénérer depuis les réponses");
  await regenerate.click();
  const box = page.locator("[data-testid=regenerate-confirm]");
  await box.waitFor();
  assert.equal(await box.getAttribute("role"), "alertdialog");
  assert.match(await box.locator("h2").textContent(), /Régénérer la feuille de route \?/);
  await page.waitForFunction(() => document.activeElement?.id === "regenerate-title");
  await page.screenshot({ path: path.join(resultsDir(), "roadmap-regenerate-box.png") });
  // The toolbar's button pressed again asks again: only the box's own button throws the edits away.
  const edited = await items.evaluateAll((cards) => cards.map((c) => c.dataset.action));
  await regenerate.click();
  await page.waitForFunction(() => document.activeElement?.id === "regenerate-title");
  assert.deepEqual(await items.evaluateAll((cards) => cards.map((c) => c.dataset.action)), edited);
  assert.equal(await box.count(), 1);
  // Échap keeps the roadmap, as « Garder » does, and gives the keyboard back to the button.
  await page.keyboard.press("Escape");
  assert.equal(await box.count(), 0);
  await page.waitForFunction(() => document.activeElement?.id === "regenerate");
  await regenerate.click();
  await box.waitFor();
  await page.click("[data-testid=regenerate-no]");
  assert.equal(await box.count(), 0);
  // What the commune did stays done through a redraft; the box says so.
  const done = before[0];
  await page.locator(`[data-action="${done}"] [data-testid=item-done]`).check();
  await regenerate.click();
  await box.waitFor();
  assert.match(await box.textContent(), /les actions marquées « Fait » le restent si elles sont proposées à nouveau/);
  await page.click("[data-testid=regenerate-yes]");
  await box.waitFor({ state: "detached" });
  assert.equal(await page.locator(`[data-action="${done}"] [data-testid=item-done]`).isChecked(), true);
  assert.equal(await page.locator("[data-testid=item-done]:checked").count(), 1);
  await assertClean(page);
  await context.close();
});

test("reasons quote what the commune said, a default target says so, and a stretched commune starts small", async () => {
  const context = await app.browser.isolated();
  const page = await stretchedCommune(context, "Viroinval");
  const rules = await page.locator("[data-testid=roadmap-rule]").allTextContents();
  assert.ok(rules.some((r) => /moins d'un mi-temps au numérique \(0,2 ETP\)/.test(r)), rules.join(" | "));
  assert.ok(rules.some((r) => /Budget numérique annuel : moins de 10\u202f000\u00a0€/.test(r)), rules.join(" | "));
  const why = await page.locator("[data-testid=roadmap-item] .item__why").allTextContents();
  assert.ok(why.some((w) => /budget numérique de moins de 10\u202f000\u00a0€ par an/.test(w)), why.join(" | "));
  assert.match(await page.locator("[data-testid=focus-pillars]").textContent(), /objectif par défaut/);
  // Every answer is at level 3 (legal minimums met, foundations in place): only the cap counts.
  assert.equal(await page.locator("[data-testid=horizon-short] [data-testid=roadmap-item]").count(), 3);
  await assertClean(page);
  await context.close();
});

test("a commune without staff or strategy starts with the référent, IGRETEC and its legal duties; the other foundations follow", async () => {
  const context = await app.browser.isolated();
  const page = await openPage(context, app.server.url);
  await createAssessment(page, app.server.url, "Froidchapelle");
  await page.fill("#fte", "0");
  await page.selectOption("#budget", "0"); // « Moins de 10 000 € »
  await page.locator("input[name=strategy]").first().check(); // « Pas de stratégie »
  // Level 1 everywhere: no référent, and every legal duty unmet.
  for (const pillar of PILLARS) await answerPillar(page, app.server.url, pillar, 1);
  await page.goto(`${app.server.url}outils/#/feuille-de-route`);
  await page.waitForSelector("[data-testid=horizon-short] [data-testid=roadmap-item]");
  const ids = (horizon) => page.locator(`[data-testid=horizon-${horizon}] [data-testid=roadmap-item]`).evaluateAll((cards) => cards.map((c) => c.dataset.action));
  const short = await ids("short");
  const legal = await page.locator("[data-testid=horizon-short] [data-testid=roadmap-item]").evaluateAll((cards) =>
    cards.filter((c) => /obligation légale/.test(c.querySelector(".item__why")?.textContent ?? "")).map((c) => c.dataset.action));
  const chosen = short.filter((id) => !legal.includes(id));
  // The director's own first step on mail (level 1) does not wait for the référent.
  assert.deepEqual(chosen.sort(), ["gou_accompagnement_igretec", "gou_courrier_registre", "gou_referent_designer"], short.join(", "));
  // Level 1 everywhere leaves six duties unmet; none is ever put off to make room.
  for (const duty of ["gou_dpo_designer", "gou_open_data_correspondant", "sc_accessibilite_test"]) assert.ok(legal.includes(duty), `${duty} in ${legal.join(", ")}`);
  const medium = await ids("medium");
  // The référent's own task follows; with mail and decisions on paper (level 1), the data
  // inventory of level 3 is not drafted at all.
  assert.ok(medium.includes("gou_mutualisation_convention"), medium.join(", "));
  assert.ok(!medium.includes("gou_inventaire_donnees") && !short.includes("gou_inventaire_donnees"), medium.join(", "));
  // Each duty's second step, up to its minimum, is planned too: in the medium term, as an obligation.
  const mediumLegal = await page.locator("[data-testid=horizon-medium] [data-testid=roadmap-item]").evaluateAll((cards) =>
    cards.filter((c) => /obligation légale/.test(c.querySelector(".item__why")?.textContent ?? "")).map((c) => c.dataset.action));
  for (const step of ["gou_registre_traitements", "gou_open_data_publier", "sc_accessibilite_declaration"]) assert.ok(mediumLegal.includes(step), `${step} in ${mediumLegal.join(", ")}`);
  const rules = await page.locator("[data-testid=roadmap-rule]").allTextContents();
  assert.ok(rules.some((r) => /désigner un référent numérique passe d'abord/.test(r)), rules.join(" | "));
  await assertClean(page);
  await context.close();
});

test("an edited roadmap names a legal duty the answers now fall below, and adds its first step", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await stretchedCommune(context, "Ham-sur-Heure-Nalinnes");
  // The commune makes the roadmap its own: it is no longer drafted again from the answers.
  await page.locator("[data-testid=roadmap-item] [data-testid=item-remove]").first().click();
  assert.equal(await page.locator("[data-testid=duties-without-step]").count(), 0);
  // Later, the DPO leaves: data protection falls below its legal minimum.
  await openPillar(page, app.server.url, "gouvernance");
  await page.check('[data-testid="gou_donnees_personnelles-1"]');
  await page.goto(`${app.server.url}outils/#/feuille-de-route`);
  const notice = page.locator("[data-testid=duties-without-step]");
  await notice.waitFor();
  assert.match(await notice.textContent(), /Protection des données personnelles \(RGPD\) : Désigner/);
  assert.equal(await page.locator('[data-action="gou_dpo_designer"]').count(), 0);
  // « Pour le PST » and the report, which the collège reads, name it too: no duty drops out unseen.
  for (const [hash, ready] of [["pst", ".page--pst h1"], ["rapport", "#report-roadmap"]]) {
    await page.goto(`${app.server.url}outils/#/${hash}`);
    await page.locator(ready).waitFor();
    const leftOut = page.locator("[data-testid=duties-left-out]");
    await leftOut.waitFor();
    assert.match(await leftOut.textContent(), /n'a plus aucune action à faire : Protection des données personnelles \(RGPD\)\./, hash);
    await leftOut.locator("a").click();
    await page.waitForURL(/#\/feuille-de-route$/);
  }
  await notice.waitFor();
  await notice.locator("[data-testid=add-duty-step]").click();
  await page.locator('[data-testid=horizon-short] [data-action="gou_dpo_designer"]').waitFor();
  // Designating a DPO alone stays below the minimum: the register is the next step to plan.
  await page.waitForFunction(() => /Compléter le registre/.test(document.querySelector("[data-testid=duties-without-step]")?.textContent ?? ""));
  await notice.locator("[data-testid=add-duty-step]").click();
  await page.locator('[data-action="gou_registre_traitements"]').waitFor();
  await notice.waitFor({ state: "detached" });
  // The DPO designated, its step ticked « Fait » before the answers are updated: the register
  // is still to do, so the duty is planned. A walk found « plus aucune action à faire »
  // printed on the PST fiches above that step.
  await page.locator('[data-action="gou_dpo_designer"] [data-testid=item-done]').check();
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
  assert.equal(await notice.count(), 0);
  // The register ticked too, and the answer still level 1: nothing is left to do; the notice
  // says so, offers to update the answer, and to take the first step up again.
  await page.locator('[data-action="gou_registre_traitements"] [data-testid=item-done]').check();
  await notice.waitFor();
  assert.match(await notice.textContent(), /Désigner[^]*\(marquée « Fait », mais votre réponse est toujours sous le minimum\) : mettre la réponse à jour/);
  assert.equal(await notice.locator("[data-testid=add-duty-step]").textContent(), "Reprendre cette étape");
  assert.match(await notice.locator("[data-testid=duty-update-answer]").getAttribute("href"), /#\/pilier\/gouvernance/);
  await notice.locator("[data-testid=add-duty-step]").click();
  await notice.waitFor({ state: "detached" });
  assert.equal(await page.locator('[data-action="gou_dpo_designer"] [data-testid=item-done]').isChecked(), false);
  await page.goto(`${app.server.url}outils/#/pst`);
  await page.locator(".page--pst h1").waitFor();
  assert.equal(await page.locator("[data-testid=duties-left-out]").count(), 0);
  await assertClean(page);
  await context.close();
});

test("what is typed in an item's editor survives a language switch; an untouched title follows the language; once saved, nothing reopens", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await stretchedCommune(context, "Momignies");
  const card = page.locator("[data-testid=horizon-short] [data-testid=roadmap-item]").first();
  const id = await card.getAttribute("data-action");
  const frenchTitle = await card.locator("[data-testid=item-title]").textContent();
  await openEditor(card);
  const editor = page.locator(`[data-action="${id}"] [data-testid=item-editor]`);
  await editor.locator("[data-testid=edit-owner]").fill("Mme Martin, DG");
  await page.click("button[lang=en]");
  await page.waitForFunction(() => document.documentElement.lang === "en" && document.querySelector("[data-testid=item-editor]"));
  assert.equal(await editor.locator("[data-testid=edit-owner]").inputValue(), "Mme Martin, DG");
  const englishTitle = await editor.locator("[data-testid=edit-title]").inputValue();
  assert.notEqual(englishTitle, frenchTitle, "the untouched title is drawn in English");
  await page.click("button[lang=fr]");
  await page.waitForFunction(() => document.documentElement.lang === "fr" && document.querySelector("[data-testid=item-editor]"));
  assert.equal(await editor.locator("[data-testid=edit-title]").inputValue(), frenchTitle);
  // A look at the results and back, by the site's own link: the editor and its typing wait.
  await page.click("nav a[href$='#/resultats']");
  await page.locator("[data-testid=overall-score]").waitFor();
  await page.goBack();
  await editor.locator("[data-testid=edit-owner]").waitFor();
  assert.equal(await editor.locator("[data-testid=edit-owner]").inputValue(), "Mme Martin, DG");
  await editor.locator("[data-testid=edit-save]").click();
  await page.waitForFunction((id) => document.querySelector(`[data-action="${id}"] [data-testid=item-owner]`)?.textContent === "Mme Martin, DG", id);
  // Saved with the catalogue's title, not a French copy of it; and a redraw opens no editor.
  await page.click("button[lang=en]");
  await page.waitForFunction(() => document.documentElement.lang === "en");
  await page.locator(`[data-action="${id}"] [data-testid=item-title]`).filter({ hasText: englishTitle }).waitFor();
  assert.equal(await page.locator("[data-testid=item-editor]").count(), 0);
  await page.click("button[lang=fr]");
  await assertClean(page);
  await context.close();
});

test("what is typed in an item's editor and in « Ajouter votre propre action » survives a trip to the questionnaire and a closed tab", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await stretchedCommune(context, "Aiseau-Presles");
  const card = page.locator("[data-testid=horizon-short] [data-testid=roadmap-item]").first();
  const id = await card.getAttribute("data-action");
  await openEditor(card);
  await card.locator("[data-testid=edit-owner]").fill("Mme Dubois, DG");
  await page.fill("[data-testid=custom-text]", "Réunir les directeurs d'école");
  // The questionnaire is the other bundle: a new document, as a closed tab is.
  await page.goto(`${app.server.url}#/pilier/mobilite`);
  await page.locator("[data-testid=pillar-progress]").waitFor();
  await page.close();
  const again = await openPage(context, app.server.url);
  await again.goto(`${app.server.url}outils/#/feuille-de-route`);
  const editor = again.locator(`[data-action="${id}"] [data-testid=item-editor]`);
  await editor.locator("[data-testid=edit-owner]").waitFor();
  assert.equal(await editor.locator("[data-testid=edit-owner]").inputValue(), "Mme Dubois, DG");
  assert.equal(await again.inputValue("[data-testid=custom-text]"), "Réunir les directeurs d'école");
  // Saved and added, nothing is left to bring back.
  await editor.locator("[data-testid=edit-save]").click();
  await again.waitForFunction((id) => document.querySelector(`[data-action="${id}"] [data-testid=item-owner]`)?.textContent === "Mme Dubois, DG", id);
  await again.click("[data-testid=custom-add]");
  await again.getByText("Réunir les directeurs d'école").waitFor();
  assert.equal(await again.evaluate(() => localStorage.getItem("autodiag.roadmap.unsaved")), null);
  await again.reload();
  await again.waitForSelector("[data-testid=horizon-short] [data-testid=roadmap-item]");
  assert.equal(await again.locator("[data-testid=item-editor]").count(), 0);
  assert.equal(await again.inputValue("[data-testid=custom-text]"), "");
  // Typed again, then the assessment deleted: the draft, names of people, goes with it.
  await again.fill("[data-testid=custom-text]", "Mme Dubois présentera le plan");
  assert.ok(await again.evaluate(() => localStorage.getItem("autodiag.roadmap.unsaved")));
  await again.goto(`${app.server.url}outils/#/evaluations`);
  await again.click("[data-testid=delete-assessment]");
  await again.click("[data-testid=confirm-delete]");
  await again.waitForFunction(() => localStorage.getItem("autodiag.roadmap.unsaved") === null);
  await assertClean(again);
  await context.close();
});

test("« Enregistrer le résumé pour IGRETEC » refuses while a roadmap change is typed and not saved, and says where it is", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await stretchedCommune(context, "Gerpinnes");
  const card = page.locator("[data-testid=horizon-short] [data-testid=roadmap-item]").first();
  const id = await card.getAttribute("data-action");
  await openEditor(card);
  await card.locator("[data-testid=edit-owner]").fill("Service communication (Mme Leroy)");
  await page.fill("[data-testid=custom-text]", "Former les agents d'accueil");
  // From the results too: the roadmap's drafts are the commune's, whichever page saves.
  await page.goto(`${app.server.url}outils/#/resultats`);
  await page.click("[data-testid=download-summary]");
  await expectText(page, "[data-testid=handover-unsaved]", "2 modifications de la feuille de route ne sont pas enregistrées : elles ne seraient pas dans le résumé. Enregistrez-les ou annulez-les, puis enregistrez le résumé. Ouvrir la feuille de route");
  assert.equal(await page.locator("[data-testid=handover]").count(), 0, "no file was saved");
  // « Mes évaluations » saves a summary too, and refuses the same way.
  await page.goto(`${app.server.url}outils/#/evaluations`);
  await page.getByRole("button", { name: "Enregistrer le résumé pour IGRETEC" }).first().click();
  await expectText(page, "[data-testid=assessment-unsaved-roadmap]", "2 modifications de la feuille de route ne sont pas enregistrées : elles ne seraient pas dans le résumé. Enregistrez-les ou annulez-les, puis enregistrez le résumé.");
  await page.goto(`${app.server.url}outils/#/resultats`);
  await page.click("[data-testid=download-summary]");
  await page.click("[data-testid=handover-unsaved] a");
  const editor = page.locator(`[data-action="${id}"] [data-testid=item-editor]`);
  await editor.locator("[data-testid=edit-save]").click();
  await page.waitForFunction((id) => document.querySelector(`[data-action="${id}"] [data-testid=item-owner]`)?.textContent === "Service communication (Mme Leroy)", id);
  // On the roadmap itself, no link to it; the notice follows the editors as they are saved.
  await page.click("[data-testid=download-summary]");
  await expectText(page, "[data-testid=handover-unsaved]", "1 modification de la feuille de route n'est pas enregistrée : elle ne serait pas dans le résumé. Enregistrez-la ou annulez-la, puis enregistrez le résumé.");
  await page.click("[data-testid=custom-add]");
  await page.getByText("Former les agents d'accueil").waitFor();
  await page.locator("[data-testid=handover-unsaved]").waitFor({ state: "detached" });
  const summary = await downloadText(page, "[data-testid=download-summary]");
  await page.locator("[data-testid=handover]").waitFor();
  assert.equal(await page.locator("[data-testid=handover-unsaved]").count(), 0);
  assert.match(summary.text, /Service communication \(Mme Leroy\)/);
  assert.match(summary.text, /Former les agents d'accueil/);
  await assertClean(page);
  await context.close();
});

test("an editor left open on one assessment's roadmap does not open on another's with the same actions", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await stretchedCommune(context, "Lobbes");
  const card = page.locator("[data-testid=horizon-short] [data-testid=roadmap-item]").first();
  await openEditor(card);
  await card.locator("[data-testid=edit-owner]").fill("Texte de Lobbes");
  // A copy has the very same items.
  await page.goto(`${app.server.url}outils/#/evaluations`);
  await page.locator("[data-testid=duplicate-assessment]").first().click();
  await page.locator("[data-testid=open-badge]").waitFor();
  await page.goto(`${app.server.url}outils/#/feuille-de-route`);
  await page.waitForSelector("[data-testid=horizon-short] [data-testid=roadmap-item]");
  assert.equal(await page.locator("[data-testid=item-editor]").count(), 0);
  await assertClean(page);
  await context.close();
});

test("a step moved after the one that needs it says the order no longer works", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await openPage(context, app.server.url);
  await createAssessment(page, app.server.url, "Froidchapelle");
  for (const pillar of PILLARS) await answerPillar(page, app.server.url, pillar, 1);
  await page.goto(`${app.server.url}outils/#/feuille-de-route`);
  await page.waitForSelector("[data-testid=horizon-short] [data-testid=roadmap-item]");
  const first = page.locator("[data-testid=roadmap-item]", { hasText: "à faire avant «" }).first();
  const id = await first.getAttribute("data-action");
  const needed = (await first.textContent()).match(/à faire avant « ([^»]+) »/)[1];
  assert.doesNotMatch(await first.textContent(), /placée pourtant plus tôt/);
  await first.locator("[data-testid=item-move]").selectOption("long");
  const dependent = page.locator("[data-testid=roadmap-item]", { has: page.locator("[data-testid=item-title]", { hasText: needed }) });
  await dependent.locator("[data-testid=item-move]").selectOption("short");
  const moved = page.locator(`[data-testid=horizon-long] [data-action="${id}"]`);
  await page.waitForFunction((id) => /placée pourtant plus tôt/.test(document.querySelector(`[data-testid=horizon-long] [data-action="${id}"]`)?.textContent ?? ""), id);
  const escaped = needed.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  assert.match(await moved.textContent(), new RegExp(`à faire avant « ${escaped} », placée pourtant plus tôt, dans « Court terme \\(0–12 mois\\) » : avancez celle-ci ou reculez l'autre`));
  await assertClean(page);
  await context.close();
});

test("« Régénérer » asks first when an open editor holds typing not yet saved", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await stretchedCommune(context, "Thuin");
  const card = page.locator("[data-testid=horizon-short] [data-testid=roadmap-item]").first();
  await openEditor(card);
  await card.locator("[data-testid=edit-owner]").fill("M. Renard, informatique");
  await page.click("[data-testid=regenerate]");
  await page.locator("[data-testid=regenerate-confirm]").waitFor();
  await page.click("[data-testid=regenerate-no]");
  assert.equal(await card.locator("[data-testid=edit-owner]").inputValue(), "M. Renard, informatique");
  await assertClean(page);
  await context.close();
});

test("a new year's roadmap says which of its actions an earlier year marked done", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await openPage(context, app.server.url);
  // Lobbes in 2026, its mutualisation agreement done; in 2027 the same action planned again.
  const before = example("lobbes-2026-11-20.json");
  const after = example("lobbes-2026-11-20.json");
  after.profile.date = "2027-11-20";
  after.roadmap.items.forEach((item) => (item.status = "planned"));
  assert.equal(before.roadmap.items.find((i) => i.id === "gou_mutualisation_convention").status, "done");
  await page.goto(`${app.server.url}outils/#/importer`);
  await page.setInputFiles("[data-testid=import-input]", writeFiles([["lobbes-2026.json", before], ["lobbes-2027.json", after]]));
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=import-results] li").length === 2);
  await page.goto(`${app.server.url}outils/#/evaluations`);
  await page.locator("[data-testid=assessment-row]", { hasText: "20/11/2027" }).locator("[data-testid=open-assessment]").click();
  await page.goto(`${app.server.url}outils/#/feuille-de-route`);
  const card = page.locator('[data-testid=roadmap-item][data-action="gou_mutualisation_convention"]');
  await card.waitFor();
  assert.equal(await card.locator("[data-testid=done-earlier]").textContent(), "Fait selon l'évaluation du 20/11/2026");
  // Only that one: the others were not done in 2026.
  assert.equal(await page.locator("[data-testid=done-earlier]").count(), 1);
  // Ticked « Fait » this year, it no longer needs saying.
  await card.locator("[data-testid=item-done]").check();
  await page.waitForFunction(() => !document.querySelector('[data-action="gou_mutualisation_convention"] [data-testid=done-earlier]'));
  await assertClean(page);
  await context.close();
});

test("an edited roadmap flags the steps that answers changed since have already reached", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await openPage(context, app.server.url);
  await createAssessment(page, app.server.url, "Momignies");
  // Below the GDPR minimum: the draft plans its steps.
  await answerPillar(page, app.server.url, "gouvernance", 1);
  await page.goto(`${app.server.url}outils/#/feuille-de-route`);
  const cards = page.locator("[data-testid=roadmap-item]");
  await cards.first().waitFor();
  assert.equal(await page.locator("[data-testid=reached-notice]").count(), 0);
  assert.equal(await page.locator("[data-testid=item-reached]").count(), 0);
  // The commune moves a card: the roadmap is its own now, and no longer follows the answers.
  const first = cards.first();
  const moved = await first.getAttribute("data-action");
  await first.locator("[data-testid=item-move]").selectOption("long");
  // Then it learns it has a DPO and a complete register after all.
  await openPillar(page, app.server.url, "gouvernance");
  await page.click("[data-testid=gou_donnees_personnelles-5]");
  await page.goto(`${app.server.url}outils/#/feuille-de-route`);
  await page.locator(`[data-action="${moved}"]`).waitFor();
  const flagged = page.locator("[data-testid=roadmap-item]:has([data-testid=item-reached])");
  const count = await flagged.count();
  assert.ok(count >= 1, "the GDPR steps are flagged");
  assert.equal((await flagged.first().locator("[data-testid=item-reached]").textContent()).trim(), "Déjà atteint selon vos réponses");
  const notice = page.locator("[data-testid=reached-notice]");
  assert.match(await notice.textContent(), new RegExp(`^Vos réponses ont changé depuis que vous avez modifié cette feuille de route : ${count} actions? mènen?t à un niveau que vous avez déjà\\.`));
  // Ticked « Fait », a step is the commune's record and no longer flagged.
  await flagged.first().locator("[data-testid=item-done]").check();
  await page.waitForFunction((n) => document.querySelectorAll("[data-testid=item-reached]").length === n, count - 1);
  if (count === 1) await notice.waitFor({ state: "detached" });
  await assertClean(page);
  await context.close();
});

test("a pillar made a priority after the roadmap was edited, with no action in it, is named with the way to add one", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await stretchedCommune(context, "Erquelinnes");
  const focus = await page.locator("[data-testid=focus-pillars] > li strong").allTextContents();
  assert.ok(!focus.includes("Smart Citizens"), focus.join(", "));
  assert.equal(await page.locator("[data-testid=focus-left-out]").count(), 0, "a draft plans its priorities");
  await page.locator("[data-testid=roadmap-item]").first().locator("[data-testid=item-done]").check();
  // The room then makes Smart Citizens the first priority, on its page.
  await page.goto(`${app.server.url}#/pilier/smart_citizens`);
  await page.locator('.priority__importance label:has-text("Haute") input').check();
  await page.goto(`${app.server.url}outils/#/feuille-de-route`);
  await page.waitForSelector("[data-testid=focus-pillars]");
  assert.equal(await page.textContent("[data-testid=focus-pillars] > li strong"), "Smart Citizens");
  await expectText(page, "[data-testid=focus-left-out]", "Prioritaire, sans aucune action dans votre feuille de route (modifiée avant que les priorités changent) : Smart Citizens. Ajoutez-en avec « Ajouter une action du catalogue », ou régénérez la feuille de route (vos modifications seraient perdues).");
  // Adding one of its actions from the catalogue answers it.
  await page.selectOption("#catalogue-pillar", "smart_citizens");
  const action = await page.locator("[data-testid=catalogue-action] option").nth(1).getAttribute("value");
  await page.selectOption("[data-testid=catalogue-action]", action);
  await page.click("[data-testid=catalogue-add]");
  await page.locator("[data-testid=focus-left-out]").waitFor({ state: "detached" });
  await assertClean(page);
  await context.close();
});
