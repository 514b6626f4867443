// « Pour le PST »: the roadmap as PST fiches (objectif stratégique → objectif opérationnel →
// actions, legal duties first, the target level's text as indicator), a CSV that Belgian Excel
// opens, a print with a running head, and the evaluation against a later assessment.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { useApp, openPage, assertClean, createAssessment, answerPillar, PILLARS, resultsDir, downloadText, openPillar, expectText } from "../lib/harness.mjs";
import { example, setAnswer, writeFiles } from "../lib/summaries.mjs";

const app = useApp();
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const HEADERS = [
  "N°", "Volet", "Objectif stratégique", "Objectif opérationnel", "Indicateur (texte du niveau visé)",
  "Niveau actuel", "Niveau visé", "Obligation légale", "Action", "Première étape", "Responsable",
  "Échéance", "Horizon", "Effort", "Coût", "Mutualisable", "Statut",
];

/** Fields of one CSV line, quotes honoured. */
function fields(line) {
  const out = [""];
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"' && quoted && line[i + 1] === '"') { out[out.length - 1] += '"'; i++; }
    else if (c === '"') quoted = !quoted;
    else if (c === ";" && !quoted) out.push("");
    else out[out.length - 1] += c;
  }
  return out;
}

async function axe(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0].target.join(" ")}`);
  });
}

test("the roadmap becomes PST fiches and a CSV for Excel, legal duties first, printed with a running head", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await openPage(context, app.server.url);
  await createAssessment(page, app.server.url, "Froidchapelle");
  await page.fill("#date", "2026-11-20");
  // Level 1 everywhere: the GDPR, open data and accessibility duties are below their minimum.
  for (const pillar of PILLARS) await answerPillar(page, app.server.url, pillar, 1);
  await page.goto(`${app.server.url}outils/#/feuille-de-route`);
  // One action already done: the fiche says so, as the roadmap, the report and the CSV do.
  const doneCard = page.locator("[data-testid=roadmap-item]").first();
  const doneTitle = (await doneCard.locator("[data-testid=item-title]").textContent()).trim();
  await doneCard.locator("[data-testid=item-done]").check();
  await page.locator("[data-testid=to-pst]").click();
  await page.waitForURL(/#\/pst$/);
  await page.locator("[data-testid=pst-fiche]").first().waitFor();
  // The side menu names it too, between the roadmap and the report.
  assert.deepEqual((await page.locator(".stepper li").allTextContents()).slice(-4).map((t) => t.trim()), ["Résultats", "Feuille de route", "Pour le PST", "Rapport"]);
  assert.equal((await page.locator(".stepper a[aria-current=step]").textContent()).trim(), "Pour le PST");
  // « Niveau visé » is the next step, not the pillar's target that the results show.
  assert.match(await page.locator("main").textContent(), /Le niveau visé est celui où mènent les actions de la feuille de route ; l'objectif du pilier, sur la page des résultats, peut être plus haut\./);
  const doneRows = page.locator(".pst-actions tbody tr:has([data-testid=pst-done])");
  assert.equal(await doneRows.count(), 1);
  assert.equal((await doneRows.locator("th").textContent()).replace(/Fait$/, "").trim(), doneTitle);
  assert.equal((await doneRows.locator("[data-testid=pst-done]").textContent()), "Fait");

  // Objectif stratégique → objectif opérationnel, the first ones legal duties, as the lead says.
  assert.match(await page.textContent(".page--pst .lead"), /Les objectifs qui portent une obligation légale viennent d'abord, puis ceux des piliers prioritaires\.$/);
  const first = page.locator("[data-testid=pst-strategic]").first();
  assert.match(await first.locator("h2").textContent(), /^Objectif stratégique 1 — Être une /);
  const fiche = first.locator("[data-testid=pst-fiche]").first();
  // A duty is complied with, never a level to reach; the fiche cites the law for the tutelle.
  assert.match(await fiche.locator("h3").textContent(), /^Objectif opérationnel 1\.1 — Se mettre en conformité(, puis atteindre le niveau \d sur| :) « .+ »$/);
  assert.equal(await fiche.locator("[data-testid=pst-legal]").textContent(), "Obligation légale");
  assert.match(await fiche.locator("[data-testid=pst-legal-basis]").textContent(), /(RGPD|Décret|décret|art\.)/);
  const indicator = (await fiche.locator("[data-testid=pst-indicator]").textContent()).trim();
  assert.ok(indicator.length > 30, `an indicator in words: ${indicator}`);
  // The volet interne for governance, the volet externe for the territory's policies.
  const chips = await page.locator(".pst-fiche__tags .chip:not(.chip--legal)").allTextContents();
  assert.ok(chips.includes("Volet interne") && chips.includes("Volet externe"), chips.join(", "));
  await page.screenshot({ path: path.join(resultsDir(), "pst-fiches-1366.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe violations on the PST page");

  // The CSV: a BOM, semicolons, French headers, one line per action shown on the page.
  const { name, text } = await downloadText(page, "[data-testid=pst-csv]");
  // Dated as the diagnostic, as its summary is: the files of one diagnostic go together.
  assert.equal(name, "autodiag-froidchapelle-2026-11-20-pst.csv");
  assert.ok(text.startsWith("\ufeff"), "UTF-8 with a byte order mark");
  const lines = text.slice(1).split("\r\n").filter(Boolean);
  assert.deepEqual(fields(lines[0]), HEADERS);
  const actions = await page.locator(".pst-actions tbody tr").count();
  assert.equal(lines.length - 1, actions);
  const firstRow = fields(lines[1]);
  assert.equal(firstRow.length, HEADERS.length);
  assert.equal(firstRow[0], "1.1.1");
  assert.equal(firstRow[4], indicator);
  assert.match(firstRow[7], /(RGPD|Décret|décret|art\.)/);
  // A legal duty's objective aims at the law's level at least, and a level below it is no stage.
  const legalRows = lines.slice(1).map(fields).filter((row) => row[7]);
  assert.ok(legalRows.length >= 3, `${legalRows.length} rows of legal duties`);
  for (const row of legalRows) {
    assert.match(row[5], /^1 — Sous le minimum légal$/, row.join(";"));
    assert.doesNotMatch(row[6], /Sous le minimum/, row.join(";"));
    assert.match(row[3], /^Se mettre en conformité/, row.join(";"));
  }
  // No owner named yet: the catalogue's suggestion, to confirm, rather than a blank.
  assert.ok(lines.slice(1).map(fields).every((row) => row[10].startsWith("À désigner, par exemple ")), "owners to confirm");

  // The commune rewords an objectif stratégique: on the fiche, in the table, after a reload.
  await first.locator("[data-testid=pst-reword]").click();
  await page.fill("[data-testid=pst-reword-input]", "Une commune en règle et proche de ses habitants");
  await page.click("[data-testid=pst-reword-save]");
  await page.waitForFunction(() => document.querySelector("[data-testid=pst-strategic] h2")?.textContent === "Objectif stratégique 1 — Une commune en règle et proche de ses habitants");
  const reworded = fields((await downloadText(page, "[data-testid=pst-csv]")).text.slice(1).split("\r\n")[1]);
  assert.equal(reworded[2], "Une commune en règle et proche de ses habitants");
  await page.reload();
  await page.locator("[data-testid=pst-fiche]").first().waitFor();
  assert.equal(await page.locator("[data-testid=pst-strategic] h2").first().textContent(), "Objectif stratégique 1 — Une commune en règle et proche de ses habitants");
  // And back to the proposal.
  await page.locator("[data-testid=pst-strategic]").first().locator("[data-testid=pst-reword]").click();
  await page.click("[data-testid=pst-reword-reset]");
  await page.waitForFunction(() => /^Objectif stratégique 1 — Être une /.test(document.querySelector("[data-testid=pst-strategic] h2")?.textContent ?? ""));
  // An objectif opérationnel too: « Atteindre le niveau 3 sur … » means little to a council.
  const firstFiche = page.locator("[data-testid=pst-fiche]").first();
  assert.match(await firstFiche.locator("h3").textContent(), /^Objectif opérationnel 1\.1 — Se mettre en conformité(, puis atteindre le niveau \d sur| :) « .+ »$/);
  await firstFiche.locator("[data-testid=pst-op-reword]").click();
  // The keyboard goes into the field; Échap cancels and leaves it on the heading.
  await page.waitForFunction(() => document.activeElement?.dataset.testid === "pst-op-reword-input");
  const proposed = await page.inputValue("[data-testid=pst-op-reword-input]");
  await page.fill("[data-testid=pst-op-reword-input]", "Brouillon abandonné");
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => document.activeElement?.tagName === "H3" && !document.querySelector("[data-testid=pst-op-reword-form]"));
  await firstFiche.locator("[data-testid=pst-op-reword]").click();
  // What was typed and cancelled is gone: the form opens on the saved words, never one key from saving the draft.
  assert.equal(await page.inputValue("[data-testid=pst-op-reword-input]"), proposed);
  // The keyboard goes into the field, then back to the heading in its new words.
  await page.waitForFunction(() => document.activeElement?.dataset.testid === "pst-op-reword-input");
  await page.fill("[data-testid=pst-op-reword-input]", "Désigner un DPO et tenir le registre des traitements");
  await page.press("[data-testid=pst-op-reword-input]", "Enter");
  await page.waitForFunction(() => document.querySelector("[data-testid=pst-fiche] h3")?.textContent === "Objectif opérationnel 1.1 — Désigner un DPO et tenir le registre des traitements");
  await page.waitForFunction(() => document.activeElement?.tagName === "H3" && document.activeElement.textContent.endsWith("Désigner un DPO et tenir le registre des traitements"));
  const operational = fields((await downloadText(page, "[data-testid=pst-csv]")).text.slice(1).split("\r\n")[1]);
  assert.equal(operational[3], "Désigner un DPO et tenir le registre des traitements");
  await page.reload();
  await page.locator("[data-testid=pst-fiche]").first().waitFor();
  assert.equal(await page.locator("[data-testid=pst-fiche] h3").first().textContent(), "Objectif opérationnel 1.1 — Désigner un DPO et tenir le registre des traitements");
  await page.locator("[data-testid=pst-fiche]").first().locator("[data-testid=pst-op-reword]").click();
  await page.click("[data-testid=pst-op-reword-reset]");
  await page.waitForFunction(() => /^Objectif opérationnel 1\.1 — Se mettre en conformité/.test(document.querySelector("[data-testid=pst-fiche] h3")?.textContent ?? ""));

  // Printed: every page names the commune and the date, and counts its pages.
  const rules = await page.evaluate(() =>
    [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules].filter((r) => r instanceof CSSPageRule).map((r) => r.cssText)).join("\n"));
  assert.match(rules, /PST — Froidchapelle — 20\/11\/2026/);
  assert.match(rules, /counter\(page\).*counter\(pages\)/s);
  await page.emulateMedia({ media: "print" });
  // At an A4 page's width, the short cells (due date, horizon, effort, cost) break only between
  // words: the printed fiches read « moye/n » and « 31/01/20/27 ».
  await page.setViewportSize({ width: 680, height: 900 });
  const broken = await page.evaluate(() => {
    const out = [];
    for (const cell of document.querySelectorAll(".pst-actions td:nth-child(n+4)")) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of node.data.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          if (new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size > 1) out.push(word[0]);
        }
      }
    }
    return out;
  });
  assert.deepEqual(broken, [], "words split across lines in the printed fiches");
  // A long double surname in « Responsable » breaks at its hyphen, never inside a name
  // (« Vandenbrouck/e-Delmotte », a walk's printed fiche).
  const splitNames = await page.evaluate(() => {
    const cell = document.querySelector(".pst-actions td[data-testid=pst-owner]");
    const before = cell.innerHTML;
    cell.textContent = "Mme Françoise Vandenbroucke-Delmotte (directrice générale du CPAS)";
    const node = cell.firstChild;
    const split = ["Vandenbroucke-", "Delmotte", "Françoise", "directrice"].filter((part) => {
      const range = document.createRange();
      const at = node.data.indexOf(part);
      range.setStart(node, at);
      range.setEnd(node, at + part.length);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size > 1;
    });
    cell.innerHTML = before;
    return split;
  });
  assert.deepEqual(splitNames, [], "names split inside in the owner's column");
  // Nor does a column's heading run into the next one.
  const crowded = await page.$$eval(".pst-actions thead th", (heads) => heads.filter((th) => th.scrollWidth > th.clientWidth).map((th) => th.textContent));
  assert.deepEqual(crowded, [], "headings wider than their column");
  await page.setViewportSize({ width: 1366, height: 900 });
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  fs.writeFileSync(path.join(resultsDir(), "pst-froidchapelle.pdf"), pdf);
  await page.emulateMedia({ media: "screen" });

  // Beside the side menu of a 1280 px screen, no fiche's table is cut: « Coût » was.
  await page.setViewportSize({ width: 1280, height: 800 });
  const cut = await page.$$eval(".pst-fiche .table-scroll", (frames) => frames.map((f) => f.scrollWidth - f.clientWidth).filter((extra) => extra > 0));
  assert.deepEqual(cut, [], "fiche tables wider than their box at 1280 px");
  // On a phone the fiches read without sideways scrolling of the page.
  await page.setViewportSize({ width: 375, height: 812 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the PST page scrolls sideways by ${overflow}px at 375 px`);
  // Nor does any fiche's table, down to 320 px: each action reads as a card, its owner named
  // and in view.
  for (const width of [320, 360, 375]) {
    await page.setViewportSize({ width, height: 812 });
    const tables = await page.$$eval(".pst-fiche .table-scroll", (frames) => frames.map((f) => f.scrollWidth - f.clientWidth));
    assert.ok(tables.every((extra) => extra <= 0), `at ${width} px a fiche's table scrolls sideways: ${tables}`);
  }
  const owner = page.locator("[data-testid=pst-owner]").first();
  assert.match(await owner.evaluate((cell) => getComputedStyle(cell, "::before").content), /^"Responsable :/);
  // An amount never breaks inside its digits or before its euro sign (« 10 / 000 € »).
  const amounts = (await page.locator(".pst-actions td").allTextContents()).filter((text) => /\d/.test(text) && text.includes("€"));
  assert.ok(amounts.length > 0);
  for (const amount of amounts) assert.doesNotMatch(amount, /\d[ \t]\d|\d[ \t]€/, amount);
  const box = await owner.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 375, `the owner is at ${Math.round(box.x)} px`);
  await assertClean(page);
  await context.close();
});

test("a later assessment of the same commune says which objectifs opérationnels were reached", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await openPage(context, app.server.url);
  // Lobbes in 2026, and again in 2028 with its cybersecurity one level up.
  const before = example("lobbes-2026-11-20.json");
  const after = example("lobbes-2026-11-20.json");
  after.profile.date = "2028-11-20";
  const cyber = before.answers.find((a) => a.question_id === "gou_cybersecurite").level;
  setAnswer(after, "gou_cybersecurite", cyber + 1);
  // The 2028 round carried the plan over, and an action was ticked « Fait » there.
  after.roadmap.items.find((i) => i.status !== "done" && !i.custom_title).status = "done";
  await page.goto(`${app.server.url}outils/#/importer`);
  await page.setInputFiles("[data-testid=import-input]", writeFiles([["lobbes-2026.json", before], ["lobbes-2028.json", after]]));
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=import-results] li").length === 2);

  // Open the 2026 assessment, whose roadmap is the plan.
  await page.goto(`${app.server.url}outils/#/evaluations`);
  const row = page.locator("[data-testid=assessment-row]", { hasText: "20/11/2026" });
  await row.locator("[data-testid=open-assessment]").click();
  await page.goto(`${app.server.url}outils/#/pst`);
  await page.locator("[data-testid=pst-fiche]").first().waitFor();
  // An earlier year's assessment, open on every screen, says so: its summary is not the one to send.
  for (const hash of ["resultats", "pst"]) {
    await page.goto(`${app.server.url}outils/#/${hash}`);
    await page.waitForFunction(() => /Vous consultez l'évaluation du 20\/11\/2026 \(Lobbes\), qui n'est pas la plus récente de la commune/.test(document.querySelector("[data-testid=not-latest]")?.textContent));
    assert.equal(await page.locator("[data-testid=open-latest]").textContent(), "Ouvrir celle du 20/11/2028");
  }
  await page.locator("[data-testid=pst-fiche]").first().waitFor();
  assert.equal(await page.locator("[data-testid=pst-evaluation]").count(), 0, "no evaluation before one is chosen");
  const doneInThePlan = await page.locator("[data-testid=pst-done]").count();
  const options = await page.locator("[data-testid=pst-later] option").allTextContents();
  assert.equal(options.length, 2);
  assert.match(options[1], /Lobbes · 20\/11\/2028/);
  await page.selectOption("[data-testid=pst-later]", { index: 1 });
  await page.locator("[data-testid=pst-evaluation]").first().waitFor();
  // Evaluated by 2028, the action ticked then is done in the plan's fiches too.
  assert.equal(await page.locator("[data-testid=pst-done]").count(), doneInThePlan + 1);

  const cyberFiche = page.locator("[data-testid=pst-fiche]", { hasText: "Cybersécurité" });
  assert.equal(await cyberFiche.locator("[data-testid=pst-evaluation]").textContent(), `Atteint (niveau ${cyber + 1})`);
  const evaluations = await page.locator("[data-testid=pst-evaluation]").allTextContents();
  assert.ok(evaluations.some((e) => e.startsWith("Pas encore atteint")), evaluations.join(" | "));

  // The CSV carries the evaluation as its last column.
  const { text } = await downloadText(page, "[data-testid=pst-csv]");
  const lines = text.slice(1).split("\r\n").filter(Boolean);
  assert.equal(fields(lines[0]).at(-1), "Évaluation");
  assert.ok(lines.some((line) => fields(line).at(-1) === `Atteint (niveau ${cyber + 1})`));
  await page.screenshot({ path: path.join(resultsDir(), "pst-evaluation-1366.png"), fullPage: true });

  // From the before/after screen, one click opens the same evaluation.
  await page.goto(`${app.server.url}outils/#/comparer`);
  // Before / after also names who answered after the date.
  const valueOf = (select, start) =>
    page.$eval(select, (s, start) => [...s.options].find((o) => o.textContent.startsWith(start))?.value, start);
  // Opened on the earlier year, the comparison still reads in time order: 2026 before 2028.
  await page.locator("[data-testid=compare-before]").waitFor();
  assert.equal(await page.inputValue("[data-testid=compare-before]"), await valueOf("[data-testid=compare-before]", options[1].replace("2028", "2026")));
  assert.equal(await page.inputValue("[data-testid=compare-after]"), await valueOf("[data-testid=compare-after]", options[1]));
  await page.selectOption("[data-testid=compare-before]", await valueOf("[data-testid=compare-before]", options[1].replace("2028", "2026")));
  await page.selectOption("[data-testid=compare-after]", await valueOf("[data-testid=compare-after]", options[1]));
  await page.click("[data-testid=pst-evaluate]");
  await page.waitForURL(/#\/pst\?apres=/);
  await page.locator("[data-testid=pst-evaluation]").first().waitFor();
  assert.equal(await page.locator("[data-testid=pst-fiche]", { hasText: "Cybersécurité" }).locator("[data-testid=pst-evaluation]").textContent(), `Atteint (niveau ${cyber + 1})`);
  // Last year's assessment stays open for the questionnaire too: its pages say so before any
  // answer lands in it, and open this year's in one click.
  await openPillar(page, app.server.url, "mobilite");
  await expectText(page, "[data-testid=not-latest] span", "Vous consultez l'évaluation du 20/11/2026 (Lobbes), qui n'est pas la plus récente de la commune : ses résultats et son résumé ne sont pas ceux à envoyer à IGRETEC.");
  await page.click("[data-testid=open-latest]");
  await page.locator("[data-testid=not-latest]").waitFor({ state: "detached" });
  await page.goto(`${app.server.url}outils/#/comparer`);
  await page.locator("[data-testid=compare-before]").waitFor();
  await page.selectOption("[data-testid=compare-before]", await valueOf("[data-testid=compare-before]", options[1].replace("2028", "2026")));
  await page.selectOption("[data-testid=compare-after]", await valueOf("[data-testid=compare-after]", options[1]));
  await page.click("[data-testid=pst-evaluate]");
  await page.locator("[data-testid=not-latest]").waitFor();
  // One click opens the latest again, on every screen.
  await page.click("[data-testid=open-latest]");
  await page.locator("[data-testid=not-latest]").waitFor({ state: "detached" });
  await page.goto(`${app.server.url}outils/#/resultats`);
  await page.locator("[data-testid=overall-score]").waitFor();
  assert.equal(await page.locator("[data-testid=not-latest]").count(), 0);
  await assertClean(page);
  await context.close();
});

test("without a later assessment the page says how to evaluate, and an empty roadmap says what to do", async () => {
  const context = await app.browser.isolated();
  const page = await openPage(context, app.server.url);
  await createAssessment(page, app.server.url, "Gerpinnes");
  await answerPillar(page, app.server.url, "mobilite", 2);
  await page.goto(`${app.server.url}outils/#/pst`);
  await page.locator("[data-testid=pst-no-later]").waitFor();
  assert.match(await page.locator("[data-testid=pst-no-later]").textContent(), /Pour mesurer l'avancement de ce PST, refaites le diagnostic à mi-législature/);
  // Every item removed: nothing to write, and the way back to the roadmap.
  await page.goto(`${app.server.url}outils/#/feuille-de-route`);
  const items = page.locator("[data-testid=roadmap-item] [data-testid=item-remove]");
  await items.first().waitFor();
  while ((await items.count()) > 0) {
    await items.first().click();
  }
  await page.goto(`${app.server.url}outils/#/pst`);
  await page.locator("[data-testid=pst-empty]").waitFor();
  await assertClean(page);
  await context.close();
});

test("the commune's own action joins the objectif opérationnel of the question it names, and leaves it when unnamed", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await openPage(context, app.server.url);
  await createAssessment(page, app.server.url, "Estinnes");
  await answerPillar(page, app.server.url, "mobilite", 2);
  await page.goto(`${app.server.url}outils/#/feuille-de-route`);
  const title = "Réunir les commerçants du centre sur leur vitrine en ligne";
  await page.fill("[data-testid=custom-text]", title);
  // The économie pillar is unanswered, so the roadmap has no objective there yet.
  const select = page.locator("[data-testid=custom-objective]");
  const groups = await select.locator("optgroup").evaluateAll((gs) => gs.map((g) => g.label));
  assert.deepEqual(groups, ["Mobilité", "Qualité de vie", "Économie", "Énergie & environnement", "Gouvernance", "Smart Citizens"]);
  const option = select.locator("optgroup[label='Économie'] option").first();
  const [question, questionTitle] = [await option.getAttribute("value"), (await option.textContent()).trim()];
  await select.selectOption(question);
  await page.click("[data-testid=custom-add]");
  const card = page.locator("[data-testid=roadmap-item]", { hasText: title });
  assert.equal((await card.locator("[data-testid=item-objective]").textContent()).trim(), `Objectif du PST : ${questionTitle}`);
  // The form is ready for the next action, with no objective chosen.
  assert.equal(await select.inputValue(), "");

  const rowOf = async () => {
    const { text } = await downloadText(page, "[data-testid=pst-csv]");
    return text.slice(1).split("\r\n").filter(Boolean).map(fields).find((row) => row[8] === title);
  };
  await page.goto(`${app.server.url}outils/#/pst`);
  await page.locator("[data-testid=pst-fiche]").first().waitFor();
  const fiche = page.locator("[data-testid=pst-fiche]", { hasText: title });
  assert.match(await fiche.locator("h3").textContent(), new RegExp(`Atteindre le niveau 1 sur « ${questionTitle} »`));
  const row = await rowOf();
  assert.notEqual(row[2], "Autres actions de la commune");
  assert.equal(row[3], `Atteindre le niveau 1 sur « ${questionTitle} »`);

  // Unnamed again in its editor, it goes back among the commune's other actions, after a reload.
  await page.goto(`${app.server.url}outils/#/feuille-de-route`);
  await card.locator("[data-testid=item-edit]").click();
  await card.locator("[data-testid=edit-objective]").selectOption("");
  await card.locator("[data-testid=edit-save]").click();
  await card.locator("[data-testid=item-objective]").waitFor({ state: "detached" });
  await page.reload();
  await page.goto(`${app.server.url}outils/#/pst`);
  await page.locator("[data-testid=pst-fiche]").first().waitFor();
  assert.equal((await rowOf())[2], "Autres actions de la commune");
  await assertClean(page);
  await context.close();
});
