// The territory view as the intercommunale uses it: dates and completeness on the heat map,
// contacts as a table, poolable actions first, priorities with their communes, CSV headers a
// person can read, and a clean print.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { useApp, openPage, assertClean, resultsDir, downloadText, expectText } from "../lib/harness.mjs";
import { communes, writeFiles, setAnswer, communeAt } from "../lib/summaries.mjs";

const app = useApp();
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const CONTENT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../../content");

/** `YYYY-MM-DD`, `months` months before today. */
function monthsAgo(months) {
  const date = new Date();
  date.setMonth(date.getMonth() - months);
  return date.toISOString().slice(0, 10);
}

const frenchDate = (iso) => iso.split("-").reverse().join("/");

/** The catalogue's actions marked poolable, read from content/actions/*.toml. */
function poolableActions() {
  const ids = new Set();
  for (const file of fs.readdirSync(path.join(CONTENT, "actions"))) {
    const text = fs.readFileSync(path.join(CONTENT, "actions", file), "utf8");
    for (const block of text.split("[[actions]]").slice(1)) {
      const id = block.match(/^id = "([^"]+)"/m)?.[1];
      if (id && /^pooled = true/m.test(block)) ids.add(id);
    }
  }
  return ids;
}

/** The questionnaire's question ids, read from content/fr/*.toml. */
function currentQuestions() {
  const ids = new Set();
  for (const file of fs.readdirSync(path.join(CONTENT, "fr"))) {
    const text = fs.readFileSync(path.join(CONTENT, "fr", file), "utf8");
    for (const [, id] of text.matchAll(/^id = "([^"]+)"/gm)) ids.add(id);
  }
  return ids;
}

async function loadTerritory(page, summaries) {
  await page.goto(`${app.server.url}outils/#/territoire`);
  await page.setInputFiles("[data-testid=territory-input]", writeFiles(summaries.map((s, i) => [`c${i}.json`, s])));
  await page.waitForSelector("[data-testid=heatmap] tbody tr");
  await page.waitForSelector("[data-testid=priorities]");
}

/** Lobbes and Courcelles are ahead on the data inventory; Thuin and Beaumont are behind. */
function contactCase() {
  const ahead = (name, nis, level, note) =>
    communeAt(name, nis, 3, (s) => {
      // The example's data question predates 2.8.0: this commune answered the current one.
      s.answers = s.answers.filter((a) => a.question_id !== "gou_information_donnees");
      setAnswer(s, "gou_documents_donnees", level, note);
    });
  const behind = (name, nis) =>
    communeAt(name, nis, 4, (s) => {
      s.answers.filter((a) => a.question_id.startsWith("gou_")).forEach((a) => (a.level = 1));
      // The example's data question predates 2.8.0, which asks it again: answer the current one.
      s.answers = s.answers.filter((a) => a.question_id !== "gou_information_donnees");
      setAnswer(s, "gou_documents_donnees", 1);
      s.pillars.find((p) => p.pillar_id === "gouvernance").importance = "high";
    });
  return [
    ahead("Lobbes", "56044", 4, "Inventaire tenu par la DG dans un tableur partagé"),
    ahead("Courcelles", "52015", 5, ""),
    behind("Thuin", "56078"),
    behind("Beaumont", "56005"),
  ];
}

test("heat map: each commune's date as dd/mm/yyyy, its completeness, and « ancienne (> 12 mois) » in words", async () => {
  const page = await openPage(app.browser, app.server.url);
  const recent = monthsAgo(2);
  const old = monthsAgo(13);
  // Only answers to current questions: an answer to a split question is kept aside, unanswered.
  const current = currentQuestions();
  const summaries = communes(3, {
    edit: (s, i) => {
      s.answers = s.answers.filter((a) => current.has(a.question_id));
      s.profile.date = i === 0 ? old : recent;
      if (i === 1) s.answers = s.answers.slice(0, 20);
    },
  });
  await loadTerritory(page, summaries);
  const row = (name) => page.locator("[data-testid=heatmap] tbody tr", { has: page.locator(`th:text-is("${name}")`) });
  const oldRow = row("Commune 001");
  assert.match(await oldRow.locator("[data-testid=assessment-date]").textContent(), new RegExp(`^${frenchDate(old)} ancienne \\(> 12 mois\\)$`));
  assert.equal(await page.locator("[data-testid=heatmap] .badge--warning", { hasText: "ancienne" }).count(), 1, "only the old assessment is marked");
  assert.equal((await row("Commune 002").locator("[data-testid=assessment-date]").textContent()).trim(), frenchDate(recent));
  assert.equal((await oldRow.locator("[data-testid=completeness]").textContent()).trim(), `${summaries[0].answers.length} / 47`);
  assert.equal((await row("Commune 002").locator("[data-testid=completeness]").textContent()).trim(), "20 / 47");
  // Both exports say it is old, as the screen does.
  const table = (await downloadText(page, "[data-testid=export-csv]")).text.replace(/^\uFEFF/, "").trim().split("\r\n");
  assert.match(table.find((line) => line.startsWith("Commune 001;")), /;plus de 12 mois$/);
  assert.match(table.find((line) => line.startsWith("Commune 002;")), /;$/);
  const exported = JSON.parse((await downloadText(page, "[data-testid=export-json]")).text).communes;
  assert.deepEqual(exported.map((c) => c.older_than_12_months), [true, false, false]);
  assert.equal((await page.textContent("[data-testid=heatmap] thead th:nth-child(3)")).trim(), "Questions répondues");
  assert.equal(await page.locator("[data-testid=older-referential-note]").count(), 0, "every summary answers today's questions");
  await assertClean(page);
  await page.close();
});

test("a file dated after today is marked on the heat map, to be corrected", async () => {
  const page = await openPage(app.browser, app.server.url);
  // Typed a month ahead: it would stay its commune's newest file until then.
  const ahead = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await loadTerritory(page, communes(2, { edit: (s, i) => { s.profile.date = i === 0 ? ahead : monthsAgo(1); } }));
  const date = (name) => page.locator("[data-testid=heatmap] tbody tr", { has: page.locator(`th:text-is("${name}")`) }).locator("[data-testid=assessment-date]");
  assert.match(await date("Commune 001").textContent(), /date dans le futur : à faire corriger$/);
  assert.doesNotMatch(await date("Commune 002").textContent(), /futur/);
  // The exports IGRETEC sends on say it too: the CSV in its column of dates to check (the
  // date's cell stays a date, which a spreadsheet sorts), the JSON in its field.
  const table = (await downloadText(page, "[data-testid=export-csv]")).text.replace(/^\uFEFF/, "").trim().split("\r\n");
  assert.ok(table.find((line) => line.startsWith("Commune 001;")).includes(`;${frenchDate(ahead)};c0.json;`), table.join("\n"));
  assert.ok(table.find((line) => line.startsWith("Commune 001;")).endsWith(";date dans le futur : à faire corriger"), table.join("\n"));
  assert.ok(table.find((line) => line.startsWith("Commune 002;")).includes(`;${frenchDate(monthsAgo(1))};`), table.join("\n"));
  const exported = JSON.parse((await downloadText(page, "[data-testid=export-json]")).text).communes;
  assert.deepEqual(exported.map((c) => [c.commune, c.date_in_future]), [["Commune 001", true], ["Commune 002", false]]);
  await assertClean(page);
  await page.close();
});

test("a file dated after today does not hide its commune's later file: it ranks at the day it was downloaded", async () => {
  const page = await openPage(app.browser, app.server.url);
  // « 2062 » typed for « 2026 », in a file downloaded two months ago; last month's file is the newest.
  const typo = communeAt("Thuin", "56078", 1, (s) => {
    s.profile.date = `2062${monthsAgo(2).slice(4)}`;
    s.generated_at = `${monthsAgo(2)}T09:00:00.000Z`;
  });
  const recent = communeAt("Thuin", "56078", 3, (s) => {
    s.profile.date = monthsAgo(1);
    s.generated_at = `${monthsAgo(1)}T09:00:00.000Z`;
  });
  await loadTerritory(page, [typo, recent]);
  assert.equal(await page.locator("[data-testid=heatmap] tbody tr").count(), 1);
  assert.doesNotMatch(await page.textContent("[data-testid=heatmap] [data-testid=assessment-date]"), /futur/);
  const setAside = await page.$$eval("[data-testid=superseded-files] li", (lis) => lis.map((li) => li.textContent));
  assert.deepEqual(setAside, [
    "Thuin : « c1.json » est utilisé, « c0.json » est mis de côté. Le second porte une date d'évaluation dans le futur, sans doute une faute de frappe : il est classé au jour où il a été téléchargé.",
  ]);
  const exported = JSON.parse((await downloadText(page, "[data-testid=export-json]")).text);
  assert.deepEqual(exported.superseded_files.map((f) => [f.file, f.reason]), [["c0.json", "future_date"]]);
  await assertClean(page);
  await page.close();
});

test("a score resting on few answers reads « à confirmer » on the heat map and in both exports", async () => {
  const page = await openPage(app.browser, app.server.url);
  const current = currentQuestions();
  const summaries = communes(2, {
    edit: (s, i) => {
      s.answers = s.answers.filter((a) => current.has(a.question_id));
      for (const answer of s.answers) answer.level = 3;
      // The first commune knows one mobility answer; it does not know the others.
      if (i === 0) s.answers.filter((a) => a.question_id.startsWith("mob_")).slice(1).forEach((a) => (a.level = "unknown"));
    },
  });
  await loadTerritory(page, summaries);
  const row = (name) => page.locator("[data-testid=heatmap] tbody tr", { has: page.locator(`th:text-is("${name}")`) });
  const flagged = row("Commune 001").locator("td.cell--to-confirm");
  assert.equal(await flagged.count(), 1, "only mobility is to confirm");
  assert.equal((await flagged.textContent()).trim(), "50 à confirmer");
  assert.equal(await row("Commune 002").locator("td.cell--to-confirm").count(), 0);
  // Every score's cell is coloured by its band, a flagged one too.
  assert.equal(await flagged.getAttribute("class"), "cell--3 cell--to-confirm");
  const bands = await row("Commune 002").locator("td[class^=cell--]").evaluateAll((cells) => cells.map((c) => c.className));
  assert.deepEqual(bands, Array(6).fill("cell--3"));
  // Sorted by that pillar, a firm score comes before the same score to confirm.
  await page.click("[data-testid=sort-mobilite]");
  await page.waitForFunction(() => document.querySelector("[data-testid=heatmap] tbody th").textContent.startsWith("Commune 002"));
  await page.click("[data-testid=sort-name]");
  await page.waitForFunction(() => document.querySelector("[data-testid=heatmap] tbody th").textContent.startsWith("Commune 001"));
  assert.match(await page.textContent("section[aria-labelledby=heatmap-title] .hint"), /« Questions répondues » compte aussi « Je ne sais pas » et « Non applicable » ; « à confirmer » : moins de la moitié des questions du pilier ont un niveau\./);
  const table = (await downloadText(page, "[data-testid=export-csv]")).text.replace(/^\uFEFF/, "").trim().split("\r\n");
  // Then the référentiel version each file was answered with, and whether it is old.
  assert.match(table.find((line) => line.startsWith("Commune 001;")), /;Mobilité;\d+\.\d+\.\d+;$/);
  // Its score is no plain number: a spreadsheet's average leaves it out, as the screen does.
  // Its duties below their minimum blank: it settled none of them (« — » on the heat map).
  assert.match(table.find((line) => line.startsWith("Commune 001;")), /;\d+;;\d+;50 \(à confirmer\);(\d+;){5}[^;]*;Mobilité;/);
  assert.match(table.find((line) => line.startsWith("Commune 002;")), /;;\d+\.\d+\.\d+;$/);
  const json = JSON.parse((await downloadText(page, "[data-testid=export-json]")).text);
  const first = json.communes.find((c) => c.commune === "Commune 001");
  assert.deepEqual(first.scores_to_confirm, ["mobilite"]);
  assert.equal(first.questions, 47);
  assert.equal(first.older_than_12_months, false);
  assert.match(first.framework_version, /^\d+\.\d+\.\d+$/);
  await assertClean(page);
  await page.close();
});

test("a second press on a heading reverses the heat map's order, scores to confirm and blanks staying last", async () => {
  const page = await openPage(app.browser, app.server.url);
  // Commune 008 knows no level at all: it has no score to sort.
  const summaries = communes(8, { seed: 3, edit: (s, i) => i === 7 && s.answers.forEach((a) => (a.level = "unknown")) });
  await loadTerritory(page, summaries);
  const column = await page.$eval("[data-testid=sort-gouvernance]", (b) => [...b.closest("tr").children].indexOf(b.closest("th")));
  const sorted = async (id, sort) => {
    await page.waitForFunction(([id, sort]) => document.querySelector(`[data-testid=${id}]`).closest("th").getAttribute("aria-sort") === sort, [id, sort]);
    return page.$$eval(
      "[data-testid=heatmap] tbody tr",
      (trs, column) => trs.map((tr) => ({ name: tr.querySelector("th").textContent.trim(), cell: tr.children[column].textContent.trim() })),
      column,
    );
  };
  // Firm scores, then scores to confirm, then none: each group in the column's order.
  const groups = (rows) => {
    const kind = (cell) => (cell === "—" ? 2 : /à confirmer/.test(cell) ? 1 : 0);
    assert.deepEqual(rows.map((r) => kind(r.cell)), rows.map((r) => kind(r.cell)).sort(), JSON.stringify(rows));
    return [0, 1].map((k) => rows.filter((r) => kind(r.cell) === k).map((r) => parseInt(r.cell, 10)));
  };

  await page.click("[data-testid=sort-gouvernance]");
  const highest = await sorted("sort-gouvernance", "descending");
  await page.click("[data-testid=sort-gouvernance]");
  const lowest = await sorted("sort-gouvernance", "ascending");
  // The exported table lists the communes as the screen does.
  const csvNames = async () =>
    (await downloadText(page, "[data-testid=export-csv]")).text.replace(/^\uFEFF/, "").trim().split("\r\n").slice(1).map((row) => row.split(";")[0]);
  assert.deepEqual(await csvNames(), lowest.map((r) => r.name));
  for (const [rows, way] of [[highest, -1], [lowest, 1]]) {
    const [firm, toConfirm] = groups(rows);
    assert.ok(firm.length >= 4 && toConfirm.length >= 1, JSON.stringify(rows));
    for (const scores of [firm, toConfirm]) {
      assert.deepEqual(scores, [...scores].sort((a, b) => way * (a - b)), JSON.stringify(rows));
    }
    assert.deepEqual(rows.at(-1), { name: "Commune 008", cell: "—" });
  }
  assert.notDeepEqual(highest, lowest);
  // A third press sorts highest first again; another column starts from its own way.
  await page.click("[data-testid=sort-gouvernance]");
  assert.deepEqual(await sorted("sort-gouvernance", "descending"), highest);
  await page.click("[data-testid=sort-name]");
  const names = (await sorted("sort-name", "ascending")).map((r) => r.name);
  assert.equal(await page.$eval("[data-testid=sort-gouvernance]", (b) => b.closest("th").getAttribute("aria-sort")), "none");
  await page.click("[data-testid=sort-name]");
  assert.deepEqual((await sorted("sort-name", "descending")).map((r) => r.name), [...names].reverse());
  assert.deepEqual(await csvNames(), [...names].reverse());
  assert.match(await page.textContent("section[aria-labelledby=heatmap-title] .hint"), /une seconde fois pour inverser l'ordre\.$/);
  await assertClean(page);
  await page.close();
});

test("a summary answered with an older référentiel is named as such, with what it means for its row", async () => {
  const page = await openPage(app.browser, app.server.url);
  const current = currentQuestions();
  // Commune 001 as référentiel 1.0.0 wrote it, renamed and split questions included;
  // Commune 002 answered only today's questions.
  const summaries = communes(2, { edit: (s, i) => { if (i === 1) s.answers = s.answers.filter((a) => current.has(a.question_id)); } });
  await loadTerritory(page, summaries);
  const row = (name) => page.locator("[data-testid=heatmap] tbody tr", { has: page.locator(`th:text-is("${name}")`) });
  assert.match(await row("Commune 001").locator("[data-testid=completeness]").textContent(), /^\d+ \/ 47 référentiel 1\.0\.0$/);
  assert.equal(await row("Commune 002").locator("[data-testid=older-referential]").count(), 0);
  const version = fs.readFileSync(path.join(CONTENT, "framework.toml"), "utf8").match(/^version = "(.+)"$/m)[1];
  assert.equal(
    await page.textContent("[data-testid=older-referential-note]"),
    `« référentiel » suivi d'un numéro : résumé rempli avec une version antérieure du référentiel (actuelle : ${version}). Les questions modifiées depuis y restent sans réponse, et les obligations légales concernées « À vérifier » : à reposer à la commune.`,
  );
  await page.locator("#heatmap-title").locator("..").screenshot({ path: path.join(resultsDir(), "territory-older-referential.png") });
  await assertClean(page);
  await page.close();
});

test("a commune counts once whether or not each of its files carries the NIS code, and a mistyped code hides no one", async () => {
  const page = await openPage(app.browser, app.server.url);
  // Thuin's earlier file has its code, this year's was sent without it.
  const thuinBefore = communeAt("Thuin", "56078", 2, (s) => (s.profile.date = monthsAgo(14)));
  const thuinNow = communeAt("Thuin", "", 3, (s) => (s.profile.date = monthsAgo(1)));
  // Gerpinnes's file carries Fleurus's code by mistake.
  const fleurus = communeAt("Fleurus", "52021", 3, (s) => (s.profile.date = monthsAgo(2)));
  const gerpinnes = communeAt("Gerpinnes", "52021", 3, (s) => (s.profile.date = monthsAgo(1)));
  await loadTerritory(page, [thuinBefore, thuinNow, fleurus, gerpinnes]);
  const names = await page.$$eval("[data-testid=heatmap] tbody th", (ths) => ths.map((th) => th.textContent.trim()));
  assert.deepEqual(names, ["Fleurus", "Gerpinnes", "Thuin"]);
  const setAside = await page.$$eval("[data-testid=superseded-files] li", (lis) => lis.map((li) => li.textContent));
  assert.equal(setAside.length, 1, JSON.stringify(setAside));
  assert.match(setAside[0], /Thuin.*c1\.json.*c0\.json/s);
  await assertClean(page);
  await page.close();
});

test("a group's synthesis stays the commune's position over a later file of one of its participants, and the notice says why", async () => {
  const page = await openPage(app.browser, app.server.url);
  const synthesis = communeAt("Fleurus", "52022", 2, (s) => {
    s.profile.date = monthsAgo(2);
    s.profile.respondent_name = "synthèse de 3 répondants";
    s.profile.consolidated_respondents = 3;
    s.profile.participants = ["Marie Dubois (Bourgmestre)", "Paul Lambert (DG)", "Échevine"];
  });
  const mayor = communeAt("Fleurus", "52022", 5, (s) => {
    s.profile.date = monthsAgo(1);
    s.profile.respondent_name = "Marie Dubois";
    s.profile.respondent_role = "Bourgmestre";
  });
  await loadTerritory(page, [synthesis, mayor]);
  assert.equal(await page.locator("[data-testid=heatmap] tbody tr").count(), 1);
  const setAside = await page.$$eval("[data-testid=superseded-files] li", (lis) => lis.map((li) => li.textContent));
  assert.equal(setAside.length, 1, JSON.stringify(setAside));
  assert.match(setAside[0], /« c0\.json » est utilisé, « c1\.json » est mis de côté\. La personne qui a rempli le second compte déjà dans la synthèse « c0\.json » de la commune/);
  // The row says it is a workshop's position, and so does the export.
  assert.equal(await page.textContent("[data-testid=heatmap] tbody th [data-testid=synthesis-badge]"), "synthèse de 3 répondants");
  const exported = JSON.parse((await downloadText(page, "[data-testid=export-json]")).text).communes;
  assert.equal(exported[0].respondents, 3);
  await assertClean(page);
  await page.close();
});

test("a colleague's partial save two days after a whole diagnostic gives way to it, and the set-aside line says how complete each is", async () => {
  // Walcourt, as an officer received it: the DG's whole diagnostic (level 1 on every duty),
  // then an échevin's file of a few answers, saved later.
  const page = await openPage(app.browser, app.server.url);
  const full = communeAt("Walcourt", "93088", 1, (s) => {
    s.profile.date = monthsAgo(1);
    s.profile.respondent_name = "Christine Jadot";
    s.generated_at = `${monthsAgo(1)}T09:00:00.000Z`;
  });
  const partial = communeAt("Walcourt", "93088", 4, (s) => {
    s.answers = s.answers.slice(0, 12);
    s.profile.date = monthsAgo(1);
    s.profile.respondent_name = "Luc Hubert";
    s.generated_at = `${monthsAgo(1)}T15:00:00.000Z`;
  });
  await loadTerritory(page, [full, partial]);
  const setAside = await page.$$eval("[data-testid=superseded-files] li", (lis) => lis.map((li) => li.textContent));
  assert.equal(setAside.length, 1, JSON.stringify(setAside));
  assert.match(setAside[0], /« c0\.json » est utilisé, « c1\.json » est mis de côté\./);
  const [, used, total, theirs] = setAside[0].match(/Questions répondues : (\d+) \/ (\d+) dans le premier, (\d+) \/ \2 dans le second\./) ?? [];
  assert.ok(Number(used) > Number(theirs) && Number(total) === 47, setAside[0]);
  assert.match(await page.textContent("[data-testid=heatmap] [data-testid=completeness]"), new RegExp(`^${used} / 47`));
  await assertClean(page);
  await page.close();
});

test("the territory's communes that sent no file yet are named under the count, and in the export; other names list none", async () => {
  const page = await openPage(app.browser, app.server.url);
  // Ham-sur-Heure-Nalinnes typed its name another way.
  // And one file is damaged: whose it is, nobody can tell.
  await loadTerritory(page, [communeAt("Ville de Châtelet", "52012", 3), communeAt("Thuin", "56078", 2), communeAt("Ham sur Heure", "56086", 2), "{ abîmé"]);
  await expectText(page, "[data-testid=territory-status]", "3 communes chargées. Sur 4 fichiers : 1 non chargé, détail ci-dessous.");
  const line = await page.textContent("[data-testid=not-received]");
  assert.match(line, /^Pas encore reçu \(28\) : Aiseau-Presles, Anderlues, Beaumont, Cerfontaine, Chapelle-lez-Herlaimont, Charleroi, Chimay, /);
  assert.match(line, /Ham-sur-Heure-Nalinnes/);
  assert.match(line, /\. Les fichiers refusés \(plus bas\) ne comptent pas comme reçus : leur commune peut figurer dans cette liste\.$/);
  assert.doesNotMatch(line, /Châtelet|Thuin/);
  // 3 loaded and 28 not received make 31: the notice says which file is none of the 30.
  assert.equal(
    await page.textContent("[data-testid=outside-territory]"),
    "1 commune chargée ne fait pas partie des 30 communes du territoire : Ham sur Heure. Si c'est l'une d'elles sous un autre nom, elle figure aussi dans « Pas encore reçu » : demandez-lui de corriger le nom de la commune dans son profil et de renvoyer son résumé.",
  );
  // A commune of the territory reads as its list writes it, not as its file typed it.
  const rows = await page.locator("[data-testid=heatmap] tbody th").allTextContents();
  assert.ok(rows.some((r) => r.startsWith("Châtelet")), JSON.stringify(rows));
  assert.ok(!rows.some((r) => r.includes("Ville de")), JSON.stringify(rows));
  const exported = JSON.parse((await downloadText(page, "[data-testid=export-json]")).text);
  assert.equal(exported.not_received.length, 28);
  assert.deepEqual(exported.outside_territory, ["Ham sur Heure"]);
  // The same file names replace the first ones: the earlier heat map is still there until the
  // new files are read, so wait for theirs.
  await loadTerritory(page, communes(3));
  await page.locator("[data-testid=heatmap] tbody th", { hasText: "Commune 001" }).waitFor();
  assert.equal(await page.locator("[data-testid=not-received]").count(), 0);
  assert.equal(await page.locator("[data-testid=outside-territory]").count(), 0);
  await assertClean(page);
  await page.close();
  // The territorial reference given here by mistake is refused, but is no commune's file.
  const context = await app.browser.isolated();
  const fresh = await openPage(context, app.server.url);
  await loadTerritory(fresh, [communeAt("Thuin", "56078", 2), { format: "autodiag-territorial-reference", version: 2 }]);
  await expectText(fresh, "[data-testid=territory-status]", "1 commune chargée. Sur 2 fichiers : 1 non chargé, détail ci-dessous.");
  assert.match(await fresh.textContent("[data-testid=not-received]"), /^Pas encore reçu \(29\) : .*\.$/);
  assert.doesNotMatch(await fresh.textContent("[data-testid=not-received]"), /fichiers refusés/);
  await context.close();
});

test("two people's files of one round are named as such, the row says it awaits a consolidation, and the export gives the reason", async () => {
  // Walcourt, as an analyst received it: the DG and an échevin answered the same day.
  const page = await openPage(app.browser, app.server.url);
  const dg = communeAt("Walcourt", "93088", 1, (s) => {
    s.profile.date = monthsAgo(1);
    s.profile.respondent_name = "Christine Jadot";
    s.profile.respondent_role = "Directrice générale";
    s.generated_at = `${monthsAgo(1)}T09:00:00.000Z`;
  });
  const alderman = communeAt("Walcourt", "93088", 4, (s) => {
    s.profile.date = monthsAgo(1);
    s.profile.respondent_name = "Luc Hubert";
    s.profile.respondent_role = "Échevin";
    s.generated_at = `${monthsAgo(1)}T15:00:00.000Z`;
  });
  await loadTerritory(page, [dg, alderman]);
  assert.equal(await page.locator("[data-testid=heatmap] tbody tr").count(), 1);
  await expectText(page, "[data-testid=territory-status]", "1 commune chargée. Sur 2 fichiers : 1 mis de côté (même commune), détail ci-dessous.");
  assert.equal(await page.textContent("[data-testid=heatmap] tbody th [data-testid=other-respondents]"), "+ 1 autre répondant\u00a0: à consolider");
  const setAside = await page.$$eval("[data-testid=superseded-files] li", (lis) => lis.map((li) => li.textContent));
  assert.equal(setAside.length, 1, JSON.stringify(setAside));
  assert.match(setAside[0], /« c1\.json » est utilisé, « c0\.json » est mis de côté\. Le premier : Luc Hubert \(Échevin\) ; le second : Christine Jadot \(Directrice générale\)\. Deux personnes à moins de six mois d'écart/);
  // Set aside, and not replaced: it counts as another respondent to bring together.
  assert.match(setAside[0], /le second, écarté ici, ne remplace pas le premier ; c'est un autre répondant, à réunir avec le premier dans « Plusieurs répondants »/);
  const exported = JSON.parse((await downloadText(page, "[data-testid=export-json]")).text);
  assert.deepEqual(exported.superseded_files.map((f) => f.reason), ["other_respondent"]);
  // Each duty goes by its title beside its id, so the file reads without the référentiel.
  const web = exported.legal_obligations.find((o) => o.question_id === "sc_accessibilite_numerique");
  assert.equal(web.title, "Accessibilité des services en ligne");
  assert.ok(exported.legal_obligations.every((o) => o.title.length > 0));
  await assertClean(page);
  await page.close();
});

test("two communes on screen with one NIS code are named, with what to have corrected", async () => {
  // Ham-sur-Heure-Nalinnes sent under its short name: names decide, so the view asks.
  const page = await openPage(app.browser, app.server.url);
  const short = communeAt("Ham-sur-Heure", "56086", 2);
  const full = communeAt("Ham-sur-Heure-Nalinnes", "56086", 3);
  await loadTerritory(page, [short, full, communeAt("Thuin", "56078", 3)]);
  assert.equal(await page.locator("[data-testid=heatmap] tbody tr").count(), 3);
  await expectText(page, "[data-testid=shared-nis]",
    "Le code INS 56086 est celui de plusieurs communes à l'écran : Ham-sur-Heure, Ham-sur-Heure-Nalinnes. S'il s'agit d'une seule commune, retirez le fichier en trop dans « Les fichiers à l'écran » ou faites corriger son nom ; sinon, faites corriger le code. D'ici là, chacune compte à part, dans la référence territoriale aussi.");
  assert.equal(await page.locator("[data-testid=shared-nis]").count(), 1);
  // The reference goes to every commune: its button says so before it is sent.
  assert.equal(await page.textContent("[data-testid=reference-shared-nis]"),
    "Avant de l'envoyer aux communes : la référence compterait à part des communes qui partagent un code INS (56086) ; voyez l'avertissement en haut de la page.");
  // Once the extra file is replaced, the warning goes. The earlier heat map stays until the
  // new files are read: wait for its two rows.
  await loadTerritory(page, [full, communeAt("Thuin", "56078", 3)]);
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=heatmap] tbody tr").length === 2);
  assert.equal(await page.locator("[data-testid=reference-shared-nis]").count(), 0);
  await assertClean(page);
  await page.close();
});

test("hostile names and notes are shown as text in every table of the territory view", async () => {
  // The tables below the heat map are written as HTML strings (src/markup.rs): every value
  // a file brings must arrive escaped.
  const XSS = `<img src=x onerror="window.__xss=1">"><script>window.__xss=2</script>`;
  const page = await openPage(app.browser, app.server.url);
  const [lobbes, courcelles, thuin, beaumont] = contactCase();
  lobbes.profile.commune = `Lobbes ${XSS}`;
  setAnswer(lobbes, "gou_documents_donnees", 4, `Inventaire ${XSS}`);
  thuin.profile.commune = `Thuin ${XSS}`;
  thuin.profile.respondent_name = XSS;
  const thuinAgain = structuredClone(thuin);
  thuinAgain.profile.respondent_name = "Autre personne";
  await loadTerritory(page, [lobbes, courcelles, thuin, beaumont, thuinAgain]);
  await page.waitForSelector("[data-testid=contacts-table]");
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__xss), undefined, "no script ran");
  assert.equal(await page.locator("main img, main script").count(), 0, "no markup injected");
  for (const where of ["[data-testid=heatmap]", "[data-testid=contacts-table]", "[data-testid=superseded-files]"]) {
    assert.ok((await page.textContent(where)).includes("<img src=x"), `shown as text in ${where}`);
  }
  await assertClean(page);
  await page.close();
});

test("on a phone the loaded territory view never scrolls sideways: each wide table scrolls in its frame", async () => {
  const page = await openPage(app.browser, app.server.url);
  await page.setViewportSize({ width: 390, height: 844 });
  await loadTerritory(page, communes(9));
  await page.waitForSelector("[data-testid=territory-obligations] tbody tr");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
  const unframed = await page.evaluate(() =>
    [...document.querySelectorAll("main table")].filter((table) => !table.closest(".table-scroll, .chart__table")).map((table) => table.dataset.testid ?? table.className));
  assert.deepEqual(unframed, [], "tables outside a scrolling frame");
  // Scrolled sideways, each row still names its commune.
  const stuck = await page.evaluate(() => {
    const frame = document.querySelector("[data-testid=heatmap]").closest(".table-scroll");
    frame.scrollLeft = frame.scrollWidth;
    const name = document.querySelector("[data-testid=heatmap] tbody th[scope=row]");
    return { scrolled: frame.scrollLeft, offset: name.getBoundingClientRect().left - frame.getBoundingClientRect().left };
  });
  assert.ok(stuck.scrolled > 0 && Math.abs(stuck.offset) <= 1, `scrolled ${stuck.scrolled}px, the commune's name is ${stuck.offset}px from the frame's edge`);
  // The heat map's colours have a key: the five levels with their score ranges.
  const key = await page.locator("[data-testid=heatmap-key] li").allTextContents();
  assert.equal(key.length, 5);
  assert.match(key[0], /^1 · Initial\s*0–12$/);
  assert.match(key[4], /^5 · .+88–100$/);
  await assertClean(page);
  await page.close();
});

test("on a laptop the heat map shows the six pillars beside the longest commune names, without scrolling", async () => {
  const page = await openPage(app.browser, app.server.url);
  await page.setViewportSize({ width: 1366, height: 768 });
  const names = ["Chapelle-lez-Herlaimont", "Ham-sur-Heure-Nalinnes", "Fontaine-l'Évêque"];
  await loadTerritory(page, communes(3, { edit: (s, i) => (s.profile.commune = names[i]) }));
  // These files were answered under an earlier référentiel: their rows say so, too.
  await page.waitForSelector("[data-testid=heatmap] tbody tr .badge");
  const hidden = await page.$eval("[data-testid=heatmap]", (table) => {
    const frame = table.closest(".table-scroll");
    return frame.scrollWidth - frame.clientWidth;
  });
  assert.ok(hidden <= 1, `${hidden}px of the heat map are scrolled out of view`);
  // Among three communes, an action two of them share is already worth pooling.
  assert.equal(await page.inputValue("[data-testid=pooling-min]"), "2");
  await page.close();
});

test("at 1280 × 720 the heat map shows its last pillar without scrolling, badges and all", async () => {
  // The officer's batch: the territory's longest names, old files, an earlier référentiel, and
  // a commune whose second respondent awaits a consolidation.
  const page = await openPage(app.browser, app.server.url);
  await page.setViewportSize({ width: 1280, height: 720 });
  const names = ["Chapelle-lez-Herlaimont", "Ham-sur-Heure-Nalinnes", "Fontaine-l'Évêque", "Merbes-le-Château"];
  const files = communes(4, { edit: (s, i) => {
    s.profile.commune = names[i];
    s.profile.date = monthsAgo(i === 0 ? 1 : 14);
  } });
  const second = communes(1, { edit: (s) => {
    s.profile.commune = names[0];
    s.profile.date = monthsAgo(1);
    s.profile.respondent_name = "Luc Hubert";
  } });
  files[0].profile.respondent_name = "Christine Jadot";
  await loadTerritory(page, [...files, ...second]);
  await page.waitForSelector("[data-testid=heatmap] tbody tr [data-testid=other-respondents]");
  const { hidden, frame } = await page.$eval("[data-testid=heatmap]", (table) => {
    const frame = table.closest(".table-scroll");
    return { hidden: frame.scrollWidth - frame.clientWidth, frame: frame.clientWidth };
  });
  await page.locator("[data-testid=heatmap]").scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(resultsDir(), "territory-heatmap-1280.png") });
  assert.ok(hidden <= 0, `${hidden}px of the heat map are scrolled out of view in a ${frame}px frame`);
  await page.close();
});

test("at 1280 × 720 thirty communes scroll in the heat map's box, its pillars' names kept in sight", async () => {
  const page = await openPage(app.browser, app.server.url);
  await page.setViewportSize({ width: 1280, height: 720 });
  await loadTerritory(page, communes(30));
  await page.waitForSelector("[data-testid=heatmap] tbody tr");
  const frame = page.locator(".table-scroll:has(> [data-testid=heatmap])");
  await frame.scrollIntoViewIfNeeded();
  const { box, scrollable } = await frame.evaluate((el) => ({ box: el.clientHeight, scrollable: el.scrollHeight > el.clientHeight }));
  assert.ok(scrollable && box <= 720 * 0.8 + 1, `the box is ${box}px high`);
  await frame.evaluate((el) => { el.scrollTop = el.scrollHeight; });
  // Scrolled to the last commune, the header still sits at the box's top.
  const gap = await frame.evaluate((el) => el.querySelector("thead th:nth-child(5)").getBoundingClientRect().top - el.getBoundingClientRect().top);
  assert.ok(Math.abs(gap) <= 1, `the header is ${gap}px from the box's top`);
  await page.screenshot({ path: path.join(resultsDir(), "territory-heatmap-30-scrolled-1280.png") });
  await assertClean(page);
  await page.close();
});

test("one commune alone has nothing to pool, and is not told to go below two communes", async () => {
  const page = await openPage(app.browser, app.server.url);
  await loadTerritory(page, communes(1));
  assert.equal(await page.inputValue("[data-testid=pooling-min]"), "2");
  await expectText(page, "[data-testid=pooling] > p.hint", "Aucune action n'atteint ce nombre de communes.");
  await page.close();
});

test("contacts: one table row per question, communes behind and helpers as chips with levels, each once", async () => {
  const page = await openPage(app.browser, app.server.url);
  await loadTerritory(page, [...contactCase(), ...communes(8, { seed: 3 })]);
  await page.waitForSelector("[data-testid=contacts-table] [data-testid=contact-row]");
  const questions = await page.$$eval("[data-testid=contacts-table] [data-testid=contact-row]", (rows) => rows.map((r) => r.dataset.question));
  assert.equal(new Set(questions).size, questions.length, "one row per question");
  const inventory = page.locator("[data-testid=contacts-table] [data-testid=contact-row][data-question=gou_documents_donnees]");
  assert.match(await inventory.locator("th").textContent(), /Gestion de l'information et des données/);
  const behind = await inventory.locator("[data-testid=contact-behind] .chip").allTextContents();
  assert.deepEqual(behind.filter((c) => /^(Thuin|Beaumont) /.test(c)).sort(), ["Beaumont niveau 1", "Thuin niveau 1"], "each learner once, though two communes can help");
  assert.equal(new Set(behind).size, behind.length, "no chip repeated");
  const helpers = await inventory.locator("[data-testid=contact-helpers] .chip").allTextContents();
  assert.ok(helpers.includes("Lobbes niveau 4") && helpers.includes("Courcelles niveau 5"), helpers.join(", "));
  assert.match(await inventory.textContent(), /Ce qu'en dit Lobbes : « Inventaire tenu par la DG dans un tableur partagé »/);
  // The sentences are gone from the screen: they live in the CSV only.
  const section = page.locator("section[aria-labelledby=contacts-title]");
  assert.doesNotMatch(await section.textContent(), /pourrait partager son expérience|peut partager son expérience/);
  const csv = (await downloadText(page, "[data-testid=export-matches]")).text.replace(/^\uFEFF/, "").split("\r\n");
  assert.ok(
    csv.some((line) => line.startsWith("Gouvernance;Gestion de l'information et des données;Courcelles;5;") && line.endsWith(";Sur « Gestion de l'information et des données », Courcelles (niveau 5) peut partager son expérience avec Thuin (niveau 1), qui en a fait une priorité.")),
    "one sentence per pair in the CSV",
  );
  await page.setViewportSize({ width: 1366, height: 768 });
  await section.evaluate((s) => s.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: path.join(resultsDir(), "territory-contacts-1366.png") });
  await assertClean(page);
  await page.close();
});

test("pooling: actions marked poolable come first under their own heading, and « intérêt » is explained", async () => {
  const page = await openPage(app.browser, app.server.url);
  // Weak everywhere, so many roadmaps share actions, poolable or not.
  const summaries = communes(10, { seed: 5, edit: (s) => s.answers.forEach((a, i) => (a.level = (i % 2) + 1)) });
  await loadTerritory(page, summaries);
  await page.fill("[data-testid=pooling-min]", "2");
  await page.waitForSelector("[data-testid=pooling-pooled] [data-testid=pooling-candidate]");
  await page.waitForSelector("[data-testid=pooling-others] [data-testid=pooling-candidate]");
  const poolable = poolableActions();
  const ids = (list) => page.$$eval(`[data-testid=${list}] [data-testid=pooling-candidate]`, (items) => items.map((i) => i.dataset.action));
  const pooled = await ids("pooling-pooled");
  const others = await ids("pooling-others");
  assert.ok(pooled.every((id) => poolable.has(id)), `only poolable actions first: ${pooled}`);
  assert.ok(others.every((id) => !poolable.has(id)), `no poolable action among the others: ${others}`);
  const headings = await page.$$eval("[data-testid=pooling] h3", (hs) => hs.map((h) => h.textContent));
  assert.equal(headings.length, 2);
  assert.match(headings[0], /^Mutualisables/);
  assert.match(headings[1], /^Autres actions partagées : chaque commune les mène elle-même/);
  // The solutions the legal duties section promises are in the poolable group.
  assert.ok(poolable.has("gou_dpo_designer") && poolable.has("sc_accessibilite_test"));
  const order = await page.$$eval("[data-testid=pooling] ul.pooling-list", (lists) => lists.map((l) => l.dataset.testid));
  assert.deepEqual(order, ["pooling-pooled", "pooling-others"]);
  assert.match(await page.textContent("[data-testid=pooling-interest]"), /L'intérêt d'une action se lit au nombre de communes/);
  // Shared by several communes, an action names the electricity operator generically.
  const pooling = await page.textContent("[data-testid=pooling]");
  assert.doesNotMatch(pooling, /\{grd\}/);
  // The acronyms of the référentiel are listed with their meaning.
  await page.locator("[data-testid=glossary] summary").click();
  assert.match(await page.textContent("[data-testid=glossary]"), /PAEDC\s*plan d'action en faveur de l'énergie durable et du climat/);
  await assertClean(page);
  await page.close();
});

test("priorities: each bar lists its communes on demand", async () => {
  const page = await openPage(app.browser, app.server.url);
  await loadTerritory(page, communes(8, { seed: 9 }));
  const first = page.locator("[data-testid=priority]").first();
  const [, count, total] = (await first.textContent()).match(/(\d+) communes? sur (\d+)/);
  assert.equal(total, "8");
  // The rule is said, with what does not count.
  assert.match(await page.textContent("section[aria-labelledby=priorities-title] .hint"), /Un pilier dont le score est à confirmer n'y compte pas pour sa commune\./);
  const chips = first.locator(".chip");
  assert.equal(await chips.first().isVisible(), false, "hidden until asked");
  await first.locator("summary").click();
  assert.equal(await chips.first().isVisible(), true);
  assert.equal(await chips.count(), Number(count));
  assert.match(await chips.first().textContent(), /^Commune \d{3}$/);
  await first.locator("summary").click();
  assert.equal(await chips.first().isVisible(), false, "hidden again");
  await assertClean(page);
  await page.close();
});

/** The ids of the questions that carry a legal duty, read from content/fr/*.toml. */
function legalQuestions() {
  const ids = new Set();
  for (const file of fs.readdirSync(path.join(CONTENT, "fr"))) {
    for (const block of fs.readFileSync(path.join(CONTENT, "fr", file), "utf8").split("[[questions]]")) {
      const id = block.match(/^id = "([^"]+)"/m)?.[1];
      if (id && /^legal_basis = /m.test(block)) ids.add(id);
    }
  }
  return ids;
}

test("three communes: no quartiles from so few scores, « — » for a commune that settled no duty, and each priority out of the communes that could count it", async () => {
  const page = await openPage(app.browser, app.server.url);
  const legal = legalQuestions();
  assert.ok(legal.size >= 8, `${legal.size} duties`);
  const three = communes(3, { seed: 5 });
  // The first commune answers every duty at level 5; the third, none.
  for (const question of legal) setAnswer(three[0], question, 5);
  three[2].answers = three[2].answers.filter((a) => !legal.has(a.question_id));
  await loadTerritory(page, three);
  const dutiesOf = (name) => page.locator("[data-testid=heatmap] tbody tr", { has: page.locator("th", { hasText: name }) }).locator("[data-testid=duties-below]").textContent();
  // A bold « 0 » read as « in order » for a file that answered none of its duties.
  assert.equal((await dutiesOf(three[2].profile.commune)).trim(), "—");
  assert.equal((await dutiesOf(three[0].profile.commune)).trim(), "0");
  const spreads = new Map(await page.$$eval("[data-testid=spreads] tbody tr", (rows) =>
    rows.map((row) => [row.querySelector("th").textContent.trim(), [...row.querySelectorAll("td")].map((td) => td.textContent.trim())])));
  const scored = [...spreads.values()].filter((cells) => cells.length === 7);
  assert.ok(scored.length > 0);
  for (const cells of scored) {
    assert.deepEqual([cells[2], cells[4]], ["—", "—"], cells.join(" | "));
    assert.match(cells[3], /^\d/, "the median stays");
  }
  assert.match(await page.textContent("[data-testid=spread-hint]"), /Les quartiles ne sont donnés qu'à partir de 5 communes\.$/);
  // « 1 commune sur 3 » alone read as a minor concern where only one could have the pillar.
  for (const item of await page.locator("[data-testid=priority]").all()) {
    const name = (await item.locator(".priority-list__name").textContent()).trim();
    const [, , could] = (await item.textContent()).match(/(\d+) communes? sur 3 \(sur les (\d+) dont le score n'est pas à confirmer\)/);
    const cells = spreads.get(name);
    assert.equal(could, cells.length === 7 ? cells[0] : "0", name);
  }
  await assertClean(page);
  await page.close();
});

test("a file more than 12 months old, or dated in the future, is marked in every list of communes below the heat map, not only in its row", async () => {
  // Thuin sent last year's file: its chips in the contacts and priorities say so, where an
  // analyst's walk counted it as this year's. Beaumont typed next year for this year.
  const page = await openPage(app.browser, app.server.url);
  const [lobbes, courcelles, thuin, beaumont] = contactCase();
  thuin.profile.date = monthsAgo(14);
  beaumont.profile.date = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  await loadTerritory(page, [lobbes, courcelles, thuin, beaumont]);
  await page.waitForSelector("[data-testid=contacts-table]");
  const behind = page.locator("[data-testid=contact-row][data-question=gou_documents_donnees] [data-testid=contact-behind] .chip");
  const chipText = (locator) => locator.evaluateAll((chips) => chips.map((c) => c.textContent.replace(/\s+/g, " ").trim()));
  assert.deepEqual(await chipText(behind), ["Beaumont niveau 1 date dans le futur : à faire corriger", "Thuin niveau 1 ancienne (> 12 mois)"]);
  const governance = page.locator("[data-testid=priority][data-pillar=gouvernance]");
  await governance.locator("summary").click();
  const marked = await chipText(governance.locator(".chip"));
  assert.ok(marked.includes("Thuin ancienne (> 12 mois)"), JSON.stringify(marked));
  assert.ok(marked.includes("Beaumont date dans le futur : à faire corriger"), JSON.stringify(marked));
  assert.ok(marked.includes("Lobbes"), JSON.stringify(marked));
  // The duties table, and the lists of communes in the CSVs IGRETEC sends on, mark it too: a
  // committee called Thuin about last year's gap. The contacts CSV keeps one plain name per
  // cell, for a spreadsheet's lookups.
  const dated = "Thuin (diagnostic datant de plus de 12 mois)";
  const duties = page.locator("[data-testid=territory-obligation-gou_donnees_personnelles]");
  assert.match(await duties.textContent(), new RegExp(`Lobbes, ${dated.replace(/[()]/g, "\\$&")}`));
  for (const button of ["export-obligations", "export-pooling"]) {
    const text = (await downloadText(page, `[data-testid=${button}]`)).text;
    assert.ok(text.includes(dated), `${button}: ${text}`);
    assert.doesNotMatch(text, /Thuin(?! \(diagnostic datant de plus de 12 mois\))[;,"\r]/, `${button}: Thuin unmarked`);
    assert.doesNotMatch(text, /(Beaumont|Lobbes|Courcelles) \(diagnostic/, `${button}: a recent file marked`);
  }
  assert.match(await duties.textContent(), /Beaumont \(date dans le futur : à faire corriger\)/);
  // The contacts CSV marks names only in its sentence, which is read and not looked up, and
  // beside the level, where « Thuin (…) (niveau 1) » stacked two brackets.
  const contacts = (await downloadText(page, "[data-testid=export-matches]")).text.split("\r\n").filter((line) => line.includes("Thuin"));
  assert.ok(contacts.length > 0);
  for (const line of contacts) {
    assert.match(line, /;Thuin;/, `a plain cell: ${line}`);
    assert.match(line, /Thuin \(niveau \d, diagnostic datant de plus de 12 mois\)[^;]*$/, `the sentence marks it: ${line}`);
  }
  const csv = (await downloadText(page, "[data-testid=export-matches]")).text;
  assert.match(csv, /Beaumont \(niveau 1, date du diagnostic dans le futur, à faire corriger\)/);
  assert.doesNotMatch(csv, /\) \(niveau/, "never two brackets in a row");
  await assertClean(page);
  await page.close();
});

test("CSV exports: headers and pillar names in French, dates as dd/mm/yyyy, « intérêt » explained", async () => {
  const page = await openPage(app.browser, app.server.url);
  await loadTerritory(page, [...contactCase(), ...communes(4, { seed: 4 })]);
  const table = (await downloadText(page, "[data-testid=export-csv]")).text.replace(/^\uFEFF/, "").trim().split("\r\n");
  assert.equal(
    table[0],
    "Commune;Code INS;Nombre d'habitants;Date du diagnostic;Fichier;Répondant;Questions répondues (sur 47);Obligations sous le minimum légal;Obligations à vérifier (je ne sais pas, non applicable ou sans réponse);Mobilité;Qualité de vie;Économie;Énergie & environnement;Gouvernance;Smart Citizens;Piliers prioritaires (hors scores à confirmer);Scores à confirmer (moins de la moitié des questions du pilier ont un niveau);Version du référentiel;Date à vérifier",
  );
  const thuin = table.find((line) => line.startsWith("Thuin;"));
  // The population band in the profile's words, so communes of a size can be compared.
  assert.match(thuin, /^Thuin;56078;(1\. Moins de 5\u202f000|2\. 5\u202f000 à 9\u202f999|3\. 10\u202f000 à 19\u202f999|4\. 20\u202f000 à 49\u202f999|5\. 50\u202f000 ou plus);\d{2}\/\d{2}\/\d{4};[^;]+;[^;]*;\d+;;\d+;/);
  // Thuin's file settles none of its legal duties: a blank, as the heat map's « — », not 0.
  assert.match(thuin, /;[^;]*Gouvernance[^;]*;[^;]*;[^;]*;[^;]*$/, "focus pillars by name");
  assert.doesNotMatch(table.join("\n"), /qualite_de_vie|energie_environnement|smart_citizens|code_ins/);
  const contacts = (await downloadText(page, "[data-testid=export-matches]")).text.replace(/^\uFEFF/, "").split("\r\n");
  assert.equal(
    contacts[0],
    "Pilier;Question;Commune avancée;Niveau de la commune avancée;Note de la commune avancée;Commune en retard;Niveau de la commune en retard;Intérêt du contact (écarts de niveaux pondérés par l'importance du pilier, additionnés sur toutes ses communes en retard);Mise en relation",
  );
  // The value is the contact's, the same on each of its rows: an analyst read a per-pair
  // figure into a header that did not say so.
  const value = new Map();
  const cellsOf = (line) => [...line.matchAll(/(?:^|;)("(?:[^"]|"")*"|[^;]*)/g)].map((m) => m[1].replace(/^"|"$/g, "").replaceAll('""', '"'));
  for (const cells of contacts.slice(1).filter(Boolean).map(cellsOf)) {
    const contact = `${cells[1]}|${cells[2]}`;
    if (!value.has(contact)) value.set(contact, cells[7]);
    assert.equal(cells[7], value.get(contact), `one value per contact: ${contact}`);
  }
  assert.ok(contacts.slice(1).filter(Boolean).every((line) => !/^(gouvernance|mobilite|qualite_de_vie|economie|energie_environnement|smart_citizens);/.test(line)), "pillar names, not ids");
  await assertClean(page);
  await page.close();
});

test("print: no file picker, no drop zone, no focus ring", async () => {
  const page = await openPage(app.browser, app.server.url);
  await page.setViewportSize({ width: 1366, height: 768 });
  await loadTerritory(page, [...contactCase(), ...communes(8, { seed: 2 })]);
  // Focus reached with the keyboard shows the ring on screen, as an officer's last Tab before
  // Ctrl+P would leave it.
  await page.click("[data-testid=sort-gouvernance]");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  const ring = () =>
    page.$eval("[data-testid=sort-gouvernance]", (b) => {
      const style = getComputedStyle(b);
      return { style: style.outlineStyle, width: style.outlineWidth, focused: document.activeElement === b };
    });
  const onScreen = await ring();
  assert.ok(onScreen.focused && onScreen.style !== "none" && onScreen.width !== "0px", `a visible ring on screen: ${JSON.stringify(onScreen)}`);
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator(".dropzone").isVisible(), false, "drop zone hidden");
  assert.equal(await page.locator("label[for=territory-files]").isVisible(), false, "file picker hidden");
  assert.equal(await page.locator("[data-testid=heatmap]").isVisible(), true, "the heat map prints");
  const outline = await ring();
  assert.ok(outline.focused, "still focused");
  assert.ok(outline.style === "none" || outline.width === "0px", `focus ring printed: ${JSON.stringify(outline)}`);
  await page.screenshot({ path: path.join(resultsDir(), "territory-print-media-1366.png"), fullPage: true });
  await page.pdf({ path: path.join(resultsDir(), "territory-print.pdf"), format: "A4", printBackground: true });
  await page.emulateMedia({ media: "screen" });
  assert.equal(await page.locator(".dropzone").isVisible(), true, "back on screen");
  await assertClean(page);
  await page.close();
});

test("axe finds no violation in the territory view, its tables, chips and open lists", async () => {
  const page = await openPage(app.browser, app.server.url);
  await loadTerritory(page, [...contactCase(), ...communes(8, { seed: 6, edit: (s, i) => i === 0 && (s.profile.date = monthsAgo(15)) })]);
  await page.waitForSelector("[data-testid=contacts-table]");
  for (const summary of await page.locator("[data-testid=priority] summary").all()) await summary.click();
  await page.selectOption("[data-testid=contact-commune]", "Thuin");
  await page.waitForSelector("[data-testid=can-learn]");
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0].target.join(" ")}`);
  });
  assert.deepEqual(violations, []);
  await assertClean(page);
  await page.close();
});

/** How many summaries the view keeps in IndexedDB, or null when it has no database at all. */
function keptCount(page) {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes("autodiag-territoire")) return null;
    return new Promise((resolve, reject) => {
      const open = indexedDB.open("autodiag-territoire");
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const database = open.result;
        const count = database.transaction("resumes").objectStore("resumes").count();
        count.onsuccess = () => {
          database.close();
          resolve(count.result);
        };
        count.onerror = () => reject(count.error);
      };
    });
  });
}

const heatmapNames = (page) => page.$$eval("[data-testid=heatmap] tbody th", (cells) => cells.map((c) => c.textContent));

test("files picked later add to the communes on screen; without the opt-in, nothing is stored and a reload starts empty", async () => {
  const context = await app.browser.isolated();
  const page = await openPage(context, app.server.url);
  const [first, second, third, fourth] = communes(4, { seed: 21 });
  await loadTerritory(page, [first, second]);
  assert.equal(await page.isChecked("[data-testid=territory-keep]"), false, "off by default");
  // A summary that arrives by e-mail later joins the others instead of replacing them.
  await page.setInputFiles("[data-testid=territory-input]", writeFiles([["c2.json", third]]));
  await expectText(page, "[data-testid=territory-status]", "3 communes chargées.");
  assert.equal((await heatmapNames(page)).length, 3);
  // A file of the same name is a newer copy: it replaces the one read before.
  await page.setInputFiles("[data-testid=territory-input]", writeFiles([["c2.json", fourth]]));
  await expectText(page, "[data-testid=territory-status]", "3 communes chargées.");
  const names = await heatmapNames(page);
  assert.ok(names.includes(fourth.profile.commune) && !names.includes(third.profile.commune), names.join(", "));
  // Unless it is an older copy of the same commune's file, picked again from an older mail:
  // the newer stays, and the status line says so.
  const saved = (at, level) => ({ ...structuredClone(fourth), generated_at: at, answers: fourth.answers.map((a) => ({ ...a, level })) });
  await page.setInputFiles("[data-testid=territory-input]", writeFiles([["c2.json", saved("2030-01-02T10:00:00.000Z", 5)]]));
  await page.waitForFunction(() => [...document.querySelectorAll("[data-testid=heatmap] tbody td")].some((cell) => cell.textContent === "100"));
  await page.setInputFiles("[data-testid=territory-input]", writeFiles([["c2.json", saved("2030-01-01T10:00:00.000Z", 1)]]));
  await expectText(page, "[data-testid=territory-status]", "Choisi à nouveau, « c2.json » est plus ancien que le fichier du même nom déjà chargé : celui-ci reste utilisé. 3 communes chargées.");
  assert.ok(await page.evaluate(() => [...document.querySelectorAll("[data-testid=heatmap] tbody td")].some((cell) => cell.textContent === "100")), "the newer copy's scores");
  // The very file already in use, picked again: nothing changes, and the line says so.
  await page.setInputFiles("[data-testid=territory-input]", writeFiles([["c2.json", saved("2030-01-02T10:00:00.000Z", 5)]]));
  await expectText(page, "[data-testid=territory-status]", "Choisi à nouveau, « c2.json » est identique au fichier du même nom déjà chargé : rien ne change. 3 communes chargées.");
  assert.equal(await keptCount(page), null, "no database");
  // A language switch or another screen draws the page anew: the files read stay for the tab.
  await page.click("button[lang=en]");
  await page.waitForFunction(() => document.documentElement.lang === "en" && document.querySelectorAll("[data-testid=heatmap] tbody tr").length === 3);
  await page.click("button[lang=fr]");
  await page.goto(`${app.server.url}outils/#/evaluations`);
  await page.locator("main h1").waitFor();
  await page.goBack();
  await page.waitForFunction(() => document.documentElement.lang === "fr" && document.querySelectorAll("[data-testid=heatmap] tbody tr").length === 3);
  assert.deepEqual(await heatmapNames(page), names);
  assert.equal(await keptCount(page), null, "still no database");
  // « Tout effacer » starts over, and without the option it stores nothing either.
  await page.click("[data-testid=territory-forget]");
  assert.equal(await page.locator("[data-testid=heatmap]").count(), 0, "the view is empty");
  // Said, and the keyboard is on the file picker rather than lost with the button.
  await expectText(page, "[data-testid=territory-kept]", "La vue est vidée : choisissez d'autres résumés pour recommencer.");
  await page.waitForFunction(() => document.activeElement?.id === "territory-files");
  assert.equal(await keptCount(page), null, "still no database");
  await loadTerritory(page, [first]);
  await expectText(page, "[data-testid=territory-status]", "1 commune chargée.");
  assert.equal(await page.textContent("[data-testid=territory-kept]"), "");
  assert.equal(await page.evaluate(() => localStorage.getItem("autodiag.territory.keep")), null);
  await page.reload();
  await page.waitForSelector("[data-testid=territory-input]", { state: "attached" });
  await page.waitForTimeout(500);
  assert.equal(await page.locator("[data-testid=heatmap]").count(), 0, "nothing comes back");
  await assertClean(page);
  await context.close();
});

test("with « Garder ces résumés dans ce navigateur », 30 communes come back after a reload; « Tout effacer » empties the store", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 768 } });
  const page = await openPage(context, app.server.url);
  await loadTerritory(page, communes(30, { seed: 23, edit: (s, i) => i === 4 && (s.profile.date = monthsAgo(14)) }));
  const before = await heatmapNames(page);
  assert.equal(before.length, 30);
  await page.check("[data-testid=territory-keep]");
  await expectText(page, "[data-testid=territory-kept]", "30 fichiers gardés dans ce navigateur.");
  assert.equal(await keptCount(page), 30);

  await page.reload();
  await page.waitForSelector("[data-testid=heatmap] tbody tr");
  await expectText(page, "[data-testid=territory-kept]", "30 fichiers retrouvés dans ce navigateur.");
  assert.deepEqual(await heatmapNames(page), before, "the same communes, in the same order");
  assert.equal(await page.isChecked("[data-testid=territory-keep]"), true);
  // The status line stands apart from « Tout effacer » above it.
  const gap = await page.evaluate(() =>
    document.querySelector("[data-testid=territory-kept]").getBoundingClientRect().top -
    document.querySelector("[data-testid=territory-forget]").getBoundingClientRect().bottom);
  assert.ok(gap >= 6, `the kept-files status is ${gap}px under « Tout effacer »`);
  await page.waitForSelector("[data-testid=priorities]");
  await page.screenshot({ path: path.join(resultsDir(), "territory-kept-1366.png") });
  await page.screenshot({ path: path.join(resultsDir(), "territory-kept-1366-full.png"), fullPage: true });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: path.join(resultsDir(), "territory-kept-1920.png") });
  await page.emulateMedia({ media: "print" });
  await page.pdf({ path: path.join(resultsDir(), "territory-kept-print.pdf"), format: "A4", printBackground: true });
  await page.screenshot({ path: path.join(resultsDir(), "territory-kept-print-1920.png"), fullPage: true });
  await page.emulateMedia({ media: "screen" });

  await page.click("[data-testid=territory-forget]");
  await expectText(page, "[data-testid=territory-kept]", "Les résumés gardés dans ce navigateur sont effacés.");
  assert.equal(await keptCount(page), 0, "the store is empty");
  assert.equal(await page.locator("[data-testid=heatmap]").count(), 0, "the view is empty too");
  await page.reload();
  await page.waitForSelector("[data-testid=territory-input]", { state: "attached" });
  await page.waitForTimeout(500);
  assert.equal(await page.locator("[data-testid=heatmap]").count(), 0, "nothing comes back after « Tout effacer »");

  // Turning the option off forgets what it kept.
  await loadTerritory(page, communes(3, { seed: 29 }));
  await expectText(page, "[data-testid=territory-kept]", "3 fichiers gardés dans ce navigateur.");
  // A refused file is kept too, so it is listed again: the count says why it exceeds the
  // communes on screen.
  await page.setInputFiles("[data-testid=territory-input]", writeFiles([["notes-reunion.json", { hello: "world" }]]));
  await expectText(page, "[data-testid=territory-kept]",
    "4 fichiers gardés dans ce navigateur. Parmi eux, 1 n'est pas à l'écran (refusé, ou mis de côté au profit d'un autre fichier de la même commune) : il sera relu aussi, pour que vous le revoyiez.");
  // The status accounts for every file given, not only the communes on screen.
  await expectText(page, "[data-testid=territory-status]", "3 communes chargées. Sur 4 fichiers : 1 non chargé, détail ci-dessous.");
  await page.uncheck("[data-testid=territory-keep]");
  await expectText(page, "[data-testid=territory-kept]", "Les résumés ne sont plus gardés dans ce navigateur.");
  assert.equal(await keptCount(page), 0);
  assert.equal(await page.evaluate(() => localStorage.getItem("autodiag.territory.keep")), null);
  await assertClean(page);
  await context.close();
});

test("a commune's backup copy sent instead of its summary is named, with what to ask for", async () => {
  const page = await openPage(app.browser, app.server.url);
  const files = writeFiles([
    ...communes(2, { seed: 5 }).map((s, i) => [`c${i}.json`, s]),
    ["autodiag-sauvegarde-2026-12-03.json", { format: "autodiag-backup", storage_version: 1, assessments: [] }],
  ]);
  await page.goto(`${app.server.url}outils/#/territoire`);
  await page.setInputFiles("[data-testid=territory-input]", files);
  await page.waitForSelector("[data-testid=heatmap] tbody tr");
  assert.match(await page.textContent("[data-testid=rejected-files]"), /autodiag-sauvegarde-2026-12-03\.json : ce fichier est une copie de sauvegarde, pas un résumé : demandez à la commune le résumé enregistré depuis ses résultats/);
  await assertClean(page);
  await page.close();
});

test("when no file can be read, the view says so and shows the reasons, not empty tables", async () => {
  const page = await openPage(app.browser, app.server.url);
  await page.goto(`${app.server.url}outils/#/territoire`);
  await page.setInputFiles("[data-testid=territory-input]", writeFiles([["autodiag-sauvegarde-2026-12-03.json", { format: "autodiag-backup", storage_version: 1, assessments: [] }]]));
  await page.waitForSelector("[data-testid=rejected-files]");
  await expectText(page, "[data-testid=territory-status]", "Aucune commune chargée : aucun des fichiers choisis n'a pu être lu. Les raisons sont ci-dessous.");
  // The sections below the heat map come a task later, after which the report marks its end.
  await page.waitForFunction(() => performance.getEntriesByName("autodiag:territory-complete").length > 0);
  assert.equal(await page.locator("[data-testid=heatmap], [data-testid=priorities], [data-testid=export-csv]").count(), 0);
  await assertClean(page);
  await page.close();
});

test("an action shared by several communes names the electricity operator generically", async () => {
  const page = await openPage(app.browser, app.server.url);
  // Street lighting unknown, and energy the one pillar that matters: every roadmap asks the GRD.
  const summaries = communes(3, {
    seed: 3,
    edit: (s) => {
      s.answers.forEach((a) => (a.level = a.question_id === "ene_eclairage" ? 1 : 3));
      s.pillars.forEach((p) => (p.importance = p.pillar_id === "energie_environnement" ? "high" : "low"));
    },
  });
  await loadTerritory(page, summaries);
  await page.fill("[data-testid=pooling-min]", "2");
  await page.locator("[data-testid=pooling-candidate][data-action=ene_eclairage_grd]").waitFor();
  const title = await page.textContent("[data-testid=pooling-candidate][data-action=ene_eclairage_grd] strong");
  assert.equal(title, "Demander l'inventaire et le planning LED à votre gestionnaire de réseau de distribution (GRD)");
  await assertClean(page);
});

test("« Retirer » takes one file out of the figures and of the kept files, and the last one empties the view", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1366, height: 900 } });
  const page = await openPage(context, app.server.url);
  await loadTerritory(page, communes(3, { seed: 31 }));
  await page.check("[data-testid=territory-keep]");
  await expectText(page, "[data-testid=territory-kept]", "3 fichiers gardés dans ce navigateur.");
  const before = await heatmapNames(page);
  const list = page.locator("[data-testid=loaded-files]");
  assert.equal(await list.locator("summary").textContent(), "Les fichiers à l'écran (3)");
  // Listed once opened (600 files would delay the heat map), by file name, as the analyst
  // saved them from the e-mails.
  assert.equal(await list.locator("li").count(), 0);
  await list.locator("summary").click();
  await list.locator("li").first().waitFor();
  const items = await list.locator("li").allTextContents();
  assert.match(items[0], /^c0\.json — .+, \d{2}\/\d{2}\/\d{4} Retirer$/);
  const button = list.locator("[data-testid=remove-file][data-file='c1.json']");
  assert.equal(await button.getAttribute("aria-label"), "Retirer « c1.json » de la vue");
  await button.click();
  await expectText(page, "[data-testid=territory-status]", "« c1.json » est retiré de la vue. 2 communes chargées.");
  const after = await heatmapNames(page);
  assert.equal(after.length, 2);
  assert.ok(before.every((name) => after.includes(name) || name === before.find((n) => !after.includes(n))));
  assert.equal(await page.locator("[data-testid=loaded-files] summary").textContent(), "Les fichiers à l'écran (2)");
  // The keyboard stays in the list, and the kept files follow the view.
  assert.equal(await page.evaluate(() => document.activeElement?.id), "loaded-files-title");
  await expectText(page, "[data-testid=territory-kept]", "2 fichiers gardés dans ce navigateur.");
  assert.equal(await keptCount(page), 2);
  await page.reload();
  await page.waitForSelector("[data-testid=heatmap] tbody tr");
  assert.deepEqual(await heatmapNames(page), after, "the removed file does not come back");
  // The last file out: the view is empty and nothing is kept.
  // The list stays open from one removal to the next.
  await page.locator("[data-testid=loaded-files] summary").click();
  await page.click("[data-testid=remove-file][data-file='c0.json']");
  await expectText(page, "[data-testid=loaded-files] summary", "Le fichier à l'écran (1)");
  assert.equal(await page.locator("[data-testid=loaded-files][open]").count(), 1);
  await page.click("[data-testid=remove-file][data-file='c2.json']");
  await page.locator("[data-testid=heatmap]").waitFor({ state: "detached" });
  await expectText(page, "[data-testid=territory-kept]", "Les résumés gardés dans ce navigateur sont effacés.");
  assert.equal(await keptCount(page), 0);
  await assertClean(page);
  await context.close();
});
