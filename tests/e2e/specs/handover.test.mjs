// Handing over to IGRETEC and resuming on another computer: the saved file is named and
// found, sending it is one step, importing it leads straight back to work, and the footer
// says who runs the tool.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { useApp, openPage, assertClean, ready, createAssessment, answerPillar, resultsDir, downloadText, expectText } from "../lib/harness.mjs";
import { example, writeFiles } from "../lib/summaries.mjs";

const app = useApp();

/** A commune with one pillar answered, on its results screen. */
async function resultsOf(context, commune) {
  const page = await openPage(context, app.server.url);
  await createAssessment(page, app.server.url, commune);
  await answerPillar(page, app.server.url, "mobilite", 3);
  await page.goto(`${app.server.url}outils/#/resultats`);
  await page.locator("[data-testid=download-summary]").waitFor();
  return page;
}

test("after saving the summary, a panel names the file, says where it is and how to send it to IGRETEC", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 768 } });
  const page = await resultsOf(context, "Thuin");
  const button = page.locator("[data-testid=download-summary]");
  assert.equal((await button.textContent()).trim(), "Enregistrer le résumé pour IGRETEC (fichier)");
  // JSON is named in the help text only.
  assert.match(await page.locator("#handover-help").textContent(), /format JSON/);
  assert.equal(await page.locator("[data-testid=handover]").count(), 0, "no panel before saving");

  const saved = await downloadText(page, "[data-testid=download-summary]");
  // The roadmap was never opened: the file still carries the one it would show.
  const roadmap = JSON.parse(saved.text).roadmap;
  assert.ok(roadmap?.items.length > 0, `the roadmap in the file: ${JSON.stringify(roadmap)}`);
  const panel = page.locator("[data-testid=handover]");
  await panel.waitFor();
  assert.equal(await panel.locator("[data-testid=handover-file]").textContent(), saved.name);
  // Partial: a later, final summary of the same diagnostic will not share its name.
  assert.match(saved.name, /^autodiag-thuin-\d{4}-\d{2}-\d{2}-partiel\.json$/);
  assert.match(await panel.textContent(), /dossier Téléchargements/);
  // A second save the same day gets « (1) » from the browser: the panel says which to send.
  assert.match(await panel.textContent(), /son nom se termine par « \(1\) », « \(2\) »… : joignez le plus récent/);
  // What to send is this one file: nothing else to attach.
  // What the file carries, so nobody sends a colleague's name or a note unawares.
  assert.match(await panel.textContent(), /Il contient ce que l'intercommunale lit : votre nom et votre fonction, vos réponses et vos notes, les personnes à consulter et votre feuille de route\. Inutile d'y joindre le rapport ou le CSV\./);
  // What IGRETEC does with it, before it leaves: read by name beside the others, a note quoted.
  assert.equal(await panel.locator("[data-testid=handover-what-it-does]").textContent(), "Ce qu'en fait IGRETEC : votre résumé est lu avec ceux des autres communes, sous le nom de votre commune, pour repérer les priorités partagées et les actions à mutualiser. IGRETEC peut vous mettre en relation avec une commune plus avancée sur une question, ou la mettre en relation avec vous en citant votre note, puis vous renvoyer une « référence territoriale », qui ne nomme aucune commune : chargez-la dans vos résultats pour vous situer.");
  // Only mobility is answered: the panel says the intercommunale will read a partial
  // diagnostic, and leads back to the first question still to answer.
  const incomplete = panel.locator("[data-testid=handover-incomplete]");
  assert.match(await incomplete.textContent(), /^Il reste 39 questions sans réponse sur 47 : IGRETEC recevra un diagnostic partiel\. Répondre aux questions restantes, puis enregistrer à nouveau le résumé$/);
  assert.equal(await incomplete.locator("a").getAttribute("href"), "../#/pilier/qualite_de_vie?reprendre");
  // Someone who answered for their service only is sent to whoever brings the answers together.
  assert.equal(await panel.locator("[data-testid=handover-part-only]").textContent(), "Vous n'avez répondu que pour votre service ? Envoyez plutôt ce fichier à la personne qui réunit les réponses de la commune dans « Plusieurs répondants ».");
  // No address is configured (content/settings.toml): no invented mail link, the contact instead.
  assert.equal(await panel.locator("[data-testid=mail-igretec]").count(), 0);
  const contact = panel.locator("[data-testid=handover-contact]");
  // After « answered for your service only? », the contact is for the whole commune's file.
  assert.match(await contact.textContent(), /^Si ce fichier porte sur toute la commune, joignez-le à un e-mail à votre personne de contact chez IGRETEC\./);
  assert.equal(await contact.locator("a").getAttribute("href"), "https://territoire.charleroi-metropole.be");
  // This Chromium cannot share files, so no « Partager… » that would do nothing.
  const canShareFiles = await page.evaluate(() => typeof navigator.canShare === "function");
  if (!canShareFiles) assert.equal(await panel.locator("[data-testid=share-summary]").count(), 0);
  await page.screenshot({ path: path.join(resultsDir(), "handover-panel-1366.png") });
  await page.setViewportSize({ width: 375, height: 740 });
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(resultsDir(), "handover-panel-375.png") });
  await incomplete.locator("a").click();
  await page.waitForURL(/\/#\/pilier\/qualite_de_vie\?reprendre$/);
  await page.waitForFunction(() => document.activeElement?.closest("fieldset")?.id.startsWith("qdv_"));
  await assertClean(page);
  await context.close();
});

test("where the browser can share files, « Partager… » hands the summary file to the share sheet", async () => {
  const context = await app.browser.isolated();
  // Web Share level 2 exists on Windows, macOS and phones, not in Linux Chromium: stand in
  // for it, recording what the app hands over.
  await context.addInitScript(() => {
    window.__shared = [];
    navigator.canShare = (data) => Array.isArray(data?.files) && data.files.length === 1;
    navigator.share = async (data) => {
      const file = data.files[0];
      window.__shared.push({ name: file.name, type: file.type, title: data.title, text: await file.text() });
    };
  });
  const page = await resultsOf(context, "Lobbes");
  const saved = await downloadText(page, "[data-testid=download-summary]");
  await page.click("[data-testid=share-summary]");
  await page.waitForFunction(() => window.__shared.length === 1);
  const [shared] = await page.evaluate(() => window.__shared);
  assert.equal(shared.name, saved.name);
  assert.equal(shared.type, "application/json");
  assert.match(shared.title, /Lobbes/);
  assert.equal(shared.text, saved.text, "the shared file is the saved summary");
  await assertClean(page);
  await context.close();
});

test("resuming on another computer: « Reprendre à partir d'un fichier » from home, then Ouvrir or Voir les résultats", async () => {
  const first = await app.browser.isolated();
  const source = await resultsOf(first, "Beaumont");
  const saved = await downloadText(source, "[data-testid=download-summary]");
  // The download lives only as long as its browser context: keep a copy, as a user would.
  const kept = path.join(resultsDir(), saved.name);
  fs.copyFileSync(saved.path, kept);
  await first.close();

  for (const [button, where] of [["imported-open", /#\/pilier\/qualite_de_vie(\?reprendre)?$/], ["imported-results", /outils\/#\/resultats$/]]) {
    const other = await app.browser.isolated();
    const page = await openPage(other, app.server.url);
    await page.goto(`${app.server.url}#/`);
    await ready(page);
    await page.click("[data-testid=resume-from-file]");
    await page.waitForURL(/outils\/#\/importer$/);
    await page.setInputFiles("[data-testid=import-input]", kept);
    await page.locator(`[data-testid=${button}]`).click();
    await page.waitForURL(where);
    if (button === "imported-open") {
      // The first question still to answer has the focus, as « Continuer » does.
      await page.waitForFunction(() => document.activeElement?.closest("fieldset")?.id.startsWith("qdv_"));
    } else {
      await page.waitForFunction(() => /Beaumont/.test(document.querySelector("main h1")?.textContent ?? ""));
    }
    await assertClean(page);
    await other.close();
  }
});

test("the footer names who runs Autodiag, with a contact, a legal notice and an accessibility statement", async () => {
  const context = await app.browser.isolated();
  const page = await openPage(context, app.server.url);
  await page.goto(`${app.server.url}#/`);
  await ready(page);
  const footer = page.locator("footer.site-footer");
  assert.match(await footer.textContent(), /Autodiag est proposé par IGRETEC aux communes de Charleroi Métropole/);
  assert.equal(await footer.getByRole("link", { name: "Contact" }).getAttribute("href"), "https://territoire.charleroi-metropole.be");

  await footer.getByRole("link", { name: "Mentions légales" }).click();
  await page.waitForURL(/outils\/#\/mentions-legales$/);
  await page.waitForFunction(() => document.querySelector("main h1")?.textContent === "Mentions légales");
  assert.match(await page.locator("main").textContent(), /Autodiag n'a pas de serveur/);
  assert.match(await page.title(), /^Mentions légales · Autodiag$/);

  await page.locator("footer.site-footer").getByRole("link", { name: "Déclaration d'accessibilité" }).click();
  await page.waitForURL(/outils\/#\/accessibilite$/);
  await page.waitForFunction(() => document.querySelector("main h1")?.textContent === "Déclaration d'accessibilité");
  const statement = await page.locator("main").textContent();
  assert.match(statement, /décret wallon du 2 mai 2019/);
  assert.match(statement, /partiellement conforme/);
  assert.match(statement, /Déclaration établie le \d{2}\/\d{2}\/\d{4}\./);
  await assertClean(page);
  await context.close();
});

test("a diagnostic imported from a colleague's file says who filled it in, for the next person to put their own name", async () => {
  const context = await app.browser.isolated();
  const page = await openPage(context, app.server.url);
  const summary = example();
  summary.profile.commune = "Ham-sur-Heure-Nalinnes";
  Object.assign(summary.profile, { respondent_name: "Marie Lambert", respondent_role: "Directrice générale" });
  await page.goto(`${app.server.url}outils/#/importer`);
  await page.setInputFiles("[data-testid=import-input]", writeFiles([["ham.json", summary]]));
  await expectText(page, "[data-testid=import-filled-by]",
    "Rempli par Marie Lambert (Directrice générale) : si vous le continuez, mettez votre nom dans « Profil de la commune », pour que le résumé envoyé à IGRETEC vous nomme.");
  await assertClean(page);
  await context.close();
});
