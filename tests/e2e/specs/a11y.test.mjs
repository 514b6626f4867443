// French first, accessible (WCAG 2.1 AA, checked with axe-core), keyboard-only, and offline.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { useApp, DIST, serve, openPage, assertClean, ready, createAssessment, answerPillar, openPillar, PILLARS, expectText } from "../lib/harness.mjs";
import { communes, writeFiles } from "../lib/summaries.mjs";
import { scratchDir } from "../lib/scratch.mjs";

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const app = useApp();

/** Runs axe on the page (injected through DevTools, so the CSP stays strict) and fails on any violation. */
async function axe(page, where) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    // Two best practices too: nothing outside a landmark, and no two landmarks named alike.
    const landmarks = await window.axe.run(document, { runOnly: { type: "rule", values: ["region", "landmark-unique"] } });
    result.violations.push(...landmarks.violations);
    return result.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0].target.join(" ")} — ${v.nodes[0].failureSummary.split("\n")[1] ?? ""}`);
  });
  assert.deepEqual(violations, [], `axe violations on ${where}`);
  // A wide table scrolls in a focusable box: a screen reader announces it by role and name.
  // A figcaption may take no such role, so it is never that box.
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll("main [tabindex='0']")]
      .filter((box) => !["A", "BUTTON", "INPUT", "SELECT", "TEXTAREA", "SUMMARY"].includes(box.tagName))
      .filter((box) => box.getAttribute("role") !== "region" || !(box.getAttribute("aria-label") ?? "").trim())
      .map((box) => box.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unnamed, [], `focusable boxes without a named region on ${where}`);
}

test("axe finds no violation on any page or state", async () => {
  const page = await openPage(app.browser, app.server.url);
  await page.goto(app.server.url);
  await ready(page);
  await axe(page, "home (empty)");
  await page.click("[data-testid=create-assessment]");
  await page.waitForSelector("#new-commune-error:not(:empty)");
  await axe(page, "home with an error");
  await createAssessment(page, app.server.url, "Lobbes");
  await axe(page, "profile");
  await page.fill("#nis", "12");
  await axe(page, "profile with an error");
  for (const [p, pillar] of PILLARS.entries()) {
    await answerPillar(page, app.server.url, pillar, (_, i) => ((i + p) % 5) + 1);
    await axe(page, `pillar ${pillar}`);
  }
  for (const [hash, selector] of [
    ["outils/#/resultats", "[data-testid=radar-chart] svg"],
    ["outils/#/feuille-de-route", "[data-testid=roadmap-item]"],
    ["outils/#/rapport", "[data-testid=report] svg"],
    ["outils/#/pst", "[data-testid=pst-fiche]"],
    ["outils/#/evaluations", "[data-testid=assessment-row]"],
    ["outils/#/importer", "[data-testid=import-input]"],
    ["outils/#/comparer", "main h1"],
    ["outils/#/consolider", "main h1"],
    ["outils/#/mentions-legales", "main h1"],
    ["outils/#/accessibilite", "main h1"],
    // Last: the projector's keys are tried next.
    ["outils/#/projection", "[data-testid=slide] svg"],
  ]) {
    await page.goto(`${app.server.url}${hash}`);
    await page.waitForSelector(selector);
    await axe(page, hash);
  }
  await page.keyboard.press("ArrowRight");
  await expectText(page, "[data-testid=slide-counter]", "Diapositive 2 sur 9");
  await axe(page, "projector, a pillar slide");
  assert.equal(await page.locator("h1").count(), 1, "the projector has one h1");
  await page.goto(`${app.server.url}outils/#/importer`);
  await page.setInputFiles("[data-testid=import-input]", writeFiles([["import.json", communes(1)[0]]]));
  await page.locator("[data-testid=imported-open]").waitFor();
  await axe(page, "import with its result");
  assert.equal(await page.locator("ul[role]").count(), 0, "no list takes another role");
  // A refused file: its alert sits inside its list item, which stays one.
  await page.setInputFiles("[data-testid=import-input]", writeFiles([["refuse.json", "{ pas du JSON"]]));
  await page.locator(".import-results__error [role=alert]").waitFor();
  await axe(page, "import with a refused file");
  assert.equal(await page.locator("li[role]").count(), 0, "no list item takes another role");
  await page.goto(`${app.server.url}outils/#/territoire`);
  await page.setInputFiles("[data-testid=territory-input]", writeFiles(communes(12).map((s, i) => [`c${i}.json`, s])));
  await page.waitForSelector("[data-testid=heatmap] tbody tr");
  await page.waitForSelector("[data-testid=contacts-table]");
  await axe(page, "territory view, loaded");
  // One commune's contacts: two tables, each region named after its own heading.
  await page.selectOption("[data-testid=contact-commune]", { index: 1 });
  await page.waitForSelector("[data-testid=can-learn], [data-testid=can-help]");
  await axe(page, "territory view, one commune's contacts");
  await page.goto(`${app.server.url}outils/#/consolider`);
  // Two respondents of one commune, and a third file of another commune, refused with its reason.
  const [first, second, other] = communes(3);
  Object.assign(second.profile, { commune: first.profile.commune, nis_code: first.profile.nis_code, respondent_name: "Second" });
  await page.setInputFiles("[data-testid=consolidate-input]", writeFiles([first, second].map((s, i) => [`r${i}.json`, s])));
  await page.waitForSelector("[data-testid=consolidate-table]");
  await page.setInputFiles("[data-testid=consolidate-input]", writeFiles([["autre.json", other]]));
  await page.waitForSelector("[data-testid=consolidate-errors] li");
  await axe(page, "consolidation table");
  await page.goto(`${app.server.url}#/nulle-part`);
  await ready(page);
  await axe(page, "not found");
  await assertClean(page);
});

test("a pillar is completed with the keyboard alone", async () => {
  const page = await openPage(app.browser, app.server.url);
  await createAssessment(page, app.server.url, "Thuin");
  await openPillar(page, app.server.url, "economie");
  // Start from the top, as a keyboard user arriving on the page: the skip link first.
  await page.reload();
  await page.waitForSelector("fieldset.question#eco_commerce_numerique");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "skip-link");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "main");
  const questions = await page.$$eval("fieldset.question", (f) => f.map((x) => x.id));
  for (const question of questions) {
    // Tab until a radio of this question has focus, then choose with arrows and Space.
    for (let guard = 0; guard < 40; guard++) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => document.activeElement?.name ?? "");
      if (focused === `q-${question}`) break;
    }
    assert.equal(await page.evaluate(() => document.activeElement?.name), `q-${question}`, `reached ${question}`);
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    assert.ok(await page.isChecked(`[data-testid="${question}-3"]`), `${question} at level 3`);
    // The focus ring is visible.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, "none");
  }
  await expectText(page, "[data-testid=progress-economie]", `${questions.length} / ${questions.length}`);
  // Enter on the "next" link moves on.
  await page.focus("[data-testid=next-pillar]");
  await page.keyboard.press("Enter");
  await page.waitForURL(/energie_environnement$/);
  await assertClean(page);
});

test("English is complete, switches <html lang>, and is kept after a reload", async () => {
  const page = await openPage(app.browser, app.server.url);
  await createAssessment(page, app.server.url, "Chimay");
  await answerPillar(page, app.server.url, "gouvernance", 2);
  await page.click("button[lang=en]");
  await page.waitForFunction(() => document.documentElement.lang === "en");
  await page.waitForFunction(() => document.querySelector("fieldset.question legend")?.textContent.includes("Steering"));
  await page.reload();
  await page.waitForFunction(() => document.documentElement.lang === "en" && document.querySelector("main h1"));
  const FRENCH = /\b(le|la|les|des|du|une|pour|avec|commune de|répondues|Enregistré|Télécharger|niveau|Je ne sais pas)\b/;
  const ENGLISH = /\b(the|and|with|of the|Download|Saved|answered|level|I don't know)\b/;
  const visible = async () => (await page.evaluate(() => document.body.innerText)).replace(/Français|Chimay|IGRETEC|Charleroi Métropole|Autodiag/g, "");
  // French typography too: a space before a colon or semicolon, and « » quotes.
  const FRENCH_MARKS = /\s[:;](\s|$)|[«»]/m;
  for (const hash of ["#/", "#/profil", "#/pilier/gouvernance", "outils/#/resultats", "outils/#/feuille-de-route", "outils/#/rapport", "outils/#/evaluations", "outils/#/territoire"]) {
    await page.goto(`${app.server.url}${hash}`);
    await page.waitForSelector("main h1");
    if (hash.includes("pilier")) await page.waitForSelector("fieldset.question");
    if (hash.includes("rapport")) await page.waitForSelector("[data-testid=report-answer-gou_pilotage]");
    const text = await visible();
    for (const pattern of [FRENCH, FRENCH_MARKS]) {
      const french = text.match(pattern);
      assert.equal(french, null, `French left on ${hash}: «${french?.[0]}» in …${text.slice(Math.max(0, french?.index - 60), french?.index + 60)}…`);
    }
  }
  await page.click("button[lang=fr]");
  await page.waitForFunction(() => document.documentElement.lang === "fr");
  for (const hash of ["#/", "#/pilier/gouvernance", "outils/#/resultats", "outils/#/feuille-de-route"]) {
    await page.goto(`${app.server.url}${hash}`);
    await page.waitForSelector("main h1");
    if (hash.includes("pilier")) await page.waitForSelector("fieldset.question");
    const text = await visible();
    const english = text.match(ENGLISH);
    assert.equal(english, null, `English left on ${hash}: «${english?.[0]}» in …${text.slice(Math.max(0, english?.index - 60), english?.index + 60)}…`);
  }
  await assertClean(page);
});

const ENGLISH_TEXTS = /\/(texts|questions)\.en\.[0-9a-f]+\.json$/;

/** Holds back the English texts, as on a slow connection, until the returned function is called. */
async function holdEnglishTexts(page) {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(ENGLISH_TEXTS, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

test("English stays the preference while its texts download: a reload in that moment does not fall back to French", async () => {
  // No service worker: once it controls the page (2 s after start, which a slow machine
  // reaches before the click on « English »), it serves the English texts from its cache,
  // past the route that holds them back.
  const context = await app.browser.isolated({ serviceWorkers: "block" });
  const page = await openPage(context, app.server.url);
  await createAssessment(page, app.server.url, "Sivry-Rance");
  await page.click("button[lang=en]");
  await page.waitForFunction(() => document.documentElement.lang === "en");
  const release = await holdEnglishTexts(page);
  await page.goto(`${app.server.url}outils/#/resultats`);
  await page.waitForSelector("main h1");
  assert.equal(await page.evaluate(() => document.documentElement.lang), "fr", "French is shown while English downloads");
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => localStorage.getItem("autodiag.lang")), "en", "the preference is still English");
  release();
  await page.waitForFunction(() => document.documentElement.lang === "en");
  await page.unroute(ENGLISH_TEXTS);
  await page.goto(`${app.server.url}#/`);
  await page.waitForFunction(() => document.documentElement.lang === "en" && document.querySelector("main h1"));
  // Back to French while English is still downloading: French stays, on screen and saved.
  const releaseAgain = await holdEnglishTexts(page);
  await page.goto(`${app.server.url}outils/#/resultats`);
  await page.waitForSelector("main h1");
  await page.click("button[lang=fr]");
  releaseAgain();
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => document.documentElement.lang), "fr");
  assert.equal(await page.evaluate(() => localStorage.getItem("autodiag.lang")), "fr");
  assert.equal(await page.locator("[data-testid=language-failed]").count(), 0);
  await assertClean(page);
  await context.close();
});

test("pages reflow at 320 px and at 200 % zoom", async () => {
  const page = await openPage(app.browser, app.server.url);
  await createAssessment(page, app.server.url, "Beaumont");
  await answerPillar(page, app.server.url, "mobilite", 3);
  for (const [width, height, zoom] of [[320, 700, 1], [640, 450, 2]]) {
    await page.setViewportSize({ width, height });
    await page.evaluate((z) => (document.body.style.zoom = String(z)), zoom);
    for (const hash of ["#/", "#/profil", "#/pilier/mobilite", "outils/#/resultats", "outils/#/feuille-de-route"]) {
      await page.goto(`${app.server.url}${hash}`);
      await page.waitForSelector("main h1");
      await page.evaluate((z) => (document.body.style.zoom = String(z)), zoom);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 1, `${hash} scrolls sideways by ${overflow}px at ${width}px × ${zoom}`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
});

test("after a first visit, the app loads and works offline, and only talks to its own origin", async () => {
  const context = await app.browser.isolated();
  const page = await openPage(context, app.server.url);
  await page.goto(app.server.url);
  await ready(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await createAssessment(page, app.server.url, "Viroinval");
  await answerPillar(page, app.server.url, "mobilite", 2);
  // The tools bundle is cached when first used.
  await page.goto(`${app.server.url}outils/#/resultats`);
  await page.waitForSelector("[data-testid=radar-chart] svg");
  await context.setOffline(true);
  await page.goto(`${app.server.url}#/pilier/qualite_de_vie`);
  await page.reload();
  await page.waitForFunction(() => document.querySelector("fieldset.question")?.id.startsWith("qdv_"));
  await page.click('[data-testid="qdv_securite-4"]');
  await expectText(page, "[data-testid=progress-qualite_de_vie]", "1 / 8");
  await page.goto(`${app.server.url}outils/#/resultats`);
  await page.waitForSelector("[data-testid=radar-chart] svg");
  await context.setOffline(false);
  assert.deepEqual(page.problems.foreign, []);
  await context.close();
});

test("a new release is announced, taken on the user's click, and keeps the answers", async () => {
  // A copy of dist/ whose service worker can be changed, as a new release would change it.
  const root = scratchDir("autodiag-release-");
  fs.cpSync(DIST, root, { recursive: true });
  const release = await serve(root);
  const context = await app.browser.isolated();
  try {
    const page = await openPage(context, release.url);
    await createAssessment(page, release.url, "Thuin");
    await answerPillar(page, release.url, "mobilite", 3);
    const cacheNames = () => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith("autodiag-")).sort());
    await page.waitForFunction(async () => (await navigator.serviceWorker.ready) && navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
    const [oldCache] = await cacheNames();
    assert.ok(oldCache, "the first visit caches the shell");

    const worker = path.join(root, "sw.js");
    fs.writeFileSync(worker, fs.readFileSync(worker, "utf8").replace(/VERSION="[^"]*"/, 'VERSION="next-release"'));
    await page.reload();
    await ready(page);
    await page.waitForSelector("[data-testid=update-ready]", { timeout: 20_000 });
    // The old version keeps serving until the user chooses to reload.
    assert.deepEqual((await cacheNames()).includes(oldCache), true);

    await Promise.all([page.waitForEvent("load", { timeout: 20_000 }), page.click("[data-testid=update-ready] button")]);
    await ready(page);
    await page.waitForFunction(async () => (await caches.keys()).includes("autodiag-next-release"), null, { timeout: 20_000 });
    await page.waitForFunction(async () => !(await caches.keys()).some((k) => k.startsWith("autodiag-") && k !== "autodiag-next-release"), null, { timeout: 20_000 });
    assert.equal(await page.locator("[data-testid=update-ready]").count(), 0, "the notice is gone once the new version runs");
    await openPillar(page, release.url, "mobilite");
    await expectText(page, "[data-testid=progress-mobilite]", "8 / 8");
    await assertClean(page);
  } finally {
    await context.close();
    await release.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
