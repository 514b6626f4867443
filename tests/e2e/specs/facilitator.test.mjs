// A workshop facilitator's journeys: projecting an assessment in a council room, finding the
// right assessment and the projector, and bringing in last year's file to compare.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { useApp, openPage, assertClean, createAssessment, answerPillar, openPillar, PILLARS, resultsDir, expectText } from "../lib/harness.mjs";
import { example, writeFiles } from "../lib/summaries.mjs";

const app = useApp();
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const CONTENT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../../content");
const SLIDES = 9;
/** The référentiel's version, as the app was built with it. */
const FRAMEWORK_VERSION = fs.readFileSync(path.join(CONTENT, "framework.toml"), "utf8").match(/^version = "([^"]+)"/m)[1];

/** Every question of the framework, pillar by pillar, with its French title. */
const QUESTIONS = PILLARS.map((pillar) =>
  [...fs.readFileSync(path.join(CONTENT, "fr", `${pillar}.toml`), "utf8").matchAll(/\[\[questions\]\]\s*\nid = "([^"]+)"\s*\ntitle = "([^"]+)"/g)].map(([, id, title]) => ({ id, title })),
);

/**
 * A summary answering every question: `pick(pillarIndex, questionIndex)` gives a level, "unknown"
 * or "not_applicable".
 */
function fullSummary({ commune, date, respondent = "", role = "", pick }) {
  const s = example();
  s.framework.version = FRAMEWORK_VERSION;
  Object.assign(s.profile, { commune, date, respondent_name: respondent, respondent_role: role, nis_code: "" });
  s.answers = QUESTIONS.flatMap((questions, p) => questions.map((q, i) => ({ question_id: q.id, level: pick(p, i) })));
  s.roadmap = null;
  return s;
}

/**
 * The densest pillar slides: even pillars have five « je ne sais pas » (three shown and
 * « + 2 autres »), odd ones four, with two strengths and one or two gaps.
 */
const crowded = (p, i) => (p % 2 === 0 ? ["unknown", "unknown", "unknown", "unknown", "unknown", 5, 4, 1][i] : ["unknown", "unknown", "unknown", "unknown", 4, 5, 1, 2][i]) ?? 3;

async function freshPage() {
  const context = await app.browser.isolated();
  const page = await openPage(context, app.server.url);
  return { context, page };
}

async function importFiles(page, files) {
  await page.goto(`${app.server.url}outils/#/importer`);
  await page.setInputFiles("[data-testid=import-input]", files);
  await page.waitForFunction((n) => document.querySelectorAll("[data-testid=import-results] li").length === n, files.length);
}

function row(page, name) {
  return page.locator("[data-testid=assessment-row]", { has: page.locator(".assessment__name", { hasText: new RegExp(`^${name}$`) }) });
}

async function assessments(page) {
  await page.goto(`${app.server.url}outils/#/evaluations`);
  await page.waitForSelector("[data-testid=assessment-row]");
}

/** Opens an assessment's projector from its card, on the first slide. */
async function project(page, name) {
  await assessments(page);
  await row(page, name).locator("[data-testid=assessment-projector]").click();
  await page.waitForURL(/#\/projection$/);
  await page.waitForSelector("[data-testid=slide] svg");
}

async function axe(page, where) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0].target.join(" ")}`);
  });
  assert.deepEqual(violations, [], `axe violations on ${where}`);
}

/** Nothing scrolls, inside the slide or on the page, and the projector fills the screen. */
async function fitsTheScreen(page, where) {
  const sizes = await page.evaluate(() => {
    const slide = document.querySelector("[data-testid=slide]");
    const projector = document.querySelector("[data-testid=projector]");
    const root = document.documentElement;
    return {
      page: [root.scrollWidth - root.clientWidth, root.scrollHeight - root.clientHeight],
      slide: [slide.scrollWidth - slide.clientWidth, slide.scrollHeight - slide.clientHeight],
      unfilled: window.innerHeight - projector.getBoundingClientRect().height,
    };
  });
  assert.ok(sizes.page.every((d) => d <= 0) && sizes.slide.every((d) => d <= 1), `${where} overflows: ${JSON.stringify(sizes)}`);
  assert.ok(Math.abs(sizes.unfilled) <= 1, `${where}: the projector does not fill the screen's height: ${JSON.stringify(sizes)}`);
}

/** On the first slide, each score and its level (« 50 · Structuré ») is read on one line. */
async function scoresOnOneLine(page, where) {
  const scores = await page.$$eval("[data-testid=slide] .projector__score, [data-testid=slide] .projector__scores li", (items) =>
    items.map((item) => {
      const score = item.querySelector("span");
      return { text: item.textContent, lines: score ? score.getClientRects().length : 0 };
    }),
  );
  assert.equal(scores.length, 7, `${where}: the overall score and six pillars`);
  for (const { text, lines } of scores) assert.equal(lines, 1, `${where}: « ${text} » breaks inside its score`);
}

/** The smallest text on the slide, outside the charts, in pixels: the back row must read it. */
async function smallestText(page) {
  return page.evaluate(() => {
    const slide = document.querySelector("[data-testid=slide]");
    let smallest = Infinity;
    for (const element of slide.querySelectorAll("*")) {
      if (element.closest("svg")) continue;
      const hasText = [...element.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      if (hasText) smallest = Math.min(smallest, parseFloat(getComputedStyle(element).fontSize));
    }
    return smallest;
  });
}

test("projector: type sized by the screen's height, a pillar's questions to check, nothing overflows at 720p, 768p, 4:3 and 1080p, no text under 20 px at 720p or 1024 px", async () => {
  const { context, page } = await freshPage();
  await importFiles(page, writeFiles([["thuin.json", fullSummary({ commune: "Thuin", date: "2026-11-20", respondent: "Marie Dubois", role: "Directrice générale", pick: crowded })]]));
  await project(page, "Thuin");
  // 853×480: a 720p projector with the browser zoomed to 150 % for the back row.
  for (const [width, height] of [[1280, 720], [1366, 768], [1024, 768], [1920, 1080], [853, 480]]) {
    await page.setViewportSize({ width, height });
    await page.keyboard.press("Home");
    for (let slide = 1; slide <= SLIDES; slide++) {
      await expectText(page, "[data-testid=slide-counter]", `Diapositive ${slide} sur ${SLIDES}`);
      await fitsTheScreen(page, `slide ${slide} at ${width}×${height}`);
      // A pillar's meaning and the acronyms' footnote too: about 20 px at least on a 720p projector.
      // A 4:3 projector's width sets the type: its small print is held at 20 px too.
      if (height === 720 || width === 1024) assert.ok(await smallestText(page) >= 20, `slide ${slide}: text of ${await smallestText(page)}px at ${width}×${height}`);
      if (slide === 1) await scoresOnOneLine(page, `${width}×${height}`);
      if (width === 1280 && slide <= 2) await page.screenshot({ path: path.join(resultsDir(), `facilitator-projector-1280x720-${slide === 1 ? "title" : "pillar"}.png`) });
      if (slide === 2) {
        // Mobilité: five « je ne sais pas », three named and « + 2 autres » on the fourth line.
        const items = await page.$$eval("[data-testid=slide-to-check] li", (lis) => lis.map((li) => li.textContent.trim()));
        assert.deepEqual(items, [...QUESTIONS[0].slice(0, 3).map((q) => q.title), "+ 2 autres"]);
        assert.match(await page.textContent("[data-testid=slide-to-check] h3"), /Questions à vérifier/);
        const px = await page.$eval("[data-testid=slide-to-check] li", (li) => parseFloat(getComputedStyle(li).fontSize));
        const expected = Math.min(0.044 * height, 0.025 * width);
        assert.ok(Math.abs(px - expected) < 1, `list text at ${width}×${height} is ${px}px, expected about ${expected}px`);
        if (height === 720) assert.ok(px >= 30 && px <= 34, `about 32 px at 720p, found ${px}px`);
      }
      if (slide === 3) {
        // Qualité de vie: four fit without « autres ».
        const items = await page.$$eval("[data-testid=slide-to-check] li", (lis) => lis.map((li) => li.textContent.trim()));
        assert.deepEqual(items, QUESTIONS[1].slice(0, 4).map((q) => q.title));
      }
      await page.keyboard.press("PageDown");
    }
  }
  // In a window as small as 683×300 CSS pixels the last slide outgrows the screen: it
  // scrolls, and its end (the QR code and the next steps) can be reached.
  await page.setViewportSize({ width: 683, height: 300 });
  await page.keyboard.press("End");
  await expectText(page, "[data-testid=slide-counter]", `Diapositive ${SLIDES} sur ${SLIDES}`);
  // At the deck's ends, the button that would do nothing says so.
  assert.deepEqual(await page.$$eval("[data-testid=previous-slide], [data-testid=next-slide]", (b) => b.map((x) => x.getAttribute("aria-disabled"))), ["false", "true"]);
  const reached = await page.$eval("[data-testid=slide]", (slide) => {
    slide.scrollTop = slide.scrollHeight;
    const last = [...slide.querySelectorAll("*")].filter((e) => e.getClientRects().length).at(-1);
    return {
      overflowed: slide.scrollHeight > slide.clientHeight,
      // By the user too, with the wheel or the keyboard, not only by a script.
      scrolls: getComputedStyle(slide).overflowY,
      seen: last.getBoundingClientRect().bottom <= slide.getBoundingClientRect().bottom + 1,
    };
  });
  assert.deepEqual(reached, { overflowed: true, scrolls: "auto", seen: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.keyboard.press("Home");
  await expectText(page, "[data-testid=slide-counter]", `Diapositive 1 sur ${SLIDES}`);
  assert.deepEqual(await page.$$eval("[data-testid=previous-slide], [data-testid=next-slide]", (b) => b.map((x) => x.getAttribute("aria-disabled"))), ["true", "false"]);
  await page.keyboard.press("ArrowRight");
  await expectText(page, "[data-testid=slide-counter]", `Diapositive 2 sur ${SLIDES}`);
  await axe(page, "projector, a pillar slide with questions to check");
  // English question titles run longer: they fit too.
  await page.setViewportSize({ width: 1280, height: 720 });
  await assessments(page);
  await page.click("button[lang=en]");
  await page.waitForFunction(() => document.documentElement.lang === "en");
  await page.goto(`${app.server.url}outils/#/projection`);
  // Back on the slide it showed last (the second), in this tab: Home starts over.
  await expectText(page, "[data-testid=slide-counter]", `Slide 2 of ${SLIDES}`);
  await page.keyboard.press("Home");
  await page.waitForSelector("[data-testid=slide] svg");
  await expectText(page, "[data-testid=projector-owner]", "Assessment by Marie Dubois (Directrice générale) · 20/11/2026");
  for (let slide = 1; slide <= SLIDES; slide++) {
    await expectText(page, "[data-testid=slide-counter]", `Slide ${slide} of ${SLIDES}`);
    await fitsTheScreen(page, `English slide ${slide} at 1280×720`);
    if (slide === 1) await scoresOnOneLine(page, "English, 1280×720");
    if (slide === 2) assert.match(await page.textContent("[data-testid=slide-to-check]"), /^Questions to check.*\+ 2 more$/s);
    await page.keyboard.press("ArrowRight");
  }
  await assertClean(page);
  await context.close();
});

test("projector: a 4:3 projector zoomed to 150 % (683 × 512 px) keeps the radar beside the scores, over nothing", async () => {
  const { context, page } = await freshPage();
  await importFiles(page, writeFiles([["thuin.json", fullSummary({ commune: "Thuin", date: "2026-11-20", respondent: "Marie Dubois", role: "Directrice générale", pick: crowded })]]));
  await project(page, "Thuin");
  await page.setViewportSize({ width: 683, height: 512 });
  await page.keyboard.press("Home");
  const boxes = await page.evaluate(() => {
    const box = (selector) => {
      const r = document.querySelector(`[data-testid=slide] ${selector}`).getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    };
    return { radar: box(".projector__svg svg"), owner: box("[data-testid=projector-owner]"), score: box(".projector__score") };
  });
  const apart = (a, b) => a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
  assert.ok(apart(boxes.radar, boxes.owner), `the radar runs over the respondent's line: ${JSON.stringify(boxes)}`);
  assert.ok(apart(boxes.radar, boxes.score), `the radar runs over the score: ${JSON.stringify(boxes)}`);
  assert.ok(boxes.radar.right <= boxes.score.left, `the radar is not beside the scores: ${JSON.stringify(boxes)}`);
  await page.screenshot({ path: path.join(resultsDir(), "facilitator-projector-683x512-title.png") });
  await assertClean(page);
  await context.close();
});

test("projector: a pillar with two strengths, two long gaps, a question to check and an acronym's footnote fits a 720p screen", async () => {
  // A walk's workshop synthesis: « CPAS : centre public d'action sociale » ended below the
  // screen, under the level's meaning.
  const levels = {
    "Propreté et signalement des problèmes": 5,
    "Bruit, qualité de l'air et nuisances": 5,
    "Prévention et sécurité fondées sur des données": 2,
    "Coordination commune–CPAS et accès aux aides": 2,
    "Sport et réservation des infrastructures": "unknown",
  };
  assert.equal(QUESTIONS[1].filter((q) => q.title in levels).length, 5, "the titles of qualité de vie");
  const { context, page } = await freshPage();
  await importFiles(page, writeFiles([["lobbes.json", fullSummary({ commune: "Lobbes", date: "2026-11-20", pick: (p, i) => (p === 1 ? levels[QUESTIONS[1][i].title] ?? 3 : p === 0 ? 5 : 3) })]]));
  await project(page, "Lobbes");
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expectText(page, "[data-testid=slide-counter]", `Diapositive 3 sur ${SLIDES}`);
  // The first slide at its level: the level's meaning is read there too.
  assert.equal(await page.locator("[data-testid=slide] .projector__meaning").count(), 1);
  assert.match(await page.textContent("[data-testid=slide]"), /CPAS : centre public d'action sociale/);
  await fitsTheScreen(page, "qualité de vie at 1280×720");
  assert.ok(await smallestText(page) >= 20, `text of ${await smallestText(page)}px`);
  await assertClean(page);
  await context.close();
});

test("projector and results: a long commune name fits the title slide, and a score over some pillars says so", async () => {
  const { context, page } = await freshPage();
  // Two pillars with levels, four with only « je ne sais pas »: the overall score covers two.
  const partial = (p) => (p < 2 ? 3 : "unknown");
  await importFiles(page, writeFiles([["chapelle.json", fullSummary({ commune: "Chapelle-lez-Herlaimont", date: "2026-11-20", pick: partial })]]));
  await project(page, "Chapelle-lez-Herlaimont");
  for (const [width, height] of [[1280, 720], [1366, 768], [1024, 768]]) {
    await page.setViewportSize({ width, height });
    await expectText(page, "[data-testid=slide-counter]", `Diapositive 1 sur ${SLIDES}`);
    await fitsTheScreen(page, `title slide at ${width}×${height}`);
    // The radar's legend, the chart's last line, is on the screen.
    const legendBottom = await page.$eval("[data-testid=slide] svg", (svg) => svg.getBoundingClientRect().bottom);
    assert.ok(legendBottom <= height, `the radar ends at ${legendBottom}px on a ${height}px screen`);
  }
  await page.screenshot({ path: path.join(resultsDir(), "facilitator-projector-long-name.png") });
  assert.equal((await page.textContent("[data-testid=slide] [data-testid=overall-partial]")).trim(), "(sur 2 piliers évalués sur 6)");
  await page.goto(`${app.server.url}outils/#/resultats`);
  await expectText(page, "[data-testid=overall-score]", "Score global : 50 / 100 · Structuré (sur 2 piliers évalués sur 6)");
  await assertClean(page);
  await context.close();
});

test("a pillar score over fewer than half of its questions says « à confirmer » on the projector and its radar, « à confirmer : peu de réponses » on the results (one name for one rule) and « à confirmer » on their radar; a pillar with no score does not", async () => {
  const { context, page } = await freshPage();
  // Mobilité: three levels, the rest « je ne sais pas »; Qualité de vie: every question; the
  // other four: « je ne sais pas » only.
  const pick = (p, i) => (p === 0 ? (i < 3 ? 1 : "unknown") : p === 1 ? 3 : "unknown");
  await importFiles(page, writeFiles([["lobbes.json", fullSummary({ commune: "Lobbes", date: "2026-11-20", pick })]]));
  await project(page, "Lobbes");
  await page.setViewportSize({ width: 1280, height: 720 });
  const marked = (selector, words = /à confirmer : peu de réponses/) =>
    page.$$eval(selector, (items, words) => items.map((item) => new RegExp(words).test(item.textContent)), words.source);
  // In place of the level's name, so the projected list keeps its lines.
  assert.deepEqual(await marked("[data-testid=slide] .projector__scores li", /^Mobilité — 0 · à confirmer$/), [true, false, false, false, false, false]);
  assert.equal(await page.locator("[data-testid=slide] .projector__scores li", { hasText: "à confirmer" }).count(), 1);
  // The overall score, a mean over that pillar too, is no level either.
  assert.equal((await page.textContent("[data-testid=slide] .projector__score")).trim(), "Score global : 25 · à confirmer");
  const radarTexts = (selector) => page.$$eval(`${selector} svg text`, (texts) => texts.map((t) => t.textContent));
  const projected = await radarTexts("[data-testid=slide] .projector__svg");
  assert.deepEqual(projected.filter((t) => t === "à confirmer"), ["à confirmer"], projected.join(" | "));
  await fitsTheScreen(page, "first slide with a score to confirm");
  await page.keyboard.press("ArrowRight");
  await expectText(page, "[data-testid=slide-counter]", `Diapositive 2 sur ${SLIDES}`);
  assert.equal(await page.textContent("[data-testid=slide] .projector__score"), "0 · à confirmer");
  // A level it does not show, it does not explain either: the next slide at « Structuré » does.
  assert.equal(await page.locator("[data-testid=slide] .projector__meaning").count(), 0);
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.textContent("[data-testid=slide] .projector__score"), "50 · Structuré");
  assert.equal(await page.locator("[data-testid=slide] .projector__meaning").count(), 1);
  await page.goto(`${app.server.url}outils/#/resultats`);
  await page.waitForSelector("[data-testid=radar-chart] table tbody tr");
  await expectText(page, "[data-testid=overall-score]", "Score global : 25 / 100 · à confirmer (sur 2 piliers évalués sur 6)");
  assert.deepEqual(await marked("[data-testid=radar-chart] table tbody tr"), [true, false, false, false, false, false]);
  // Under Mobilité's score on the radar too, and under no other pillar's.
  const drawn = await radarTexts("[data-testid=radar-chart] .chart__svg");
  const note = drawn.indexOf("à confirmer");
  assert.deepEqual([drawn[note - 2], drawn[note - 1]], ["Mobilité", "0 / 100"], drawn.join(" | "));
  assert.equal(drawn.filter((t) => t === "à confirmer").length, 1, drawn.join(" | "));
  assert.deepEqual(await marked("[data-testid=interpretations] dt"), [true, false, false, false, false, false]);
  await assertClean(page);
  await context.close();
});

test("projector: a duty under its legal minimum heads « À travailler », and an action marked « Fait » is no next step", async () => {
  const { context, page } = await freshPage();
  // Gouvernance: data protection and open data at 2, under their minimum of 3; the rest at 1.
  const duties = new Set(["gou_donnees_personnelles", "gou_donnees_ouvertes_odwb"]);
  const pick = (p, i) => (p === 4 ? (duties.has(QUESTIONS[4][i].id) ? 2 : 1) : 3);
  await importFiles(page, writeFiles([["lobbes.json", fullSummary({ commune: "Lobbes", date: "2026-11-20", pick })]]));
  await page.goto(`${app.server.url}outils/#/feuille-de-route`);
  const first = page.locator("[data-testid=roadmap-item]").first();
  const done = (await first.locator("[data-testid=item-title]").textContent()).trim();
  const step = (await first.locator("[data-testid=item-first-step]").textContent()).replace(/^Premier pas :\s*/, "").trim();
  await first.locator("[data-testid=item-done]").check();
  await project(page, "Lobbes");
  await page.setViewportSize({ width: 1280, height: 720 });
  const slideTo = async (n) => {
    await page.keyboard.press("Home");
    for (let i = 1; i < n; i++) await page.keyboard.press("ArrowRight");
    await expectText(page, "[data-testid=slide-counter]", `Diapositive ${n} sur ${SLIDES}`);
  };
  await slideTo(6);
  const gaps = await page.$$eval("[data-testid=slide] h3", (hs) => [...hs.find((h) => h.textContent === "À travailler").nextElementSibling.querySelectorAll("li")].map((li) => li.textContent));
  const titles = QUESTIONS[4].filter((q) => duties.has(q.id)).map((q) => q.title);
  assert.deepEqual(gaps, titles.map((t) => `${t} — 2 · Sous le minimum légal`));
  await fitsTheScreen(page, "a pillar slide with two duties under their minimum");
  await slideTo(8);
  // Short term: what is still to do first, the done action last and marked.
  const short = await page.$$eval("[data-testid=slide] .projector__columns > div:first-child li", (lis) => lis.map((li) => li.textContent));
  assert.ok(!short.includes(done), `« ${done} » is shown as still to do: ${short.join(" | ")}`);
  assert.equal(short.at(-1), `${done} (réalisée)`, short.join(" | "));
  // The steps the law requires come first and say so, as their cards do.
  assert.match(short[0], / \(obligation légale\)$/, short.join(" | "));
  await slideTo(9);
  const next = await page.$$eval("[data-testid=slide] .projector__closing li", (lis) => lis.map((li) => li.textContent));
  assert.ok(next.length >= 3 && !next.includes(step), `the done action's first step is a next step: ${next.join(" | ")}`);
  await assertClean(page);
  await context.close();
});

test("projector: a duty found below its minimum once the roadmap was edited is named on the roadmap slide, and planning it is the first next step", async () => {
  const { context, page } = await freshPage();
  await importFiles(page, writeFiles([["lobbes.json", fullSummary({ commune: "Lobbes", date: "2026-11-20", pick: () => 3 })]]));
  await page.goto(`${app.server.url}outils/#/feuille-de-route`);
  await page.locator("[data-testid=roadmap-item]").first().locator("[data-testid=item-done]").check();
  // The room admits the commune has no DPO: the edited roadmap plans nothing for it.
  await page.goto(`${app.server.url}#/pilier/gouvernance`);
  await page.click('[data-testid="gou_donnees_personnelles-1"]');
  await project(page, "Lobbes");
  await page.setViewportSize({ width: 1280, height: 720 });
  const title = QUESTIONS[4].find((q) => q.id === "gou_donnees_personnelles").title;
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");
  await expectText(page, "[data-testid=slide-counter]", `Diapositive 8 sur ${SLIDES}`);
  await expectText(page, "[data-testid=slide-duties-left-out]", `Sous le minimum légal, sans action dans cette feuille de route : « ${title} ».`);
  await fitsTheScreen(page, "the roadmap slide with a duty left out");
  await page.keyboard.press("End");
  const first = await page.textContent("[data-testid=slide] .projector__closing li");
  assert.equal(first, `Le directeur général ajoute à la feuille de route une action pour « ${title} », sous le minimum légal.`);
  await fitsTheScreen(page, "the closing slide with a duty to plan");
  await assertClean(page);
  await context.close();
});

test("projector: a full roadmap shows every legal duty's step, three other actions per horizon and how many more, and fits a 720p screen", async () => {
  const { context, page } = await freshPage();
  // Levels 1 and 2 everywhere: more short-term actions than a column holds.
  await importFiles(page, writeFiles([["thuin.json", fullSummary({ commune: "Thuin", date: "2026-11-20", pick: (p, i) => (i % 2) + 1 })]]));
  // The room names who carries the medium term's last action: the slide shows it after the
  // steps owed, where « + N autres » had hidden it (a facilitator's walk).
  await page.goto(`${app.server.url}outils/#/feuille-de-route`);
  const card = page.locator("[data-testid=horizon-medium] [data-testid=roadmap-item]").last();
  const named = (await card.locator("[data-testid=item-title]").textContent()).trim();
  await card.locator("[data-testid=item-edit]").click();
  await card.locator("[data-testid=edit-owner]").fill("Sophie Renard, conseillère en environnement");
  await card.locator("[data-testid=edit-save]").click();
  await page.waitForFunction((title) => [...document.querySelectorAll("[data-testid=horizon-medium] [data-testid=roadmap-item]")].some((c) => c.querySelector("[data-testid=item-title]")?.textContent.trim() === title && /Sophie Renard/.test(c.querySelector("[data-testid=item-owner]")?.textContent)), named);
  await project(page, "Thuin");
  for (const [width, height] of [[1280, 720], [1920, 1080]]) {
    await page.setViewportSize({ width, height });
    await page.keyboard.press("End");
    await page.keyboard.press("ArrowLeft");
    await expectText(page, "[data-testid=slide-counter]", `Diapositive ${SLIDES - 1} sur ${SLIDES}`);
    const short = await page.$$eval("[data-testid=slide] .projector__columns > div:first-child li", (lis) => lis.map((li) => li.textContent));
    // Levels 1 and 2 leave six legal duties below their minimum: each has its step on the
    // slide, none is counted in « + N autres », and the référent, the one other step, is
    // shown rather than « + 1 autre ».
    assert.equal(short.length, 7, short.join(" | "));
    for (const duty of ["Désigner un DPO", "Réunir le comité de concertation", "Tester l'accessibilité"]) {
      assert.ok(short.some((line) => line.startsWith(duty)), `${duty}: ${short.join(" | ")}`);
    }
    assert.ok(short.every((line) => !/^\+ \d+ autres$/.test(line)));
    // The middle column, with no duty, keeps three actions and how many more.
    const middle = await page.$$eval("[data-testid=slide] .projector__columns > div:nth-child(2) li", (lis) => lis.map((li) => li.textContent));
    if (middle.length === 4) assert.match(middle[3], /^\+ \d+ autres$/);
    assert.ok(middle.length <= 4, middle.join(" | "));
    // After the steps owed, before the rest of the draft.
    assert.ok(middle.includes(named), middle.join(" | "));
    await fitsTheScreen(page, `the roadmap slide at ${width}×${height}`);
    // Smaller type for a long column, still read from the back of the room.
    const px = await page.$eval("[data-testid=slide] .projector__columns li", (li) => parseFloat(getComputedStyle(li).fontSize));
    assert.ok(px >= 20, `${width}×${height}: ${px}px`);
    if (width === 1280) await page.screenshot({ path: path.join(resultsDir(), "projector-roadmap-duties-1280.png") });
  }
  await assertClean(page);
  await context.close();
});

test("projector: a pillar nobody has answered has no slide, and the overview says « non évalué »", async () => {
  const { context, page } = await freshPage();
  const summary = fullSummary({ commune: "Ham-sur-Heure-Nalinnes", date: "2026-11-20", pick: () => 3 });
  // The last pillar has no answer at all, not even « je ne sais pas ».
  const last = new Set(QUESTIONS[QUESTIONS.length - 1].map((q) => q.id));
  summary.answers = summary.answers.filter((a) => !last.has(a.question_id));
  await importFiles(page, writeFiles([["ham.json", summary]]));
  await project(page, "Ham-sur-Heure-Nalinnes");
  await expectText(page, "[data-testid=slide-counter]", `Diapositive 1 sur ${SLIDES - 1}`);
  assert.match(await page.textContent("[data-testid=slide] .projector__scores"), /Smart Citizens — non évalué/);
  for (let slide = 1; slide < QUESTIONS.length; slide++) await page.keyboard.press("ArrowRight");
  // The fifth pillar's slide, then straight to the roadmap.
  await expectText(page, "[data-testid=slide-counter]", `Diapositive ${QUESTIONS.length} sur ${SLIDES - 1}`);
  assert.equal(await page.textContent("[data-testid=slide] h2"), "Gouvernance");
  await page.keyboard.press("ArrowRight");
  await expectText(page, "[data-testid=slide-counter]", `Diapositive ${1 + QUESTIONS.length} sur ${SLIDES - 1}`);
  assert.doesNotMatch(await page.textContent("[data-testid=slide] h2"), /Smart Citizens/);
  await assertClean(page);
  await context.close();
});

test("projector: a level's meaning is read once, on the first slide at that level, and a pillar with nothing to check gives its two lists the whole width", async () => {
  const { context, page } = await freshPage();
  // Mobilité and Économie at level 3 (Structuré), one « je ne sais pas » in Mobilité; Qualité de vie at 2.
  const pick = (p, i) => (p === 0 && i === 0 ? "unknown" : p === 1 ? [4, 1, 4, 1, 4, 1, 1, 1][i] : 3);
  await importFiles(page, writeFiles([["courcelles.json", fullSummary({ commune: "Courcelles", date: "2026-11-20", pick })]]));
  await project(page, "Courcelles");
  await page.setViewportSize({ width: 1280, height: 720 });
  const meaning = () => page.locator("[data-testid=slide] .projector__meaning");
  await page.keyboard.press("ArrowRight");
  await expectText(page, "[data-testid=slide-counter]", `Diapositive 2 sur ${SLIDES}`);
  assert.match(await meaning().textContent(), /^La commune a des plans/, "Mobilité explains Structuré");
  assert.equal(await page.locator("[data-testid=slide-to-check] li").count(), 1);
  await page.keyboard.press("ArrowRight");
  await expectText(page, "[data-testid=slide-counter]", `Diapositive 3 sur ${SLIDES}`);
  assert.equal(await meaning().count(), 1, "Qualité de vie explains Exploratoire");
  assert.doesNotMatch(await meaning().textContent(), /^La commune a des plans/);
  assert.equal(await page.locator("[data-testid=slide-to-check]").count(), 0, "no empty box");
  // Points forts and À travailler side by side.
  const [strengths, gaps] = await page.$$eval("[data-testid=slide] .projector__pillar h3", (hs) => hs.map((h) => h.getBoundingClientRect().toJSON()));
  assert.equal(strengths.top, gaps.top, "the two lists start on one line");
  assert.ok(gaps.left > strengths.left + 300, "À travailler in the second column");
  await page.screenshot({ path: path.join(resultsDir(), "projector-1280-no-check.png") });
  await page.keyboard.press("ArrowRight");
  await expectText(page, "[data-testid=slide-counter]", `Diapositive 4 sur ${SLIDES}`);
  assert.equal(await meaning().count(), 0, "Économie is Structuré too: not read again");
  await assertClean(page);
  await context.close();
});

test("projector: Space and Enter activate the focused button instead of advancing", async () => {
  const { context, page } = await freshPage();
  await importFiles(page, writeFiles([["thuin.json", fullSummary({ commune: "Thuin", date: "2026-11-20", pick: crowded })]]));
  await project(page, "Thuin");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expectText(page, "[data-testid=slide-counter]", `Diapositive 3 sur ${SLIDES}`);
  const previous = page.getByRole("button", { name: "Précédente" });
  await previous.focus();
  await page.keyboard.press("Space");
  await expectText(page, "[data-testid=slide-counter]", `Diapositive 2 sur ${SLIDES}`);
  await page.keyboard.press("Enter");
  await expectText(page, "[data-testid=slide-counter]", `Diapositive 1 sur ${SLIDES}`);
  await page.getByRole("button", { name: "Suivante" }).focus();
  await page.keyboard.press("Space");
  await expectText(page, "[data-testid=slide-counter]", `Diapositive 2 sur ${SLIDES}`);
  await page.keyboard.press("Enter");
  await expectText(page, "[data-testid=slide-counter]", `Diapositive 3 sur ${SLIDES}`);
  // A presenter's remote sends page keys while focus stays on the last button clicked.
  await previous.focus();
  await page.keyboard.press("PageDown");
  await expectText(page, "[data-testid=slide-counter]", `Diapositive 4 sur ${SLIDES}`);
  // Focus on no control: Space advances.
  await previous.evaluate((button) => button.blur());
  await page.keyboard.press("Space");
  await expectText(page, "[data-testid=slide-counter]", `Diapositive 5 sur ${SLIDES}`);
  await assertClean(page);
  await context.close();
});

test("projector: « Plein écran » reads « Quitter le plein écran » while the projector fills the screen, and leaves it", async () => {
  const { context, page } = await freshPage();
  await importFiles(page, writeFiles([["thuin.json", fullSummary({ commune: "Thuin", date: "2026-11-20", pick: crowded })]]));
  await project(page, "Thuin");
  const fullscreen = page.locator("[data-testid=fullscreen]");
  const full = () => page.evaluate(() => document.fullscreenElement?.id ?? document.fullscreenElement?.tagName ?? null);
  // « Projeter » asked for the whole page in full screen.
  await page.waitForFunction(() => document.fullscreenElement !== null);
  await expectText(page, "[data-testid=fullscreen]", "Quitter le plein écran");
  await fullscreen.click();
  await page.waitForFunction(() => document.fullscreenElement === null);
  await expectText(page, "[data-testid=fullscreen]", "Plein écran");
  await fullscreen.click();
  await page.waitForFunction(() => document.fullscreenElement !== null);
  assert.equal(await full(), "projector");
  await expectText(page, "[data-testid=fullscreen]", "Quitter le plein écran");
  // Left by the browser's own means, the button follows.
  await page.evaluate(() => document.exitFullscreen());
  await expectText(page, "[data-testid=fullscreen]", "Plein écran");
  await assertClean(page);
  await context.close();
});

test("projector: an answer corrected in another window, or after Échap, brings the room back to the same slide", async () => {
  const { context, page } = await freshPage();
  await importFiles(page, writeFiles([["thuin.json", fullSummary({ commune: "Thuin", date: "2026-11-20", pick: crowded })]]));
  await project(page, "Thuin");
  await page.keyboard.press("ArrowRight");
  await expectText(page, "[data-testid=slide-counter]", `Diapositive 2 sur ${SLIDES}`);
  const before = await page.innerText("[data-testid=slide]");
  // The laptop's window answers a question the room had left « Je ne sais pas »: the
  // projector shows it, on the same slide.
  const laptop = await openPage(context, app.server.url);
  await openPillar(laptop, app.server.url, "mobilite");
  const first = QUESTIONS[0][0];
  await laptop.click(`[data-testid="${first.id}-1"]`);
  await page.waitForFunction((before) => document.querySelector("[data-testid=slide]")?.innerText !== before, before);
  await expectText(page, "[data-testid=slide-counter]", `Diapositive 2 sur ${SLIDES}`);
  assert.doesNotMatch(await page.innerText("[data-testid=slide]"), /^Qualité de vie/);
  // Échap to the results, then back: the same slide.
  for (let i = 0; i < 2; i++) await page.keyboard.press("ArrowRight");
  await expectText(page, "[data-testid=slide-counter]", `Diapositive 4 sur ${SLIDES}`);
  await page.keyboard.press("Escape");
  await page.waitForURL(/#\/resultats$/);
  await page.goBack();
  await page.waitForURL(/#\/projection$/);
  await page.waitForSelector("[data-testid=slide] h2");
  await expectText(page, "[data-testid=slide-counter]", `Diapositive 4 sur ${SLIDES}`);
  // Home still starts over.
  await page.keyboard.press("Home");
  await expectText(page, "[data-testid=slide-counter]", `Diapositive 1 sur ${SLIDES}`);
  await assertClean(laptop);
  await assertClean(page);
  await context.close();
});

test("projector: a pillar answered in another window adds its slide, and the room stays on the roadmap", async () => {
  const { context, page } = await freshPage();
  const summary = fullSummary({ commune: "Thuin", date: "2026-11-20", pick: () => 3 });
  // Only mobility is answered: overview, mobility, roadmap, next steps.
  const mobility = new Set(QUESTIONS[0].map((q) => q.id));
  summary.answers = summary.answers.filter((a) => mobility.has(a.question_id));
  await importFiles(page, writeFiles([["thuin.json", summary]]));
  await project(page, "Thuin");
  for (let i = 0; i < 2; i++) await page.keyboard.press("ArrowRight");
  await expectText(page, "[data-testid=slide-counter]", "Diapositive 3 sur 4");
  const roadmapTitle = await page.textContent("[data-testid=slide] h2");
  const laptop = await openPage(context, app.server.url);
  await openPillar(laptop, app.server.url, "qualite_de_vie");
  await laptop.click(`[data-testid="${QUESTIONS[1][0].id}-2"]`);
  // Qualité de vie now has a slide; the room still looks at the roadmap, one place further.
  await expectText(page, "[data-testid=slide-counter]", "Diapositive 4 sur 5");
  assert.equal(await page.textContent("[data-testid=slide] h2"), roadmapTitle);
  await assertClean(laptop);
  await assertClean(page);
  await context.close();
});

test("projector: the title slide says whose assessment it is", async () => {
  const { context, page } = await freshPage();
  const respondent = (who) => fullSummary({ commune: "Walcourt", date: "2026-10-01", respondent: who, pick: (p, i) => ((i + p) % 5) + 1 });
  await importFiles(page, writeFiles([["fleurus.json", fullSummary({ commune: "Fleurus", date: "2026-11-02", respondent: "Marie Dubois", role: "Directrice générale", pick: crowded })]]));
  await project(page, "Fleurus");
  assert.match(await page.textContent("[data-testid=slide] h2"), /^Fleurus\s: maturité par pilier$/);
  // Dated: a commune's two years look alike on a screen.
  await expectText(page, "[data-testid=projector-owner]", "Évaluation remplie par Marie Dubois (Directrice générale) · 02/11/2026");

  await createAssessment(page, app.server.url, "Chimay");
  await answerPillar(page, app.server.url, "mobilite", 3);
  await page.goto(`${app.server.url}outils/#/projection`);
  await page.waitForSelector("[data-testid=slide] svg");
  await page.waitForFunction(() => /^Évaluation de la commune · \d\d\/\d\d\/\d{4}$/.test(document.querySelector("[data-testid=projector-owner]")?.textContent));

  // The three respondents' workshop, saved under `name` (the default when none), then projected.
  const projectWorkshop = async (name) => {
    await page.goto(`${app.server.url}outils/#/consolider`);
    await page.setInputFiles("[data-testid=consolidate-input]", writeFiles([
      ["bourgmestre.json", respondent("Bourgmestre")],
      ["dg.json", respondent("Directeur général")],
      ["informaticien.json", respondent("Informaticien")],
    ]));
    await page.waitForSelector("[data-testid=consolidate-table]");
    if (name) await page.fill("#consolidated-name", name);
    await page.click("[data-testid=save-consolidated]");
    await page.waitForURL(/#\/resultats$/);
    await page.goto(`${app.server.url}outils/#/projection`);
    await page.waitForSelector("[data-testid=slide] svg");
  };
  await projectWorkshop();
  assert.match(await page.textContent("[data-testid=slide] h2"), /^Walcourt/);
  await page.waitForFunction(() => /^Consolidation des réponses de 3 répondants · \d\d\/\d\d\/\d{4}$/.test(document.querySelector("[data-testid=projector-owner]")?.textContent));
  // A workshop the facilitator named is projected under that name, which the room knows.
  // Saved, the first workshop ended: its files are loaded again.
  await projectWorkshop("Atelier du 8 décembre");
  await page.waitForFunction(() => /^Atelier du 8 décembre — Consolidation des réponses de 3 répondants · \d\d\/\d\d\/\d{4}$/.test(document.querySelector("[data-testid=projector-owner]")?.textContent));
  await assertClean(page);
  await context.close();
});

test("assessment cards: « Résultats » and « Projeter » open that assessment; « Ouvrir » on a completed one goes to its results", async () => {
  const { context, page } = await freshPage();
  await importFiles(page, writeFiles([
    ["fleurus.json", fullSummary({ commune: "Fleurus", date: "2026-11-02", pick: (p, i) => ((i + p) % 5) + 1 })],
    ["farciennes.json", fullSummary({ commune: "Farciennes", date: "2026-11-03", pick: (p, i) => (p === 5 && i === 6 ? null : 2) })],
  ]));
  await createAssessment(page, app.server.url, "Chimay");
  await assessments(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: path.join(resultsDir(), "facilitator-assessments-1280x720.png"), fullPage: true });
  await axe(page, "assessments with results and projector links");

  // Chimay is open; each card's links open their own assessment.
  await row(page, "Fleurus").locator("[data-testid=assessment-results]").click();
  await page.waitForURL(/outils\/#\/resultats$/);
  await page.waitForSelector("[data-testid=radar-chart] svg");
  assert.match(await page.textContent("main h1"), /Fleurus/);
  await assessments(page);
  await row(page, "Farciennes").locator("[data-testid=assessment-projector]").click();
  await page.waitForURL(/outils\/#\/projection$/);
  await page.waitForSelector("[data-testid=slide] svg");
  assert.match(await page.textContent("[data-testid=slide] h2"), /^Farciennes/);
  await page.keyboard.press("Escape");
  await page.waitForURL(/#\/resultats$/);
  assert.match(await page.textContent("main h1"), /Farciennes/);

  // Fleurus answered every question: « Ouvrir » shows its results.
  await assessments(page);
  await row(page, "Fleurus").locator("[data-testid=open-assessment]").click();
  await page.waitForURL(/outils\/#\/resultats$/);
  await page.waitForSelector("[data-testid=radar-chart] svg");
  assert.match(await page.textContent("main h1"), /Fleurus/);
  // Farciennes has one question left: « Ouvrir » goes back to the questionnaire, at that question.
  await assessments(page);
  await row(page, "Farciennes").locator("[data-testid=open-assessment]").click();
  await page.waitForURL(/#\/pilier\/\w+(\?reprendre)?$/);
  await page.waitForFunction(() => {
    const question = document.activeElement?.closest("fieldset.question");
    return question && !question.querySelector("input[type=radio]:checked");
  });
  assert.equal(await page.textContent(".site-nav__current"), "Farciennes");
  await assertClean(page);
  await context.close();
});

test("the facilitator tools list offers projector mode for the open assessment", async () => {
  const { context, page } = await freshPage();
  await createAssessment(page, app.server.url, "Anderlues");
  await answerPillar(page, app.server.url, "gouvernance", "unknown");
  await assessments(page);
  const tools = page.locator("section[aria-labelledby=tools-title]");
  const link = tools.locator("[data-testid=to-projector]");
  assert.equal((await link.textContent()).trim(), "Mode projection");
  assert.match(await tools.locator("li", { has: page.locator("[data-testid=to-projector]") }).textContent(), /Mode projection — Anderlues, l'évaluation ouverte, en grands caractères/);
  await link.click();
  await page.waitForURL(/outils\/#\/projection$/);
  await page.waitForSelector("[data-testid=slide] svg");
  assert.match(await page.textContent("[data-testid=slide] h2"), /^Anderlues/);
  await page.keyboard.press("End");
  await page.keyboard.press("Home");
  // Only Gouvernance is answered: the pillars nobody answered have no slide.
  await page.keyboard.press("ArrowRight");
  await expectText(page, "[data-testid=slide-counter]", "Diapositive 2 sur 4");
  // Gouvernance, all « je ne sais pas »: its eight questions, three named and « + 5 autres ».
  assert.deepEqual(
    await page.$$eval("[data-testid=slide-to-check] li", (lis) => lis.map((li) => li.textContent.trim())),
    [...QUESTIONS[4].slice(0, 3).map((q) => q.title), `+ ${QUESTIONS[4].length - 3} autres`],
  );
  await assertClean(page);
  await context.close();
});

test("before / after in a browser with no assessment offers to import both files, then compares them in time order", async () => {
  const { context, page } = await freshPage();
  const gerpinnes = (date, level) => fullSummary({ commune: "Gerpinnes", date, pick: (p) => (p === 3 ? level : 3) });
  await page.goto(`${app.server.url}outils/#/comparer`);
  const offer = page.locator("[data-testid=compare-import]");
  await offer.waitFor();
  assert.match(await offer.textContent(), /Importer les deux évaluations.*ne contient pas deux évaluations d'une même commune/s);
  const input = "[data-testid=compare-import] [data-testid=import-input]";
  const imported = (n) => page.waitForFunction((n) => document.querySelectorAll("[data-testid=import-results] li").length >= n, n);
  // This year's file first, then another commune's by mistake: still nothing to compare.
  await page.setInputFiles(input, writeFiles([["gerpinnes-2026.json", gerpinnes("2026-11-20", 4)]]));
  await imported(1);
  await page.setInputFiles(input, writeFiles([["lobbes.json", fullSummary({ commune: "Lobbes", date: "2026-10-01", pick: () => 3 })]]));
  await imported(1);
  await page.waitForFunction(() => document.querySelector("[data-testid=compare-import] [data-testid=import-results]")?.textContent.includes("Lobbes"));
  assert.equal(await offer.count(), 1, "no commune has two assessments: the offer stays");
  assert.equal(await page.locator("[data-testid=pillar-deltas]").count(), 0);
  // Then last year's: the comparison runs from last year to this year.
  await page.setInputFiles(input, writeFiles([["gerpinnes-2025.json", gerpinnes("2025-11-18", 2)]]));
  await page.waitForSelector("[data-testid=pillar-deltas]");
  assert.match(await page.textContent("[data-testid=pillar-deltas]"), /Énergie & environnement\s*25\s*75\s*\+50/);
  assert.match(await page.$eval("#compare-before", (s) => s.selectedOptions[0].textContent), /Gerpinnes · 18\/11\/2025/);
  assert.equal(await offer.count(), 0, "two assessments: the offer is gone");
  // A third file can still come in, folded under the comparison.
  const more = page.locator("[data-testid=compare-import-more]");
  assert.equal(await more.count(), 1);
  await more.locator("summary").click();
  await page.setInputFiles("[data-testid=compare-import-more] [data-testid=import-input]", writeFiles([["gerpinnes-2024.json", gerpinnes("2024-11-15", 1)]]));
  await page.waitForFunction(() => [...document.querySelector("#compare-before").options].some((o) => o.textContent.startsWith("Gerpinnes · 15/11/2024")));
  // Another commune's file, whose option comes first: « Avant » still shows what is compared.
  const compared = await page.$eval("#compare-before", (s) => s.selectedOptions[0].textContent);
  await page.setInputFiles("[data-testid=compare-import-more] [data-testid=import-input]", writeFiles([["aiseau.json", fullSummary({ commune: "Aiseau-Presles", date: "2025-06-01", pick: () => 2 })]]));
  await page.waitForFunction(() => [...document.querySelector("#compare-before").options].some((o) => o.textContent.startsWith("Aiseau-Presles")));
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  assert.equal(await page.$eval("#compare-before", (s) => s.selectedOptions[0].textContent), compared);
  assert.match(compared, /^Gerpinnes/);
  // The same questions have a level on both sides, and nobody is named on either: nothing
  // to warn about.
  assert.equal(await page.locator("[data-testid=compare-changed]").count(), 0);
  assert.equal(await page.locator("[data-testid=compare-respondents]").count(), 0);
  assert.doesNotMatch(await page.textContent("[data-testid=pillar-deltas]"), /autres questions/);
  await assertClean(page);
  await context.close();
});

test("before / after: files picked at once all say how they went, after the comparison has replaced the offer", async () => {
  const { context, page } = await freshPage();
  const walcourt = (date, level) => fullSummary({ commune: "Walcourt", date, pick: (p) => (p === 3 ? level : 3) });
  await page.goto(`${app.server.url}outils/#/comparer`);
  await page.locator("[data-testid=compare-import]").waitFor();
  await page.setInputFiles("[data-testid=compare-import] [data-testid=import-input]", writeFiles([
    ["walcourt-2025.json", walcourt("2025-11-18", 2)],
    ["notes.json", "Compte rendu de la réunion du collège"],
    ["walcourt-2026.json", walcourt("2026-11-20", 4)],
  ]));
  await page.waitForSelector("[data-testid=pillar-deltas]");
  // The offer gave way to the folded import, opened on what happened to each of the three files.
  const more = page.locator("[data-testid=compare-import-more]");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=compare-import-more] [data-testid=import-results] li").length === 3);
  assert.equal(await more.evaluate((d) => d.open), true);
  assert.match(await more.locator("[data-testid=import-results]").textContent(), /notes\.json[^]*n'est pas un résumé Autodiag/);
  await assertClean(page);
  await context.close();
});

test("before / after never pairs two communes by itself, and says so when the user does", async () => {
  const { context, page } = await freshPage();
  await importFiles(page, writeFiles([
    ["thuin.json", fullSummary({ commune: "Thuin", date: "2026-06-12", pick: () => 2 })],
    ["lobbes.json", fullSummary({ commune: "Lobbes", date: "2026-10-01", pick: () => 3 })],
  ]));
  await assessments(page);
  await row(page, "Lobbes").locator("[data-testid=assessment-results]").click();
  await page.waitForURL(/#\/resultats$/);
  await page.goto(`${app.server.url}outils/#/comparer`);
  await page.locator("[data-testid=compare-import]").waitFor();
  // Lobbes has one assessment here: nothing is compared, Thuin's is not taken for last year's.
  assert.equal(await page.locator("[data-testid=pillar-deltas]").count(), 0);
  assert.equal(await page.inputValue("#compare-before"), "");
  // Picked by hand, two communes are compared with a warning, and no PST is evaluated across them.
  const thuin = await page.$eval("#compare-before", (s) => [...s.options].find((o) => o.textContent.startsWith("Thuin")).value);
  await page.selectOption("#compare-before", thuin);
  await page.waitForSelector("[data-testid=pillar-deltas]");
  await expectText(page, "[data-testid=compare-other-commune]", "Ce sont deux communes différentes (Thuin et Lobbes) : les écarts ci-dessous comparent deux communes, pas une évolution.");
  assert.equal(await page.locator("[data-testid=pst-evaluate]").count(), 0);
  await assertClean(page);
  await context.close();
});

test("before / after with one assessment of the commune offers to import the earlier file, then compares", async () => {
  const { context, page } = await freshPage();
  const gerpinnes = (date, level) => fullSummary({ commune: "Gerpinnes", date, pick: (p) => (p === 3 ? level : 3) });
  // This year's round carries last year's plan over; one more action was ticked « Fait » in it.
  const later = gerpinnes("2026-11-20", 4);
  later.roadmap = example().roadmap;
  const tickedThisYear = later.roadmap.items.find((i) => i.status !== "done");
  tickedThisYear.status = "done";
  await importFiles(page, writeFiles([["gerpinnes-2026.json", later]]));
  await assessments(page);
  await row(page, "Gerpinnes").locator("[data-testid=assessment-results]").click();
  await page.waitForURL(/#\/resultats$/);
  await page.goto(`${app.server.url}outils/#/comparer`);
  const offer = page.locator("[data-testid=compare-import]");
  await offer.waitFor();
  assert.match(await offer.textContent(), /Importer l'évaluation précédente.*Gerpinnes n'a qu'une évaluation dans ce navigateur/s);
  assert.equal(await page.locator("[data-testid=pillar-deltas]").count(), 0);
  await axe(page, "before / after offering the import");
  // Last year's plan, some of it done.
  const earlier = gerpinnes("2025-11-18", 2);
  earlier.roadmap = example().roadmap;
  const done = earlier.roadmap.items.filter((i) => i.status === "done").length;
  assert.ok(done > 0 && done < earlier.roadmap.items.length);
  await page.setInputFiles("[data-testid=compare-import] [data-testid=import-input]", writeFiles([["gerpinnes-2025.json", earlier]]));
  await page.waitForSelector("[data-testid=pillar-deltas]");
  assert.match(await page.textContent("[data-testid=pillar-deltas]"), /Énergie & environnement\s*25\s*75\s*\+50/);
  // Done in either round: the action ticked this year counts for last year's plan.
  await expectText(page, "[data-testid=compare-roadmap]", `Feuille de route du 18/11/2025 : ${done + 1} actions sur ${earlier.roadmap.items.length} marquées « Fait », dans l'une ou l'autre évaluation.`);
  assert.match(await page.$eval("#compare-before", (s) => s.selectedOptions[0].textContent), /Gerpinnes · 18\/11\/2025/);
  assert.match(await page.$eval("#compare-after", (s) => s.selectedOptions[0].textContent), /Gerpinnes · 20\/11\/2026/);
  assert.equal(await offer.count(), 0, "two assessments of Gerpinnes: the offer is gone");
  // On paper the pickers are gone: the two compared are named above the chart.
  const pair = "Avant : Gerpinnes, 18/11/2025 — Après : Gerpinnes, 20/11/2026";
  await expectText(page, "[data-testid=compare-pair]", pair);
  await page.emulateMedia({ media: "print" });
  assert.ok(await page.isVisible("[data-testid=compare-pair]"));
  assert.ok(!(await page.isVisible("#compare-before")) && !(await page.isVisible("[data-testid=compare-print]")));
  await page.emulateMedia({ media: "screen" });
  // Picked the wrong way round, the page says so and swaps back in one click (a walk: every
  // pillar read as a fall).
  const [earlierId, laterId] = [await page.inputValue("#compare-before"), await page.inputValue("#compare-after")];
  await page.selectOption("#compare-before", laterId);
  await page.selectOption("#compare-after", earlierId);
  await expectText(page, "[data-testid=compare-reversed] span", "« Avant » (Gerpinnes, 20/11/2026) est plus récent que « Après » (Gerpinnes, 18/11/2025) : chaque écart se lit à l'envers.");
  // This year's plan is not evaluated by last year's answers.
  assert.equal(await page.locator("[data-testid=compare-roadmap]").count(), 0);
  assert.equal(await page.locator("[data-testid=pst-evaluate]").count(), 0);
  await page.click("[data-testid=compare-swap]");
  await page.locator("[data-testid=compare-reversed]").waitFor({ state: "detached" });
  await expectText(page, "[data-testid=compare-pair]", pair);
  await page.waitForFunction(([b, a]) => document.querySelector("#compare-before").value === b && document.querySelector("#compare-after").value === a, [earlierId, laterId]);
  await assertClean(page);
  await context.close();
});

test("before / after lists each assessment with who answered, by commune and date, and says when the two were not answered by the same people", async () => {
  const { context, page } = await freshPage();
  const group = fullSummary({ commune: "Gerpinnes", date: "2026-11-20", pick: () => 4 });
  Object.assign(group.profile, { respondent_name: "synthèse de 3 répondants", consolidated_respondents: 3, participants: ["Paul Lambert (DG)", "Anne Petit", "Échevin"] });
  await page.goto(`${app.server.url}outils/#/comparer`);
  await page.setInputFiles("[data-testid=compare-import] [data-testid=import-input]", writeFiles([
    ["gerpinnes-2026.json", group],
    ["lobbes.json", fullSummary({ commune: "Lobbes", date: "2026-10-01", pick: () => 3 })],
    ["gerpinnes-2025.json", fullSummary({ commune: "Gerpinnes", date: "2025-11-18", respondent: "Paul Lambert", role: "DG", pick: () => 2 })],
  ]));
  await page.waitForSelector("[data-testid=pillar-deltas]");
  const options = await page.$eval("#compare-before", (s) => [...s.options].map((o) => o.textContent));
  assert.deepEqual(options, ["—", "Gerpinnes · 18/11/2025 · Paul Lambert (DG)", "Gerpinnes — synthèse de 3 répondants · 20/11/2026", "Lobbes · 01/10/2026"]);
  await expectText(page, "[data-testid=compare-respondents]", "Les deux évaluations n'ont pas été remplies par les mêmes personnes : avant, Paul Lambert (DG) ; après, Gerpinnes — synthèse de 3 répondants. Une partie de l'évolution peut tenir au changement de répondants.");
  await assertClean(page);
  await context.close();
});

test("before / after across a change of the questionnaire says which pillars do not compare the same questions", async () => {
  const { context, page } = await freshPage();
  // Thuin's 2025 file was answered under référentiel 1.0.0; this year's answers every question.
  await page.goto(`${app.server.url}outils/#/comparer`);
  await page.setInputFiles("[data-testid=compare-import] [data-testid=import-input]", writeFiles([
    ["thuin-2025.json", example("thuin-2025-06-12.json")],
    ["thuin-2026.json", fullSummary({ commune: "Thuin", date: "2026-11-20", pick: () => 3 })],
  ]));
  await page.waitForSelector("[data-testid=pillar-deltas]");
  assert.match(await page.$eval("#compare-before", (s) => s.selectedOptions[0].textContent), /Thuin · 12\/06\/2025/);
  // Which questions have a level on one side only, read from the question table itself.
  const oneSided = await page.$$eval("[data-testid=question-deltas] tbody tr", (rows) =>
    rows.filter((row) => {
      const [before, after] = [...row.querySelectorAll("td")].map((td) => /^\d ·/.test(td.textContent.trim()));
      return before !== after;
    }).length);
  assert.ok(oneSided > 0, "the 2025 file leaves questions of the current référentiel without a level");
  // A question split since 2025 says so, rather than « Sans réponse ».
  const schools = await page.$$eval("[data-testid=question-deltas] tbody tr", (rows) =>
    rows.filter((row) => row.querySelector("th").textContent.trim() === "Abords d'écoles").map((row) => row.querySelector("td").textContent.trim()));
  assert.deepEqual(schools, ["Question modifiée depuis lors"]);
  // Picked the wrong way round, the older file's column says it too.
  const [earlierId, laterId] = [await page.inputValue("#compare-before"), await page.inputValue("#compare-after")];
  await page.selectOption("#compare-before", laterId);
  await page.selectOption("#compare-after", earlierId);
  await page.locator("[data-testid=compare-reversed]").waitFor();
  const reversedSchools = await page.$$eval("[data-testid=question-deltas] tbody tr", (rows) =>
    rows.filter((row) => row.querySelector("th").textContent.trim() === "Abords d'écoles").map((row) => row.querySelectorAll("td")[1].textContent.trim()));
  assert.deepEqual(reversedSchools, ["Question modifiée depuis lors"]);
  await page.click("[data-testid=compare-swap]");
  await page.locator("[data-testid=compare-reversed]").waitFor({ state: "detached" });
  const notice = page.locator("[data-testid=compare-changed]");
  assert.match(await notice.textContent(), new RegExp(`^Dans les piliers dont l'évolution est calculée, ${oneSided} questions n'ont un niveau que dans l'une des deux évaluations : le questionnaire a changé`));
  // Each pillar's row, in the framework's order, is marked exactly when one of its questions
  // has a level on one side only.
  const oneSidedTitles = await page.$$eval("[data-testid=question-deltas] tbody tr", (rows) =>
    rows.filter((row) => {
      const [before, after] = [...row.querySelectorAll("td")].map((td) => /^\d ·/.test(td.textContent.trim()));
      return before !== after;
    }).map((row) => row.querySelector("th").textContent.trim()));
  const marked = await page.$$eval("[data-testid=pillar-deltas] tbody tr", (rows) => rows.map((r) => /autres questions/.test(r.textContent)));
  assert.deepEqual(marked, QUESTIONS.map((questions) => questions.some((q) => oneSidedTitles.includes(q.title))));
  // A 2025 score resting on few of today's questions reads « à confirmer », as on its results;
  // this year's, every question answered, never does.
  const cells = await page.$$eval("[data-testid=pillar-deltas] tbody tr", (rows) => rows.map((r) => [...r.querySelectorAll("td")].slice(0, 2).map((td) => td.textContent.trim())));
  assert.ok(cells.some(([before]) => /^\d+ · à confirmer$/.test(before)), JSON.stringify(cells));
  assert.ok(cells.every(([, after]) => /^\d+$/.test(after)), JSON.stringify(cells));
  await page.screenshot({ path: path.join(resultsDir(), "compare-changed-1280.png"), fullPage: true });
  await assertClean(page);
  await context.close();
});

test("before / after at 1280 px: each select shows the whole assessment it names, who answered included", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1280, height: 800 } });
  const page = await openPage(context, app.server.url);
  const dated = (date, who, role) => {
    const s = fullSummary({ commune: "Ham-sur-Heure-Nalinnes", date, pick: () => 3 });
    Object.assign(s.profile, { respondent_name: who, respondent_role: role });
    return s;
  };
  await page.goto(`${app.server.url}outils/#/comparer`);
  await page.setInputFiles("[data-testid=compare-import] [data-testid=import-input]", writeFiles([
    ["avant.json", dated("2026-06-10", "Marie Dupont", "Responsable informatique")],
    ["apres.json", dated("2026-12-06", "Jean Lambert", "Directeur général")],
  ]));
  await page.waitForSelector("[data-testid=pillar-deltas]");
  for (const id of ["compare-before", "compare-after"]) {
    const { text, fits } = await page.$eval(`#${id}`, (select) => {
      const context = document.createElement("canvas").getContext("2d");
      const style = getComputedStyle(select);
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const text = select.selectedOptions[0].textContent;
      return { text, fits: context.measureText(text).width + 32 <= select.getBoundingClientRect().width };
    });
    assert.ok(fits, `#${id} cuts « ${text} »`);
  }
  await assertClean(page);
  await context.close();
});
