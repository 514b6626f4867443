// Legal duties apart from maturity: the question page marks the legal minimum, results, report,
// summary and territory list what is below it, and the roadmap puts it first.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { readdirSync, readFileSync } from "node:fs";
import { useApp, openPage, assertClean, createAssessment, openPillar, answerPillar, PILLARS, ready, resultsDir, downloadText, DIST, readDistJson } from "../lib/harness.mjs";
import { communes, writeFiles } from "../lib/summaries.mjs";

const app = useApp();

/** Stores `assessment` as an earlier release left it, makes it the current one, and reloads. */
async function comeBackTo(page, assessment) {
  await page.evaluate((record) => {
    const { id } = JSON.parse(record).assessment;
    localStorage.setItem(`autodiag.assessment.${id}`, record);
    localStorage.setItem("autodiag.current", id);
    // Coming back is a new visit: this tab's own open assessment is not kept.
    sessionStorage.clear();
  }, JSON.stringify({ storage_version: 1, assessment }));
  await page.reload();
  await ready(page);
}

test("a question with a legal minimum shows the minimum and its basis, in words", async () => {
  const page = await openPage(app.browser, app.server.url);
  await createAssessment(page, app.server.url, "Froidchapelle");
  await openPillar(page, app.server.url, "gouvernance");
  const question = page.locator("[data-testid=question-gou_donnees_personnelles]");
  // The mark sits on level 3, in words, not colour alone.
  const mark = question.locator("[data-testid=legal-mark-gou_donnees_personnelles]");
  assert.equal(await mark.count(), 1);
  assert.equal((await mark.textContent()).trim(), "Minimum légal");
  const markedLevel = await mark.evaluate((el) => el.closest("label").querySelector("input").dataset.testid);
  assert.equal(markedLevel, "gou_donnees_personnelles-3");
  assert.match(await question.locator("[data-testid=legal-basis-gou_donnees_personnelles]").textContent(), /RGPD, art\. 30.*niveau 3 est le minimum que la loi impose/s);
  // The minimum is named for what it is, compliance, and not « Structuré »; maturity starts above.
  const levels = (await question.locator("label.option .option__head").allTextContents()).map((t) => t.replace(/\s+/g, " ").trim());
  assert.deepEqual(levels.slice(0, 5), ["1 · Sous le minimum légal", "2 · Sous le minimum légal", "3 · Minimum légal", "4 · Intégré", "5 · Exemplaire"]);
  // Below the minimum the level is named for what it is, not « Exploratoire ».
  const levelOne = await question.locator("label.option").first().textContent();
  assert.match(levelOne, /1 · Sous le minimum légal/);
  assert.doesNotMatch(levelOne, /Initial|Exploratoire/);
  assert.match(await question.textContent(), /Qui répond \? Délégué à la protection des données/);
  assert.match(await page.textContent("[data-testid=scale-rule]"), /le niveau le plus élevé dont tous les éléments sont vrais/);
  // Level 1 is where a commune starts, not an element the levels above also require.
  assert.match(await page.textContent("[data-testid=scale-rule]"), /chaque niveau suppose les acquis des précédents\. S'il en manque un, prenez le niveau en dessous\./);
  // A small commune has no such service: who answers then is said once, beside the rule.
  assert.match(await page.textContent("[data-testid=scale-rule]"), /« Qui répond \? » : le service le mieux placé, sinon la personne qui en assume la tâche\./);
  // A question that is no legal duty has no mark.
  assert.equal(await page.locator("[data-testid=question-gou_pilotage] .legal-mark").count(), 0);
  // The GDPR binds every commune: « Non applicable » is no answer to it, while it stays one to
  // a question of maturity.
  assert.equal(await page.locator('[data-testid="gou_donnees_personnelles-na"]').count(), 0);
  assert.equal(await page.locator('[data-testid="gou_donnees_personnelles-unknown"]').count(), 1);
  assert.equal(await page.locator('[data-testid="gou_pilotage-na"]').count(), 1);
  await question.scrollIntoViewIfNeeded();
  for (const [width, height, name] of [[1920, 1080, "legal-question-1920.png"], [375, 812, "legal-question-375.png"]]) {
    await page.setViewportSize({ width, height });
    await question.screenshot({ path: path.join(resultsDir(), name) });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at ${width}px (${overflow}px)`);
  }
  await assertClean(page);
});

test("the commune's own GRD is named for public lighting, and a generic one otherwise", async () => {
  const page = await openPage(app.browser, app.server.url);
  await createAssessment(page, app.server.url, "Froidchapelle");
  await openPillar(page, app.server.url, "energie_environnement");
  const lighting = await page.textContent("[data-testid=question-ene_eclairage]");
  assert.match(lighting, /AIESH/);
  assert.doesNotMatch(lighting, /\{grd\}|ORES/);
  await createAssessment(page, app.server.url, "Commune inconnue");
  await openPillar(page, app.server.url, "energie_environnement");
  assert.match(await page.textContent("[data-testid=question-ene_eclairage]"), /votre gestionnaire de réseau de distribution \(GRD\)/);
  await assertClean(page);
});

test("results, report, summary and roadmap put a duty below its minimum apart and first", async () => {
  const page = await openPage(app.browser, app.server.url);
  await createAssessment(page, app.server.url, "Sivry-Rance");
  await openPillar(page, app.server.url, "gouvernance");
  await page.click('[data-testid="gou_donnees_personnelles-1"]');
  await page.click('[data-testid="gou_pilotage-4"]');
  // A duty that binds only communes with a public building over 250 m² may not apply.
  await openPillar(page, app.server.url, "energie_environnement");
  await page.click('[data-testid="ene_certificat_peb-na"]');
  await openPillar(page, app.server.url, "smart_citizens");
  await page.click('[data-testid="sc_accessibilite_numerique-4"]');

  await page.goto(`${app.server.url}outils/#/resultats`);
  const section = page.locator("[data-testid=legal-obligations]");
  await section.waitFor();
  assert.match(await section.locator("h2").textContent(), /Obligations légales/);
  // Honest about the score: it counts these answers; the finding is given apart.
  assert.match(await section.textContent(), /Le score du pilier compte ces réponses comme les autres ; ce constat est donc donné ici à part/);
  const rgpd = section.locator("[data-testid=obligation-gou_donnees_personnelles]");
  assert.match(await rgpd.textContent(), /niveau 1, minimum légal : niveau 3/);
  assert.match(await rgpd.textContent(), /RGPD/);
  // The link lands on the question itself, not on the top of its pillar.
  assert.match(await rgpd.locator("a").getAttribute("href"), /#\/pilier\/gouvernance\?question=gou_donnees_personnelles$/);
  assert.equal(await section.locator(".obligations__list--below [data-testid=obligation-sc_accessibilite_numerique]").count(), 0, "a met duty is not listed as below");
  // To check, each with what was answered: « Non applicable » is a claim to check, not a missing level.
  assert.match(await section.locator("[data-testid=obligation-ene_certificat_peb]").textContent(), /minimum légal : niveau 2 ; réponse « Non applicable » : vérifiez que la loi ne vise pas la commune/);
  assert.match(await section.locator("[data-testid=obligation-gou_donnees_ouvertes_odwb]").textContent(), /minimum légal : niveau 3 ; pas encore de réponse/);
  assert.doesNotMatch(await section.textContent(), /pas de niveau choisi/);
  assert.match(await section.textContent(), /Obligations respectées d'après vos réponses : 1 sur \d+\./);
  // Before any score, the top of the page says the commune is not in order, and on what.
  const rgpdTitle = await rgpd.locator("strong").textContent();
  assert.equal(await page.textContent("[data-testid=diagnostic-status] [data-testid=status-legal]"), `1 obligation légale sous le minimum : ${rgpdTitle}.`);
  await section.scrollIntoViewIfNeeded();
  for (const [width, height, name] of [[1920, 1080, "legal-results-1920.png"], [375, 812, "legal-results-375.png"]]) {
    await page.setViewportSize({ width, height });
    await section.screenshot({ path: path.join(resultsDir(), name) });
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  const summary = JSON.parse((await downloadText(page, "[data-testid=download-summary]")).text);
  const duty = summary.legal_obligations.find((o) => o.question_id === "gou_donnees_personnelles");
  assert.deepEqual(duty, { question_id: "gou_donnees_personnelles", legal_minimum: 3, level: 1, compliance: "below" });

  await page.goto(`${app.server.url}outils/#/feuille-de-route`);
  const first = page.locator("[data-testid=horizon-short] [data-testid=roadmap-item]").first();
  await first.waitFor();
  // The level the law requires, not the commune's own.
  assert.match(await first.textContent(), /obligation légale : « [^»]+ » est sous le minimum légal \(niveau [2-5] requis\) ; à régler en premier/);
  assert.doesNotMatch(await first.textContent(), /jusque-là/);
  // Put off to the long term, the duty says what that means for the commune.
  const dutyAction = await first.getAttribute("data-action");
  await first.locator("[data-testid=item-move]").selectOption("long");
  const moved = page.locator(`[data-testid=horizon-long] [data-action="${dutyAction}"]`);
  await moved.waitFor();
  assert.match(await moved.textContent(), /obligation légale : « [^»]+ » est sous le minimum légal \(niveau [2-5] requis\) ; placée dans « Long terme \(3 ans et plus\) », la commune reste sous ce minimum jusque-là/);
  assert.doesNotMatch(await moved.textContent(), /à régler en premier/);

  // And so does the projector's first slide, for the collège.
  await page.goto(`${app.server.url}outils/#/projection`);
  // Named: the room asks which one before anything else.
  assert.equal(await page.textContent("[data-testid=slide] [data-testid=projector-legal]"), `1 obligation légale sous le minimum : « ${rgpdTitle} »`);

  await page.goto(`${app.server.url}outils/#/rapport`);
  await page.locator("[data-testid=legal-obligations] [data-testid=obligation-gou_donnees_personnelles]").waitFor();
  // On paper too, the first page says it beside the score, and the law comes before the plan.
  assert.equal(await page.textContent("[aria-labelledby=report-scores] [data-testid=status-legal]"), `1 obligation légale sous le minimum : ${rgpdTitle}.`);
  assert.ok(await page.$eval("[data-testid=legal-obligations]", (legal) =>
    !!(legal.compareDocumentPosition(document.querySelector("[aria-labelledby=report-roadmap]")) & Node.DOCUMENT_POSITION_FOLLOWING)), "the legal duties come before the roadmap");
  // One service's part, with the five levels, for the colleague who answers.
  await page.selectOption("[data-testid=report-service]", "dpo");
  await page.locator("[data-testid=report-answer-gou_donnees_personnelles] .report-levels li").first().waitFor();
  assert.equal(await page.locator("[data-testid=report-answer-gou_donnees_personnelles] .report-levels li").count(), 5);
  // Up to the legal minimum, no maturity name: not in the answer, not on the ladder.
  assert.match(await page.locator("[data-testid=report-answer-gou_donnees_personnelles] dd strong").textContent(), /^1 · Sous le minimum légal$/);
  const ladder = await page.locator("[data-testid=report-answer-gou_donnees_personnelles] .report-levels li").allTextContents();
  assert.match(ladder[0], /^Sous le minimum légal · /);
  assert.match(ladder[1], /^Sous le minimum légal · /);
  assert.match(ladder[2], /^Minimum légal · /);
  assert.match(ladder[3], /^Intégré · /);
  assert.equal(await page.locator("[data-testid=report-answer-mob_pcm]").count(), 0);
  await assertClean(page);
});

test("a legal duty answered « Je ne sais pas » or « Non applicable », or left blank, is to check first on the roadmap, the PST, the report and the closing slide", async () => {
  const page = await openPage(app.browser, app.server.url);
  await createAssessment(page, app.server.url, "Froidchapelle");
  // RGPD below its minimum; open data and web accessibility unknown; the PEB duty (which binds
  // only some communes) « Non applicable »; the publication of council documents left blank;
  // the rest answered. A walk found the last two named on the results and not on the roadmap.
  const pick = (q) =>
    q === "gou_donnees_personnelles" ? 1
    : ["gou_donnees_ouvertes_odwb", "sc_accessibilite_numerique"].includes(q) ? "unknown"
    : q === "ene_certificat_peb" ? "na"
    : q === "sc_publicite_conseil" ? null
    : 3;
  for (const pillar of PILLARS) await answerPillar(page, app.server.url, pillar, pick);
  await page.goto(`${app.server.url}outils/#/feuille-de-route`);
  const notice = page.locator("[data-testid=duties-to-verify]");
  await notice.waitFor();
  assert.match(await notice.textContent(), /^Obligations légales à vérifier d'abord\. Réponse « Je ne sais pas » : Données ouvertes \(open data\) ; Accessibilité des services en ligne\. Réponse « Non applicable », à confirmer, car la loi vise peut-être la commune : Suivi énergétique des bâtiments communaux\. Pas encore de réponse : Transparence des décisions communales\. Le directeur général vérifie auprès des services concernés si la commune est en règle, puis y répond/);
  // The link goes to the first duty the sentence names.
  assert.match(await notice.locator("a").getAttribute("href"), /#\/pilier\/gouvernance\?question=gou_donnees_ouvertes_odwb$/);
  // The duty below its minimum is marked as such on its card; other cards are not.
  const owed = page.locator("[data-testid=roadmap-item]:has([data-testid=item-legal])");
  assert.ok((await owed.count()) >= 1);
  assert.equal((await owed.first().locator("[data-testid=item-legal]").textContent()).trim(), "Obligation légale");
  assert.match(await owed.first().textContent(), /obligation légale : « Protection des données personnelles \(RGPD\) » est sous le minimum légal/);
  assert.ok((await page.locator("[data-testid=roadmap-item]").count()) > (await owed.count()));
  const owedStep = (await owed.first().locator("[data-testid=item-first-step]").textContent()).replace(/^Premier pas\s*:?\s*/, "").trim();
  // A step added by hand on a duty answered « Je ne sais pas » may be owed: marked as the PST marks it.
  await page.selectOption("#catalogue-pillar", "gouvernance");
  await page.selectOption("[data-testid=catalogue-action]", "gou_open_data_correspondant");
  await page.click("[data-testid=catalogue-add]");
  await page.locator('[data-action="gou_open_data_correspondant"] [data-testid=item-legal]').waitFor();

  for (const route of ["pst", "rapport"]) {
    await page.goto(`${app.server.url}outils/#/${route}`);
    await page.locator("[data-testid=duties-to-verify]").waitFor();
    assert.match(await page.textContent("[data-testid=duties-to-verify]"), /« Je ne sais pas » : Données ouvertes.* Pas encore de réponse : Transparence des décisions communales\./);
  }
  // The report marks the duty's step as the roadmap's card does.
  assert.match(await page.locator(".report-items li", { hasText: "Obligation légale" }).first().textContent(), /RGPD|DPO|registre/);

  // The closing slide: the duty's first step, then checking the unknown ones, before the rest.
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${app.server.url}outils/#/projection`);
  await page.waitForSelector("[data-testid=slide] svg");
  await page.keyboard.press("End");
  await page.waitForFunction(() => /Prochaines étapes/.test(document.querySelector("[data-testid=slide] h2")?.textContent ?? ""));
  const steps = (await page.locator("[data-testid=slide] ol > li").allTextContents()).map((s) => s.trim());
  assert.equal(steps[0], owedStep);
  const verify = steps.findIndex((s) => s.startsWith("Le directeur général vérifie si la commune est en règle. Réponse « Je ne sais pas » : « Données ouvertes"));
  // Three titles in all on the slide; past them, a count.
  assert.match(steps[verify], /Réponse « Non applicable », à confirmer, car la loi vise peut-être la commune : « Suivi énergétique des bâtiments communaux »\. Pas encore de réponse : 1 obligation\.$/);
  // The duty's second step (about 45 words) waits for the roadmap slide: the check always shows.
  assert.equal(verify, 1, `steps: ${JSON.stringify(steps)}`);
  assert.equal(steps.length, 4);
  const overflow = await page.evaluate(() => {
    const slide = document.querySelector("[data-testid=slide]");
    return Math.max(document.documentElement.scrollHeight - document.documentElement.clientHeight, slide.scrollHeight - slide.clientHeight);
  });
  assert.ok(overflow <= 0, `the closing slide fits 1280×720 (${overflow}px over)`);
  await page.screenshot({ path: path.join(resultsDir(), "projector-closing-verify-1280.png") });
  // Every duty unknown: two titles and a count, and the slide still fits.
  const DUTIES = ["eco_marches_electroniques", "ene_certificat_peb", "ene_dechets_menagers", "gou_donnees_personnelles", "gou_donnees_ouvertes_odwb",
    "mob_ecoles_zone30", "qdv_cpas_concertation", "qdv_plan_urgence", "sc_publicite_conseil", "sc_accessibilite_numerique"];
  for (const pillar of PILLARS) await answerPillar(page, app.server.url, pillar, (q) => (DUTIES.includes(q) ? "unknown" : 3));
  await page.goto(`${app.server.url}outils/#/projection`);
  await page.waitForSelector("[data-testid=slide] svg");
  await page.keyboard.press("End");
  await page.waitForFunction(() => /Prochaines étapes/.test(document.querySelector("[data-testid=slide] h2")?.textContent ?? ""));
  const all = await page.locator("[data-testid=slide] ol > li").allTextContents();
  assert.ok(all.some((s) => /en règle\. Réponse « Je ne sais pas » : « [^;»]+ » ; « [^;»]+ » et 8 autres\.$/.test(s)), JSON.stringify(all));
  const over = await page.evaluate(() => {
    const slide = document.querySelector("[data-testid=slide]");
    return Math.max(document.documentElement.scrollHeight - document.documentElement.clientHeight, slide.scrollHeight - slide.clientHeight);
  });
  assert.ok(over <= 0, `the closing slide fits 1280×720 with every duty unknown (${over}px over)`);
  await assertClean(page);
});

test("« Répondre à ces questions » lands on the duty's current answer, so an arrow key never changes it unseen", async () => {
  const page = await openPage(app.browser, app.server.url);
  await createAssessment(page, app.server.url, "Lobbes");
  await openPillar(page, app.server.url, "gouvernance");
  await page.click('[data-testid="gou_pilotage-2"]');
  await page.click('[data-testid="gou_donnees_ouvertes_odwb-unknown"]');
  await page.goto(`${app.server.url}outils/#/feuille-de-route`);
  const link = page.locator("[data-testid=duties-to-verify] a");
  await link.waitFor();
  await link.click();
  await page.waitForFunction(() => document.activeElement?.dataset.testid === "gou_donnees_ouvertes_odwb-unknown");
  assert.equal(await page.locator('[data-testid="gou_donnees_ouvertes_odwb-unknown"]').isChecked(), true);
  await assertClean(page);
  await page.close();
});

test("the territory counts, per legal duty, the communes below it", async () => {
  const page = await openPage(app.browser, app.server.url);
  const files = communes(6, {
    edit: (s, i) => {
      // The example predates the question's 2.6.0 id: answer the current question.
      const rgpd = s.answers.find((a) => a.question_id === "gou_protection_donnees");
      rgpd.question_id = "gou_donnees_personnelles";
      rgpd.level = i < 4 ? 1 : 4;
    },
  });
  await page.goto(`${app.server.url}outils/#/territoire`);
  await page.setInputFiles("[data-testid=territory-input]", writeFiles(files.map((s, i) => [`c${i}.json`, s])));
  const row = page.locator("[data-testid=territory-obligation-gou_donnees_personnelles]");
  await row.waitFor();
  const cells = await row.locator("td").allTextContents();
  assert.match(cells[0], /^4/);
  assert.match(cells[0], /Commune 001/);
  assert.equal(cells[1].trim(), "2");
  // Whom to call first: each commune's count of duties below their minimum, on the heat map
  // (sortable, most first) and in its CSV. An officer had to tally 30 files by hand.
  // Beside it, the duties it left to check: a file that settles none is no model of compliance.
  const counts = async () => page.$$eval("[data-testid=heatmap] tbody tr", (rows) =>
    rows.map((r) => [
      r.querySelector("th").firstChild.textContent.trim(),
      Number(r.querySelector("[data-testid=duties-below]").textContent),
      Number(r.querySelector("[data-testid=duties-to-check]")?.textContent.match(/^(\d+) à vérifier$/)[1] ?? 0),
    ]));
  const byName = new Map((await counts()).map(([name, below]) => [name, below]));
  const toCheck = new Map((await counts()).map(([name, , check]) => [name, check]));
  assert.ok([...toCheck.values()].some((n) => n > 0), "some duties are to check");
  assert.ok(byName.get("Commune 001") >= 1, "below the RGPD's minimum at least");
  await page.click("[data-testid=sort-duties-below]");
  await page.waitForFunction(() => document.querySelector("[data-testid=sort-duties-below]").closest("th").getAttribute("aria-sort") === "descending");
  // A column's header says it sorts the rows; its button is no toggle and claims no pressed state.
  assert.equal(await page.locator("[data-testid=heatmap] thead button[aria-pressed]").count(), 0);
  assert.deepEqual(await page.$$eval("[data-testid=heatmap] thead th[aria-sort=descending]", (ths) => ths.length), 1);
  const pairs = (await counts()).map(([, below, check]) => [below, check]);
  assert.deepEqual(pairs, [...pairs].sort((a, b) => b[0] - a[0] || b[1] - a[1]));
  const sorted = pairs.map(([below]) => below);
  assert.ok(sorted[0] > sorted[sorted.length - 1], `the counts differ: ${sorted}`);
  const csv = (await downloadText(page, "[data-testid=export-csv]")).text.replace(/^\uFEFF/, "").trim().split("\r\n");
  assert.equal(csv[0].split(";")[7], "Obligations sous le minimum légal");
  assert.equal(csv[0].split(";")[8], "Obligations à vérifier (je ne sais pas, non applicable ou sans réponse)");
  for (const line of csv.slice(1)) {
    const cells = line.split(";");
    // As text: each of these communes answered the RGPD, so none has a blank, which Number()
    // would read as 0.
    assert.equal(cells[7], String(byName.get(cells[0])), line);
    assert.equal(Number(cells[8]), toCheck.get(cells[0]), line);
  }
  // The duty most communes are below comes first in its table.
  const belowCounts = await page.$$eval("[data-testid=territory-obligations] tbody tr", (rows) => rows.map((r) => Number(r.querySelector("td strong").textContent)));
  assert.deepEqual(belowCounts, [...belowCounts].sort((a, b) => b - a));
  // And in a spreadsheet, for the committee's file: the same rows, in the same order.
  const duties = (await downloadText(page, "[data-testid=export-obligations]")).text.replace(/^\uFEFF/, "").trim().split("\r\n");
  assert.equal(duties[0], "Obligation;Minimum légal;Sous le minimum;Communes sous le minimum;En règle;À vérifier;Communes à vérifier");
  assert.deepEqual(duties.slice(1).map((line) => Number(line.split(";")[2])), belowCounts);
  const rgpd = duties.find((line) => line.startsWith("Protection des données personnelles (RGPD);"));
  assert.match(rgpd, /^[^;]+;3;4;Commune 001, Commune 002, Commune 003, Commune 004;2;0;$/);
  await assertClean(page);
});

test("the territory names the communes whose legal duty is to check, as it names those below it", async () => {
  const page = await openPage(app.browser, app.server.url);
  const files = communes(4, {
    edit: (s, i) => {
      const rgpd = s.answers.find((a) => a.question_id === "gou_protection_donnees");
      rgpd.question_id = "gou_donnees_personnelles";
      rgpd.level = [1, 4, "unknown", "unknown"][i];
    },
  });
  await page.goto(`${app.server.url}outils/#/territoire`);
  await page.setInputFiles("[data-testid=territory-input]", writeFiles(files.map((s, i) => [`c${i}.json`, s])));
  const row = page.locator("[data-testid=territory-obligation-gou_donnees_personnelles]");
  await row.waitFor();
  const cells = await row.locator("td").allTextContents();
  assert.equal(cells[0], "1Commune 001");
  assert.equal(cells[1].trim(), "1");
  assert.equal(cells[2], "2Commune 003, Commune 004");
  await assertClean(page);
});

test("question texts from an older release never crash the page", async () => {
  // No service worker: it would answer from its cache before the test's stand-in could.
  const context = await app.browser.isolated({ serviceWorkers: "block" });
  const page = await openPage(context, app.server.url);
  // Fetched texts are named by their content's hash, so a new release never meets old ones…
  const { DIST } = await import("../lib/harness.mjs");
  const fs = await import("node:fs");
  assert.ok(fs.readdirSync(DIST).some((f) => /^questions\.fr\.[0-9a-f]{16}\.json$/.test(f)), "hashed question file in dist/");
  // …and if it did (a stale proxy), a missing question shows its id instead of a crash.
  await page.route(/questions\.fr\.[0-9a-f]{16}\.json$/, async (route) => {
    const response = await route.fetch();
    const { unpacked } = await import("../lib/harness.mjs");
    const texts = JSON.parse(unpacked(await response.body()));
    texts.gou_ancienne = { ...texts.gou_donnees_personnelles, id: "gou_ancienne" };
    delete texts.gou_donnees_personnelles;
    await route.fulfill({ response, json: texts });
  });
  await createAssessment(page, app.server.url, "Momignies");
  await openPillar(page, app.server.url, "gouvernance");
  const question = page.locator("fieldset.question#gou_donnees_personnelles");
  await question.waitFor();
  assert.match(await question.locator("legend").textContent(), /gou_donnees_personnelles/);
  await page.click('[data-testid="gou_donnees_personnelles-3"]');
  await assertClean(page);
  await context.close();
});

test("a commune coming back with an answer given before transparency became a legal duty answers it again", async () => {
  const context = await app.browser.isolated();
  const page = await openPage(context, app.server.url);
  await page.goto(app.server.url);
  await ready(page);
  // Stored under the référentiel 2.0.0, when level 2 meant « the agenda is online », short of the law.
  await comeBackTo(page, {
    id: "avant-2-1",
    profile: { commune: "Lobbes", date: "2026-05-04" },
    // mob_ecoles and qdv_crise as 2.1.0 asked them, before the school zone and the yearly
    // exercise were their legal minimum.
    // eco_marches_publics level 2 meant « some tenders are online » under 1.0.0: it kept its id
    // when 2.0.0 made that level the legal minimum, and is asked again since 2.5.0.
    // « Non applicable » on the GDPR, answered when every duty offered it.
    answers: { gou_donnees_personnelles: { choice: "not_applicable" }, sc_transparence: { choice: 2 }, sc_inclusion: { choice: 3 }, mob_ecoles: { choice: 3, note: "Rue scolaire à l'essai rue Haute." }, qdv_crise: { choice: 2 }, eco_marches_publics: { choice: 2 } },
    pillars: {},
    created_at: "2026-05-04T09:00:00.000Z",
    updated_at: "2026-05-04T09:30:00.000Z",
    changes_since_download: 2,
    revision: 2,
  });
  // An earlier « Non applicable » on a duty that binds every commune is still shown, to correct.
  await openPillar(page, app.server.url, "gouvernance");
  assert.ok(await page.isChecked('[data-testid="gou_donnees_personnelles-na"]'));
  await openPillar(page, app.server.url, "smart_citizens");
  const question = page.locator("[data-testid=question-sc_publicite_conseil]");
  assert.match(await question.locator("[data-testid=legal-basis-sc_publicite_conseil]").textContent(), /Décret du 18 mai 2022.*cinq jours francs.*L1133-1.*L1122-14.*interpellation.*niveau 2 est le minimum que la loi impose/s);
  const markedLevel = await question.locator("[data-testid=legal-mark-sc_publicite_conseil]").evaluate((el) => el.closest("label").querySelector("input").dataset.testid);
  assert.equal(markedLevel, "sc_publicite_conseil-2");
  assert.match(await question.locator("label.option").first().textContent(), /^1 · Sous le minimum légal\s*Des projets ou notes de synthèse manquent en ligne avant le conseil, .* la commune n'est pas en règle\.$/);
  // The old level is not read as « in order »: nothing is chosen, and the note recalls it.
  assert.equal(await question.locator("input[type=radio]:checked").count(), 0);
  assert.match(await question.locator("textarea").inputValue(), /Avant la version 2\.1\.0 du référentiel.*niveau 2/s);
  // Answered again, the new answer is stored and the old one stays, set aside.
  await page.click('[data-testid="sc_publicite_conseil-3"]');
  await page.waitForFunction(() => Object.entries(localStorage).some(([k, v]) => k.startsWith("autodiag.assessment.") && JSON.parse(v).assessment.answers.sc_publicite_conseil));
  const stored = await page.evaluate(() => JSON.parse(Object.entries(localStorage).find(([k]) => k.startsWith("autodiag.assessment."))[1]).assessment);
  assert.equal(stored.answers.sc_publicite_conseil.choice, 3);
  assert.equal(stored.answers.sc_transparence, undefined);
  assert.ok(JSON.stringify(stored).includes('"sc_transparence"'), "the old answer is kept aside");
  assert.equal(stored.answers.sc_inclusion.choice, 3);
  // An acronym first met inside parentheses gets its meaning in brackets, never « )) ».
  const inclusionHelp = await page.locator("[data-testid=question-sc_inclusion] .question__help").textContent();
  assert.match(inclusionHelp, /\(EPN \[espace public numérique\], médiateurs/);
  assert.doesNotMatch(inclusionHelp, /\)\)/);
  await openPillar(page, app.server.url, "economie");
  const tenders = page.locator("[data-testid=question-eco_marches_electroniques]");
  assert.equal(await tenders.locator("input[type=radio]:checked").count(), 0);
  assert.match(await tenders.locator("textarea").inputValue(), /^Question posée à nouveau.*obligation légale.*niveau 2 ; confirmez-la ou corrigez-la\.$/s);
  for (const [pillar, question, level] of [["mobilite", "mob_ecoles_zone30", 3], ["qualite_de_vie", "qdv_plan_urgence", 2]]) {
    await openPillar(page, app.server.url, pillar);
    const renamed = page.locator(`[data-testid=question-${question}]`);
    assert.match(await renamed.locator(`[data-testid=legal-basis-${question}]`).textContent(), /niveau 2 est le minimum que la loi impose/, question);
    assert.equal(await renamed.locator("input[type=radio]:checked").count(), 0, question);
    assert.match(await renamed.locator("textarea").inputValue(), new RegExp(`Avant la version 2\\.2\\.0 du référentiel.*niveau ${level}`, "s"), question);
  }
  // The commune's own comment on the old question is seen where it is answered again.
  assert.match(await page.locator("[data-testid=question-qdv_plan_urgence] textarea").inputValue(), /^Avant la version 2\.2\.0[^\n]*niveau 2\.$/);
  await openPillar(page, app.server.url, "mobilite");
  assert.match(await page.locator("[data-testid=question-mob_ecoles_zone30] textarea").inputValue(), /niveau 3\.\nRue scolaire à l'essai rue Haute\.$/);
  await assertClean(page);
  await context.close();
});

test("a diagnostic redone before a question was asked again shows last round's note on the new question, to take back once", async () => {
  const context = await app.browser.isolated();
  const page = await openPage(context, app.server.url);
  await page.goto(app.server.url);
  await ready(page);
  // Redone under 2.7.0 from the 2025 diagnostic: « eco_marches_pme » still recalls that round's
  // answer and note, not yet answered again, when 2.8.0 asks it again (as « eco_marches_electroniques » since 2.10.0).
  await comeBackTo(page, {
    id: "refait-2-7",
    profile: { commune: "Lobbes", date: "2026-03-02", redone_from: "2025-03-10" },
    answers: { eco_marches_pme: { previous: 3, previous_note: "Clauses sociales depuis 2024." } },
    pillars: {},
    created_at: "2026-03-02T09:00:00.000Z",
    updated_at: "2026-03-02T09:30:00.000Z",
    changes_since_download: 0,
    revision: 1,
  });
  await openPillar(page, app.server.url, "economie");
  const line = page.locator("[data-testid=previous-note-eco_marches_electroniques]");
  assert.match(await line.textContent(), /10\/03\/2025.*« Clauses sociales depuis 2024\. »/);
  const note = page.locator("#note-eco_marches_electroniques");
  assert.match(await note.inputValue(), /^Avant la version 2\.8\.0 du référentiel.*niveau 3/s);
  await page.click("[data-testid=take-previous-note-eco_marches_electroniques]");
  await line.waitFor({ state: "detached" });
  assert.match(await note.inputValue(), /niveau 3 \(une réponse de niveau 1 reste juste\)\.\nClauses sociales depuis 2024\.$/);
  // Taken back, it does not come back with the next visit.
  await page.reload();
  await ready(page);
  await openPillar(page, app.server.url, "economie");
  assert.equal(await page.locator("[data-testid=previous-note-eco_marches_electroniques]").count(), 0);
  assert.match(await page.locator("#note-eco_marches_electroniques").inputValue(), /\nClauses sociales depuis 2024\.$/);
  await assertClean(page);
  await context.close();
});

test("answers given before the minimums counted electronic invoices and mobile apps are asked again, their notes kept", async () => {
  const context = await app.browser.isolated();
  const page = await openPage(context, app.server.url);
  await page.goto(app.server.url);
  await ready(page);
  // Saved under 2.9.0, when the minimums were e-Procurement alone and the website alone.
  await comeBackTo(page, {
    id: "marches-2-9",
    profile: { commune: "Thuin", date: "2026-11-02" },
    answers: { eco_marches_publicite: { choice: 2, note: "Avis d'attribution publiés depuis 2023." }, sc_accessibilite_web: { choice: 3, note: "Audit du site en 2025." } },
    pillars: {},
    created_at: "2026-11-02T09:00:00.000Z",
    updated_at: "2026-11-02T09:30:00.000Z",
    changes_since_download: 0,
    revision: 1,
  });
  // Coming back, the home page says that questions wait for a new answer, and why.
  const asked = page.locator("[data-testid=asked-again]");
  assert.equal(await asked.textContent(), "2 questions ont changé depuis ces réponses, chaque note dit pourquoi.");
  await openPillar(page, app.server.url, "economie");
  const tenders = page.locator("[data-testid=question-eco_marches_electroniques]");
  assert.equal(await tenders.locator("input[type=radio]:checked").count(), 0);
  assert.match(
    await tenders.locator("textarea").inputValue(),
    /^Avant la version 2\.10\.0 du référentiel, le minimum légal ne comptait pas la réception des factures électroniques.*niveau 2 \(une réponse de niveau 1 reste juste\)\.\nAvis d'attribution publiés depuis 2023\.$/s,
  );
  assert.match(await tenders.locator("[data-testid=legal-basis-eco_marches_electroniques]").textContent(), /reçoit et traite les factures électroniques/);
  assert.match(await tenders.textContent(), /factures électroniques des fournisseurs sont reçues et traitées/);
  await openPillar(page, app.server.url, "smart_citizens");
  const web = page.locator("[data-testid=question-sc_accessibilite_numerique]");
  assert.equal(await web.locator("input[type=radio]:checked").count(), 0);
  assert.match(
    await web.locator("textarea").inputValue(),
    /^Avant la version 2\.10\.0 du référentiel, le minimum légal ne comptait pas les applications mobiles de la commune ; votre réponse était : niveau 3 \(elle reste juste si la commune n'a pas d'application mobile\)\.\nAudit du site en 2025\.$/,
  );
  assert.match(await web.locator("[data-testid=legal-basis-sc_accessibilite_numerique]").textContent(), /sites et des applications mobiles/);
  // Answered again, a question leaves the notice; with both answered, it goes.
  await page.click('[data-testid="sc_accessibilite_numerique-3"]');
  await page.waitForFunction(() => Object.entries(localStorage).some(([k, v]) => k.startsWith("autodiag.assessment.") && JSON.parse(v).assessment.answers.sc_accessibilite_numerique?.choice === 3));
  await page.goto(app.server.url);
  await ready(page);
  assert.equal(await asked.textContent(), "1 question a changé depuis ces réponses, sa note dit pourquoi.");
  await openPillar(page, app.server.url, "economie");
  await page.click('[data-testid="eco_marches_electroniques-2"]');
  await page.waitForFunction(() => Object.entries(localStorage).some(([k, v]) => k.startsWith("autodiag.assessment.") && JSON.parse(v).assessment.answers.eco_marches_electroniques?.choice === 2));
  await page.goto(app.server.url);
  await ready(page);
  await page.locator("[data-testid=continue]").waitFor();
  assert.equal(await asked.count(), 0);
  await assertClean(page);
  await context.close();
});

test("« Continuer » on a finished 2.1.0 assessment leads to the first question asked again, its note explaining why", async () => {
  // Every question answered as 2.1.0 named them: five have since taken their whole legal minimum.
  const file = readdirSync(DIST).find((name) => /^questions\.fr\..*\.json$/.test(name));
  const renamed = { mob_ecoles_zone30: "mob_ecoles", qdv_plan_urgence: "qdv_crise", sc_publicite_conseil: "sc_publicite_active", gou_donnees_personnelles: "gou_rgpd", gou_donnees_ouvertes: "gou_open_data" };
  const answers = {};
  for (const id of Object.keys(readDistJson(file))) answers[renamed[id] ?? id] = { choice: 3 };
  const context = await app.browser.isolated();
  const page = await openPage(context, app.server.url);
  await page.goto(app.server.url);
  await ready(page);
  await comeBackTo(page, {
    id: "fini-2-1",
    profile: { commune: "Ham-sur-Heure-Nalinnes", date: "2026-11-30" },
    answers,
    pillars: {},
    created_at: "2026-11-30T09:00:00.000Z",
    updated_at: "2026-11-30T11:00:00.000Z",
    changes_since_download: 0,
    revision: 60,
  });
  await page.click("[data-testid=continue]");
  await page.waitForURL(/#\/pilier\/mobilite/);
  await page.waitForFunction(() => document.activeElement?.closest("fieldset")?.id === "mob_ecoles_zone30");
  const question = page.locator("[data-testid=question-mob_ecoles_zone30]");
  assert.equal(await question.locator("input[type=radio]:checked").count(), 0);
  assert.match(await question.locator("textarea").inputValue(), /^Avant la version 2\.2\.0 du référentiel.*niveau 3\.$/);
  await assertClean(page);
  await context.close();
});
