// For facilitators and the intercommunale: projector mode, territory view, contacts between
// communes, several respondents, before and after.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { useApp, openPage, assertClean, createAssessment, answerPillar, PILLARS, resultsDir, downloadText, expectText } from "../lib/harness.mjs";
import { communes, writeFiles, example, setAnswer, communeAt } from "../lib/summaries.mjs";

const app = useApp();

async function noOverflow(page, where) {
  const sizes = await page.evaluate(() => {
    const slide = document.querySelector("[data-testid=slide]");
    return {
      width: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      height: document.documentElement.scrollHeight - document.documentElement.clientHeight,
      slide: slide.scrollHeight - slide.clientHeight,
    };
  });
  assert.ok(sizes.width <= 0 && sizes.height <= 0 && sizes.slide <= 1, `${where} overflows: ${JSON.stringify(sizes)}`);
}

/** A respondent of `commune` whose levels run 1 to 5 from `shift`, so that respondents differ. */
function respondentOf(commune, who, shift) {
  const s = example();
  s.profile.commune = commune;
  s.profile.respondent_name = who;
  s.answers.forEach((a, i) => (a.level = ((i + shift) % 5) + 1));
  return s;
}

/** A new tab on « Plusieurs répondants », its page drawn. */
async function openWorkshop(context) {
  const page = await openPage(context, app.server.url);
  await page.goto(`${app.server.url}outils/#/consolider`);
  await page.locator("[data-testid=consolidate-need]").waitFor();
  return page;
}

/** The group chooses a level for the table's first question, other than `level` if shown. */
async function chooseFirst(page, [level, otherwise]) {
  const select = page.locator("select[id^=consolidated-]").first();
  const id = await select.getAttribute("id");
  const chosen = (await select.inputValue()) === level ? otherwise : level;
  await select.selectOption(chosen);
  return { id, chosen };
}

test("the projector walks its slides with the keyboard and never overflows", async () => {
  const page = await openPage(app.browser, app.server.url);
  await createAssessment(page, app.server.url, "Courcelles");
  for (const [p, pillar] of PILLARS.entries()) await answerPillar(page, app.server.url, pillar, (_, i) => ((i + p) % 5) + 1);
  for (const [width, height] of [[1280, 720], [1920, 1080]]) {
    await page.setViewportSize({ width, height });
    await page.goto(`${app.server.url}outils/#/projection`);
    // Back after Échap, the projector shows the slide it left: Home starts over.
    await page.waitForSelector("[data-testid=slide-counter]");
    await page.keyboard.press("Home");
    await page.waitForSelector("[data-testid=slide] svg");
    const total = 9;
    for (let slide = 1; slide <= total; slide++) {
      await expectText(page, "[data-testid=slide-counter]", `Diapositive ${slide} sur ${total}`);
      await noOverflow(page, `slide ${slide} at ${width}×${height}`);
      if ([1, 2, 8, 9].includes(slide)) await page.screenshot({ path: path.join(resultsDir(), `projector-${width}-${slide}.png`) });
      await page.keyboard.press("ArrowRight");
    }
    await expectText(page, "[data-testid=slide-counter]", `Diapositive ${total} sur ${total}`);
    await page.keyboard.press("ArrowLeft");
    await expectText(page, "[data-testid=slide-counter]", `Diapositive ${total - 1} sur ${total}`);
    await page.keyboard.press("Escape");
    await page.waitForURL(/#\/resultats$/);
  }
  // A commune under the legal minimums of governance and quality of life: its first steps
  // are those duties' long ones (the emergency plan's runs to 60 words), and the closing
  // slide keeps those that fit.
  await createAssessment(page, app.server.url, "Froidchapelle");
  for (const pillar of PILLARS) await answerPillar(page, app.server.url, pillar, ["economie", "energie_environnement", "mobilite", "smart_citizens"].includes(pillar) ? 5 : 1);
  for (const [width, height] of [[1280, 720], [1920, 1080]]) {
    await page.setViewportSize({ width, height });
    await page.goto(`${app.server.url}outils/#/projection`);
    await page.waitForSelector("[data-testid=slide] svg");
    await page.keyboard.press("End");
    await expectText(page, "[data-testid=slide-counter]", "Diapositive 9 sur 9");
    // Two first steps (about 85 words) and the two closing steps: the third step waits.
    const steps = await page.locator("[data-testid=slide] ol > li").allTextContents();
    assert.equal(steps.length, 4);
    // Each step says who does what, as the roadmap's first steps do.
    assert.deepEqual(steps.slice(2), [
      "Le collège valide la feuille de route et désigne un responsable par action.",
      "Le directeur général enregistre le résumé pour IGRETEC depuis les résultats et le lui envoie, pour préparer l'accompagnement.",
    ]);
    await noOverflow(page, `closing slide under the legal minimums at ${width}×${height}`);
    await page.screenshot({ path: path.join(resultsDir(), `projector-closing-legal-${width}.png`) });
  }
  await assertClean(page);
});

test("the territory view loads 30 files, lists the broken ones, and shows spreads and pooling", async () => {
  const page = await openPage(app.browser, app.server.url);
  const summaries = communes(27, { edit: (s, i) => i < 12 && PILLARS.forEach(() => s.answers.forEach((a) => a.question_id.startsWith("gou_") && (a.level = 1))) });
  const older = structuredClone(summaries[0]);
  older.profile.date = "2025-01-15";
  const broken = example();
  broken.answers[0].level = 7;
  const target = example();
  target.pillars.find((p) => p.pillar_id === "gouvernance").target_level = 7;
  const files = writeFiles([
    ...summaries.map((s, i) => [`commune-${i + 1}.json`, s]),
    ["commune-1-ancien.json", older],
    ["casse.json", broken],
    ["pas-json.json", "{ ceci n'est pas du JSON"],
    ["commune-2 (1).json", summaries[1]],
    ["objectif.json", target],
  ]);
  assert.equal(files.length, 32);
  await page.goto(`${app.server.url}outils/#/territoire`);
  await page.setInputFiles("[data-testid=territory-input]", files);
  await page.waitForSelector("[data-testid=heatmap] tbody tr");
  assert.equal(await page.locator("[data-testid=heatmap] tbody tr").count(), 27, "27 communes: the older Commune 001 set aside, 3 broken files");
  const rejected = await page.textContent("[data-testid=rejected-files]");
  assert.match(rejected, /casse\.json.*niveau invalide \(7\)/s);
  // A pillar is named as the screens name it, never by its id.
  assert.match(rejected, /objectif\.json : le niveau visé du pilier « Gouvernance » vaut 7 ; attendu 1 à 5\./);
  // What IGRETEC does about them.
  assert.match(rejected, /Sauf indication contraire ci-dessus, demandez à la commune de renvoyer le fichier tel qu'Autodiag l'a téléchargé/);
  const superseded = await page.textContent("[data-testid=superseded-files]");
  assert.match(superseded, /commune-1\.json.*est utilisé.*commune-1-ancien\.json/s);
  // The same download twice is said to be a copy, not a later download.
  assert.match(superseded, /« commune-2 \(1\)\.json » est mis de côté\. Même évaluation, téléchargée au même moment : le second en est une copie\./);
  assert.equal(await page.locator("[data-testid=spreads] tbody tr").count(), 6);
  assert.match(await page.textContent("[data-testid=spreads]"), /Médiane/);
  // The quartiles are said in plain words for an officer who is not a statistician.
  assert.match(await page.textContent("[data-testid=spread-hint]"), /moitié des communes .* entre le 1er et le 3e quartile/);
  assert.ok((await page.locator("[data-testid=pooling-candidate]").count()) > 0, "pooling candidates");
  assert.match(await page.textContent("[data-testid=pooling] .pooling-list__count"), /^\d+ communes$/);
  assert.ok((await page.locator("[data-testid=pooling] .chip").count()) >= 3, "each action's communes as chips");
  // Among 27 communes, an action shared by three is a group worth pooling.
  assert.equal(await page.inputValue("[data-testid=pooling-min]"), "3");
  await page.fill("[data-testid=pooling-min]", "28");
  await expectText(page, "[data-testid=pooling] > p.hint", "Aucune action n'atteint ce nombre de communes. Essayez un nombre plus petit.");
  await page.fill("[data-testid=pooling-min]", "3");
  // A field emptied while typing keeps the list it showed, not every action of one commune.
  const shown = await page.locator("[data-testid=pooling-candidate]").count();
  await page.fill("[data-testid=pooling-min]", "");
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
  assert.equal(await page.locator("[data-testid=pooling-candidate]").count(), shown);
  // Pooling takes two communes: 0 or 1 lists what two share, and the field says 2 once left.
  await page.fill("[data-testid=pooling-min]", "0");
  await page.locator("[data-testid=pooling-min]").blur();
  assert.equal(await page.inputValue("[data-testid=pooling-min]"), "2");
  assert.ok(await page.locator("[data-testid=pooling] .pooling-list__count").evaluateAll((counts) => counts.every((c) => !/^1 commune/.test(c.textContent))));
  await page.fill("[data-testid=pooling-min]", "3");
  // The list as a spreadsheet, for the committee: the same actions, counts and communes, at
  // the minimum on screen.
  const onScreen = await page.$$eval("[data-testid=pooling-candidate]", (items) =>
    items.map((li) => [li.querySelector("strong").textContent, li.querySelector(".pooling-list__count").textContent]));
  const pooling = (await downloadText(page, "[data-testid=export-pooling]")).text.replace(/^\uFEFF/, "").trim().split("\r\n");
  assert.equal(pooling[0], "Action;Pilier;Mutualisable entre communes;Nombre de communes;Communes");
  const rows = pooling.slice(1).map((line) => line.split(";"));
  assert.equal(rows.length, onScreen.length);
  assert.ok(rows.every((cells) => Number(cells[3]) >= 3 && cells[4].split(", ").length === Number(cells[3])), pooling.join("\n"));
  assert.deepEqual(rows.map((cells) => `${cells[0]}|${cells[3]} communes`), onScreen.map(([title, count]) => `${title}|${count}`));
  assert.ok(rows.some((cells) => cells[2] === "oui") && rows.some((cells) => cells[2] === ""), "both kinds of actions");
  // Each commune comes with its level on the action's question, on screen and in the
  // spreadsheet: a count of communes that gave no level is no shared need.
  const chips = await page.$$eval("[data-testid=pooling-candidate]", (items) =>
    items.map((li) => [...li.querySelectorAll(".chip")].map((chip) => chip.textContent.replace(/\s+/g, " ").trim())));
  assert.ok(chips.flat().every((chip) => /^Commune \d{3} (niveau [1-5]|sans niveau)/.test(chip)), chips.flat().join(" | "));
  const levelsOf = (texts) => texts.map((text) => text.match(/(niveau [1-5]|sans niveau)/)[1]);
  assert.deepEqual(rows.map((cells) => levelsOf(cells[4].split(", "))), chips.map(levelsOf));
  assert.ok(rows.every((cells) => cells[4].split(", ").every((c) => / \((niveau [1-5]|sans niveau)\)$/.test(c))), pooling.join("\n"));
  // Sorting by a pillar puts the highest score first (after the date, completeness and duties
  // columns), a score to confirm after every firm one, and no score last.
  await page.click("[data-testid=sort-gouvernance]");
  const scores = await page.$$eval("[data-testid=heatmap] tbody tr td:nth-child(9)", (cells) =>
    cells.map((c) => [c.classList.contains("cell--to-confirm") ? 0 : 1, c.classList.contains("cell--none") ? -1 : Number(c.firstChild.textContent)]));
  const rank = ([firm, score]) => (score < 0 ? -1 : firm * 1000 + score);
  assert.deepEqual(scores.map(rank), scores.map(rank).sort((a, b) => b - a));
  assert.ok(scores.some(([firm, score]) => !firm && score >= 0), "some score to confirm in this territory");
  await page.screenshot({ path: path.join(resultsDir(), "territory-1280.png"), fullPage: false });

  const json = JSON.parse((await downloadText(page, "[data-testid=export-json]")).text);
  assert.equal(json.format, "autodiag-territory");
  assert.equal(json.communes.length, 27);
  assert.equal(json.rejected_files.length, 3);
  assert.equal(json.spreads.length, 6);
  const csv = (await downloadText(page, "[data-testid=export-csv]")).text.replace(/^\uFEFF/, "").trim().split("\r\n");
  assert.equal(csv.length, 28, "a header and 27 communes");
  assert.match(csv[0], /^Commune;Code INS;Nombre d'habitants;Date du diagnostic;/);
  await assertClean(page);
});

test("in the territory view, a file over 5 MB is refused by name and the others load", async () => {
  const page = await openPage(app.browser, app.server.url);
  const files = writeFiles([
    ...communes(3).map((s, i) => [`commune-${i + 1}.json`, s]),
    ["export-complet.json", `{"padding": "${"x".repeat(6 * 1024 * 1024)}"}`],
  ]);
  await page.goto(`${app.server.url}outils/#/territoire`);
  await page.setInputFiles("[data-testid=territory-input]", files);
  await page.waitForSelector("[data-testid=heatmap] tbody tr");
  assert.equal(await page.locator("[data-testid=heatmap] tbody tr").count(), 3);
  assert.match(await page.textContent("[data-testid=rejected-files]"), /export-complet\.json.*6(,\d)? Mo.*5 Mo/s);
  // A file refused unread is still listed after the next pick: the commune still owes one.
  const [fourth] = writeFiles([["commune-4.json", communes(4)[3]]]);
  await page.setInputFiles("[data-testid=territory-input]", [fourth]);
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=heatmap] tbody tr").length === 4);
  assert.match(await page.textContent("[data-testid=rejected-files]"), /export-complet\.json.*6(,\d)? Mo.*5 Mo/s);
  await assertClean(page);
  await page.close();
});

test("contacts: the constructed case is found, filtered by commune, and exported", async () => {
  const page = await openPage(app.browser, app.server.url);
  const lobbes = communeAt("Lobbes", "56044", 3, (s) => {
    // The example's data question predates 2.8.0: this commune answered the current one.
    s.answers = s.answers.filter((a) => a.question_id !== "gou_information_donnees");
    setAnswer(s, "gou_documents_donnees", 4, "Inventaire tenu par la DG dans un tableur partagé");
  });
  const behind = (name, nis) =>
    communeAt(name, nis, 4, (s) => {
      s.answers.filter((a) => a.question_id.startsWith("gou_")).forEach((a) => (a.level = 1));
      // The example's data question predates 2.8.0, which asks it again: answer the current one.
      s.answers = s.answers.filter((a) => a.question_id !== "gou_information_donnees");
      setAnswer(s, "gou_documents_donnees", 1);
      s.pillars.find((p) => p.pillar_id === "gouvernance").importance = "high";
    });
  const others = communes(26, { seed: 11 });
  const files = writeFiles([["lobbes.json", lobbes], ["thuin.json", behind("Thuin", "56078")], ["beaumont.json", behind("Beaumont", "56005")], ...others.map((s, i) => [`c${i}.json`, s])]);
  assert.equal(files.length, 29);
  await page.goto(`${app.server.url}outils/#/territoire`);
  await page.setInputFiles("[data-testid=territory-input]", files);
  await page.waitForSelector("[data-testid=contact-row]");
  await page.selectOption("[data-testid=contact-commune]", "Thuin");
  // Each question once, with every commune ahead on it.
  const inventory = page.locator("[data-testid=can-learn] [data-testid=contact-row][data-question=gou_documents_donnees]");
  assert.equal(await inventory.count(), 1);
  assert.match(await inventory.locator("[data-testid=contact-behind]").textContent(), /Thuin niveau 1/);
  assert.match(await inventory.locator("[data-testid=contact-helpers]").textContent(), /Lobbes niveau 4/);
  assert.match(await inventory.textContent(), /Ce qu'en dit Lobbes : « Inventaire tenu par la DG dans un tableur partagé »/);
  // From Thuin's point of view too, the thresholds apply at once: ahead only from level 5,
  // Lobbes (level 4) no longer helps on the inventory.
  await page.selectOption("#ahead-from", "5");
  await page.waitForFunction(() => !/Lobbes niveau 4/.test(document.querySelector("[data-testid=can-learn] [data-question=gou_documents_donnees]")?.textContent ?? ""));
  await page.selectOption("#ahead-from", "4");
  await inventory.locator("[data-testid=contact-helpers]", { hasText: "Lobbes niveau 4" }).waitFor();
  // As projected in a workshop: the matches, from Thuin's point of view, then for everyone.
  await page.setViewportSize({ width: 1920, height: 1080 });
  const contacts = page.locator("section[aria-labelledby=contacts-title]");
  await contacts.evaluate((section) => section.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: path.join(resultsDir(), "contacts-thuin-1920.png") });
  await page.selectOption("[data-testid=contact-commune]", "");
  await page.waitForSelector("[data-testid=contacts-table]");
  await contacts.evaluate((section) => section.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: path.join(resultsDir(), "contacts-1920.png") });
  await page.setViewportSize({ width: 1280, height: 900 });
  const csv = (await downloadText(page, "[data-testid=export-matches]")).text;
  assert.ok(csv.split("\r\n").some((line) => line.startsWith("Gouvernance;Gestion de l'information et des données;Lobbes;4;Inventaire tenu par la DG dans un tableur partagé;") && line.includes(";Thuin;1;")));
  const aggregate = JSON.parse((await downloadText(page, "[data-testid=export-json]")).text);
  assert.ok(aggregate.matches.some((m) => m.question_id === "gou_documents_donnees" && m.ahead.commune === "Lobbes"));
  await assertClean(page);
});

test("three respondents: disagreements are listed and a consolidated assessment is saved", async () => {
  const page = await openPage(app.browser, app.server.url);
  const respondent = (who, levels) => {
    const s = example();
    s.profile.commune = "Walcourt";
    s.profile.respondent_name = who;
    s.answers.forEach((a, i) => (a.level = levels(i)));
    return s;
  };
  const files = writeFiles([
    ["bourgmestre.json", respondent("Bourgmestre", (i) => (i % 5) + 1)],
    ["dg.json", respondent("Directeur général", (i) => (i % 5) + 1)],
    ["informaticien.json", respondent("Informaticien", (i) => (i < 5 ? 5 - (i % 5) : (i % 5) + 1))],
  ]);
  await page.goto(`${app.server.url}outils/#/consolider`);
  await page.setInputFiles("[data-testid=consolidate-input]", files);
  await page.waitForSelector("[data-testid=consolidate-table]");
  // A real plural: « 1 question où… », « 3 questions où… », never « question(s) ».
  const disagreements = await page.textContent("[data-testid=disagreement-count]");
  const [, count, noun] = disagreements.match(/^(\d+) (questions?) à discuter pour Walcourt\. Une question est à discuter quand /);
  assert.equal(noun, Number(count) <= 1 ? "question" : "questions");
  assert.ok((await page.locator("[data-testid=disagreements] li").count()) >= 1);
  assert.ok((await page.locator("tr.disagree").count()) >= 1);
  await page.click("[data-testid=save-consolidated]");
  await page.waitForURL(/#\/resultats$/);
  await page.waitForSelector("[data-testid=radar-chart] svg");
  assert.match(await page.textContent("h1"), /Walcourt/);
  await assertClean(page);
});

test("an unsaved workshop is taken up or erased before another is loaded, and a synthesis the storage refuses keeps the workshop", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const first = writeFiles([
    ["dg.json", respondentOf("Ham-sur-Heure-Nalinnes", "Directrice générale", 0)],
    ["echevin.json", respondentOf("Ham-sur-Heure-Nalinnes", "Échevin", 3)],
  ]);
  const other = writeFiles([
    ["a.json", respondentOf("Fontaine-l'Évêque", "Alice", 1)],
    ["b.json", respondentOf("Fontaine-l'Évêque", "Bruno", 4)],
  ]);
  const start = () => openWorkshop(context);
  let page = await start();
  await page.setInputFiles("[data-testid=consolidate-input]", first);
  await page.waitForSelector("[data-testid=consolidate-table]");
  const { id, chosen } = await chooseFirst(page, ["1", "5"]);
  // The group's own name goes with its choices.
  await page.fill("#consolidated-name", "Atelier du 7 décembre");
  await page.waitForFunction(() => Object.values(localStorage).some((v) => v.includes("Atelier du 7 décembre")));
  await page.close();
  // The next tab cannot load other files beside the offer: work beside it would have no copy,
  // and the offered workshop's copy would be overwritten once that one was kept.
  page = await start();
  await page.locator("[data-testid=workshop-unsaved]").waitFor();
  assert.equal(await page.locator("[data-testid=consolidate-loading]").isVisible(), false);
  await page.setInputFiles("[data-testid=consolidate-input]", other);
  await page.waitForTimeout(300);
  assert.equal(await page.locator("[data-testid=loaded-respondent]").count(), 0);
  await page.reload();
  await page.locator("[data-testid=workshop-unsaved]").waitFor();
  assert.match(await page.locator("[data-testid=workshop-unsaved]").textContent(), /Ham-sur-Heure-Nalinnes/);
  const third = await start();
  assert.match(await third.locator("[data-testid=workshop-unsaved]").textContent(), /Ham-sur-Heure-Nalinnes, avec /);
  await third.close();
  // Taken up, focus goes to the respondents' title, and files can be loaded again.
  await page.click("[data-testid=workshop-resume]");
  await page.waitForFunction(() => document.activeElement?.id === "respondents-title");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 2);
  assert.equal(await page.locator("[data-testid=consolidate-loading]").isVisible(), true);
  assert.match(await page.locator("[data-testid=loaded-respondents]").textContent(), /Directrice générale/);
  await page.waitForSelector(`#${id}`);
  assert.equal(await page.locator(`#${id}`).inputValue(), chosen);
  assert.equal(await page.inputValue("#consolidated-name"), "Atelier du 7 décembre");
  // Saving while the browser's storage refuses every write: the synthesis is not stored, so
  // the workshop is kept for another try.
  await page.evaluate(() => {
    const setItem = Storage.prototype.setItem;
    window.__refuse = true;
    Storage.prototype.setItem = function (key, value) {
      if (window.__refuse && this === window.localStorage) throw new DOMException("full", "QuotaExceededError");
      return setItem.call(this, key, value);
    };
  });
  await page.click("[data-testid=save-consolidated]");
  await page.waitForURL(/#\/resultats$/);
  await page.locator("main h1").waitFor();
  await page.waitForTimeout(1500);
  await page.goBack();
  await page.waitForSelector("[data-testid=consolidate-table]");
  assert.equal(await page.locator("[data-testid=loaded-respondent]").count(), 2);
  assert.equal(await page.locator(`#${id}`).inputValue(), chosen);
  const tab = await openPage(context, app.server.url);
  await tab.goto(`${app.server.url}outils/#/consolider`);
  await tab.locator("[data-testid=workshop-unsaved]").waitFor();
  await tab.close();
  await assertClean(page, { allowErrors: [/QuotaExceeded|full/] });
  await context.close();
});

test("before and after: deltas per pillar and per question", async () => {
  const page = await openPage(app.browser, app.server.url);
  await createAssessment(page, app.server.url, "Gerpinnes");
  await answerPillar(page, app.server.url, "energie_environnement", 2);
  await page.goto(`${app.server.url}outils/#/evaluations`);
  await page.locator("[data-testid=assessment-row]", { hasText: "Gerpinnes" }).first().locator("[data-testid=duplicate-assessment]").click();
  await page.waitForFunction(() => [...document.querySelectorAll("[data-testid=assessment-row]")].filter((row) => row.textContent.includes("Gerpinnes")).length === 2);
  await answerPillar(page, app.server.url, "energie_environnement", 4);
  await page.goto(`${app.server.url}outils/#/comparer`);
  await page.waitForSelector("[data-testid=pillar-deltas]");
  assert.match(await page.textContent("[data-testid=pillar-deltas]"), /Énergie & environnement\s*25\s*75\s*\+50/);
  assert.match(await page.textContent("[data-testid=question-deltas]"), /\+2/);
  await assertClean(page);
});

test("a workshop's respondents and chosen levels survive leaving the page, going back and a reload, in that tab only", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await openPage(context, app.server.url);
  const respondent = (who, shift) => respondentOf("Walcourt", who, shift);
  await page.goto(`${app.server.url}outils/#/consolider`);
  const director = respondent("Directrice générale", 0);
  // Her reason, which the group needs on the slide to settle the question.
  director.answers[0].note = "Pas de DPO désigné depuis le départ de M. X en mars ; " + "le collège en parlera en janvier. ".repeat(8);
  const files = writeFiles([
    ["dg.json", director],
    ["referent.json", respondent("Référent", 2)],
    ["echevin.json", respondent("Échevin", 4)],
  ]);
  await page.setInputFiles("[data-testid=consolidate-input]", files);
  await page.waitForSelector("[data-testid=consolidate-table]");
  // The first question to discuss names its pillar and shows each respondent's note, cut to fit the slide.
  await page.click("[data-testid=project-discussion]");
  assert.equal(await page.locator("[data-testid=discussion-pillar]").textContent(), "Mobilité");
  const notes = page.locator("[data-testid=discussion-slide] [data-testid=discussion-notes] li");
  await notes.waitFor();
  const note = await notes.textContent();
  // Open for a group of three, and within a 720p screen.
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: path.join(resultsDir(), "discussion-notes-720.png") });
  assert.ok(await notes.isVisible());
  assert.ok((await notes.boundingBox()).y + (await notes.boundingBox()).height <= 720);
  assert.match(note, /^Directrice générale( \([^)]*\))? : Pas de DPO désigné depuis le départ de M\. X en mars ; le collège/);
  const said = note.slice(note.indexOf(" : ") + 3);
  assert.ok(said.endsWith("…") && said.length <= 161, note);
  await page.keyboard.press("Escape");
  await page.locator("[data-testid=discussion-slides]").waitFor({ state: "detached" });
  const { id, chosen } = await chooseFirst(page, ["2", "4"]);
  // The facilitator leaves for « Mes évaluations », then comes back with « Précédent ».
  await page.goto(`${app.server.url}outils/#/evaluations`);
  await page.locator("[data-testid=assessment-row], .page").first().waitFor();
  await page.goBack();
  await page.waitForSelector("[data-testid=consolidate-table]");
  assert.equal(await page.locator("[data-testid=loaded-respondent]").count(), 3);
  assert.equal(await page.locator(`#${id}`).inputValue(), chosen);
  // A reload keeps it too; another tab starts its own workshop, only offered this one.
  await page.reload();
  await page.waitForSelector("[data-testid=consolidate-table]");
  assert.equal(await page.locator(`#${id}`).inputValue(), chosen);
  const other = await context.newPage();
  await other.goto(`${app.server.url}outils/#/consolider`);
  await other.locator("[data-testid=consolidate-need]").waitFor();
  assert.equal(await other.locator("[data-testid=loaded-respondent]").count(), 0);
  await other.locator("[data-testid=workshop-unsaved]").waitFor();
  // Once every respondent is removed, nothing is kept.
  while ((await page.locator("[data-testid=loaded-respondent]").count()) > 0) {
    await page.locator("[data-testid=loaded-respondent] button").first().click();
  }
  await page.reload();
  await page.locator("[data-testid=consolidate-need]").waitFor();
  assert.equal(await page.locator("[data-testid=loaded-respondent]").count(), 0);
  // The same files again start a new workshop: the proposed level, not the old choice.
  await page.setInputFiles("[data-testid=consolidate-input]", files);
  await page.waitForSelector("[data-testid=consolidate-table]");
  assert.notEqual(await page.locator(`#${id}`).inputValue(), chosen);
  // Saved, the workshop is done: « Précédent » does not offer to save it twice.
  await page.click("[data-testid=save-consolidated]");
  await page.waitForURL(/#\/resultats$/);
  // Ended once the synthesis is stored, a moment after the click.
  await page.waitForFunction(() => sessionStorage.getItem("autodiag.workshop") === null && localStorage.getItem("autodiag.workshop.unsaved") === null);
  await page.goBack();
  await page.locator("[data-testid=consolidate-need]").waitFor();
  assert.equal(await page.locator("[data-testid=loaded-respondent]").count(), 0);
  // Nor does a new tab offer it back.
  await other.reload();
  await other.locator("[data-testid=consolidate-need]").waitFor();
  assert.equal(await other.locator("[data-testid=workshop-unsaved]").count(), 0);
  await assertClean(page);
  await context.close();
});

test("a workshop whose tab was closed before saving is offered back with its choices, and erased on request", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const files = writeFiles([
    ["dg.json", respondentOf("Gerpinnes", "Directeur général", 0)],
    ["echevin.json", respondentOf("Gerpinnes", "Échevine", 3)],
  ]);
  const start = () => openWorkshop(context);
  let page = await start();
  // An empty page says nothing: there is no workshop yet.
  assert.equal(await page.locator("[data-testid=workshop-unsaved]").count(), 0);
  await page.setInputFiles("[data-testid=consolidate-input]", files);
  await page.waitForSelector("[data-testid=consolidate-table]");
  const { id, chosen } = await chooseFirst(page, ["1", "5"]);
  // The tab closes by mistake, mid-workshop.
  await page.close();
  page = await start();
  const offer = page.locator("[data-testid=workshop-unsaved]");
  await offer.waitFor();
  const said = await offer.locator("p").textContent();
  assert.match(said, /^Un atelier non enregistré est gardé dans ce navigateur : Gerpinnes, avec .*\. Reprenez-le si son onglet a été fermé/);
  assert.ok(said.includes("Directeur général") && said.includes("Échevine"), said);
  // Nothing is loaded until asked: a shared computer's next visitor inherits no one.
  assert.equal(await page.locator("[data-testid=loaded-respondent]").count(), 0);
  await page.screenshot({ path: path.join(resultsDir(), "workshop-unsaved.png") });
  await page.click("[data-testid=workshop-resume]");
  await page.waitForSelector("[data-testid=consolidate-table]");
  assert.equal(await page.locator("[data-testid=loaded-respondent]").count(), 2);
  assert.equal(await page.locator(`#${id}`).inputValue(), chosen);
  assert.equal(await offer.count(), 0);
  // Taken up, it is this tab's workshop again: a reload keeps it.
  await page.reload();
  await page.waitForSelector("[data-testid=consolidate-table]");
  assert.equal(await page.locator(`#${id}`).inputValue(), chosen);
  await page.close();
  // Erased, it is offered no more.
  page = await start();
  await page.locator("[data-testid=workshop-unsaved]").waitFor();
  const stale = await start();
  await stale.locator("[data-testid=workshop-unsaved]").waitFor();
  // Erasing asks first, focus on « Garder l'atelier »; keeping it changes nothing.
  await page.click("[data-testid=workshop-discard]");
  await page.waitForFunction(() => document.activeElement?.id === "workshop-discard-no");
  assert.match(await page.locator("[data-testid=workshop-unsaved] [role=alert]").textContent(), /^Effacer cet atelier de ce navigateur, avec les niveaux retenus par le groupe \?/);
  await page.keyboard.press("Enter");
  await page.locator("[data-testid=workshop-resume]").waitFor();
  await page.click("[data-testid=workshop-discard]");
  await page.click("[data-testid=workshop-discard-yes]");
  await page.locator("[data-testid=workshop-unsaved]").waitFor({ state: "detached" });
  await page.waitForFunction(() => document.activeElement?.id === "respondents-title");
  assert.equal(await page.locator("[data-testid=loaded-respondent]").count(), 0);
  await page.reload();
  await page.locator("[data-testid=consolidate-need]").waitFor();
  assert.equal(await page.locator("[data-testid=workshop-unsaved]").count(), 0);
  // In English too.
  await page.setInputFiles("[data-testid=consolidate-input]", files);
  await page.waitForSelector("[data-testid=consolidate-table]");
  // A tab still offering the erased workshop, now replaced by this one, takes up neither.
  await stale.click("[data-testid=workshop-resume]");
  await expectText(stale, "[data-testid=consolidate-errors]", "Cet atelier n'est plus dans ce navigateur : il a sans doute été enregistré, effacé ou remplacé depuis un autre onglet.");
  assert.equal(await stale.locator("[data-testid=loaded-respondent]").count(), 0);
  await stale.close();
  await assertClean(page);
  await page.close();
  page = await start();
  await page.click("button[lang=en]");
  await page.waitForFunction(() => document.documentElement.lang === "en");
  await page.waitForFunction(() => /Take up this workshop/.test(document.querySelector("[data-testid=workshop-unsaved]")?.textContent));
  assert.match(await page.locator("[data-testid=workshop-unsaved] p").textContent(), /^An unsaved workshop is kept in this browser: Gerpinnes, with .*Échevine.*\. Take it up again/);
  await assertClean(page);
  await context.close();
});

test("a workshop still open in one tab is not offered to take up in another, whose choices would part ways", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const first = await openWorkshop(context);
  await first.setInputFiles("[data-testid=consolidate-input]", writeFiles([
    ["dg.json", respondentOf("Walcourt", "Directrice générale", 0)],
    ["echevin.json", respondentOf("Walcourt", "Échevin", 3)],
  ]));
  await first.waitForSelector("[data-testid=consolidate-table]");
  await chooseFirst(first, ["1", "5"]);
  // The facilitator opens the tools in a second tab during the workshop.
  const second = await openPage(context, app.server.url);
  await second.goto(`${app.server.url}outils/#/consolider`);
  await second.locator("[data-testid=workshop-unsaved]").waitFor();
  await expectText(second, "[data-testid=workshop-elsewhere]",
    "Il est ouvert dans un autre onglet de ce navigateur : continuez-le là-bas. Si cet onglet vient d'être fermé, rechargez cette page dans quelques secondes pour le reprendre ici.");
  assert.equal(await second.locator("[data-testid=workshop-resume]").count(), 0);
  assert.equal(await second.locator("[data-testid=workshop-discard]").count(), 0);
  // The first tab closed, the workshop can be taken up here.
  await first.close();
  await second.reload();
  await second.locator("[data-testid=workshop-resume]").waitFor();
  await second.click("[data-testid=workshop-resume]");
  await second.waitForFunction(() => document.querySelectorAll("[data-testid=loaded-respondent]").length === 2);
  await assertClean(second);
  await context.close();
});
