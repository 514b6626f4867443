// The six-pillar questionnaire: complete, reload, several communes, delete and undo.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { useApp, openPage, assertClean, ready, createAssessment, answerPillar, openPillar, PILLARS, resultsDir, expectText } from "../lib/harness.mjs";

const app = useApp();

test("a whole assessment is completed by clicking, and survives a reload", async () => {
  const page = await openPage(app.browser, app.server.url);
  await createAssessment(page, app.server.url, "Lobbes");
  await page.fill("#nis", "56044");
  await page.fill("#respondent", "Marie Dubois");
  await page.fill("#fte", "0,5");
  await page.selectOption("#population", { index: 2 });
  // The way on sits at the form's right edge, where the eye ends the form, not across the page.
  const [form, start] = await Promise.all(["form.form", "[data-testid=start-questions]"].map((s) => page.locator(s).boundingBox()));
  assert.ok(page.viewportSize().width >= 1200, "a wide screen");
  assert.ok(Math.abs(start.x + start.width - (form.x + form.width)) <= 2, JSON.stringify({ form, start }));
  await page.click("[data-testid=start-questions]");
  await page.waitForURL(/#\/pilier\/mobilite$/);

  const answered = {};
  for (const [p, pillar] of PILLARS.entries()) {
    const questions = await answerPillar(page, app.server.url, pillar, (_, i) => (i === 6 ? "unknown" : ((i + p) % 5) + 1));
    questions.forEach((q, i) => (answered[q] = i === 6 ? "unknown" : String(((i + p) % 5) + 1)));
    await expectText(page, `[data-testid=progress-${pillar}]`, `${questions.length} / ${questions.length}`);
  }
  await openPillar(page, app.server.url, "mobilite");
  // Clicking the level's text, not only its radio, chooses it.
  await page.click('label:has([data-testid="mob_pcm-3"]) .option__text');
  answered.mob_pcm = "3";
  await page.fill("#note-mob_pcm", "PCM adopté en 2019, à actualiser");
  await page.locator("[data-testid=save-status]").filter({ hasText: "Enregistré" }).waitFor();
  const total = Object.keys(answered).length;
  await expectText(page, "[data-testid=overall-progress]", `${total} / ${total}`);
  // The counter says what it counts: the profile is not part of it.
  await expectText(page, "#overall-progress-label", "Questions répondues");
  await page.screenshot({ path: path.join(resultsDir(), "pillar-1280.png"), fullPage: false });

  // A reload resumes on the same pillar with every answer and note intact.
  await openPillar(page, app.server.url, "gouvernance");
  await page.reload();
  await page.waitForSelector("fieldset.question#gou_pilotage");
  assert.match(page.url(), /#\/pilier\/gouvernance$/);
  for (const pillar of PILLARS) {
    await openPillar(page, app.server.url, pillar);
    for (const question of await page.$$eval("fieldset.question", (f) => f.map((x) => x.id))) {
      assert.ok(await page.isChecked(`[data-testid="${question}-${answered[question]}"]`), `${question} kept`);
    }
  }
  await openPillar(page, app.server.url, "mobilite");
  assert.equal(await page.inputValue("#note-mob_pcm"), "PCM adopté en 2019, à actualiser");
  await page.goto(`${app.server.url}#/profil`);
  assert.equal(await page.inputValue("#nis"), "56044");
  assert.equal(await page.inputValue("#fte"), "0,5");
  await assertClean(page);
});

test("the next pillar starts blank, even where the previous one had answers", async () => {
  const page = await openPage(app.browser, app.server.url);
  await createAssessment(page, app.server.url, "Anderlues");
  await answerPillar(page, app.server.url, "mobilite", "unknown");
  await page.click("[data-testid=next-pillar]");
  await page.waitForFunction(() => document.querySelector("fieldset.question")?.id.startsWith("qdv_"));
  assert.equal(await page.locator("fieldset.question input:checked").count(), 0, "no radio carried over");
  await page.click('[data-testid="qdv_nuisances-unknown"]');
  await expectText(page, "[data-testid=progress-qualite_de_vie]", "1 / 8");
  await assertClean(page);
});

test("« Effacer la réponse » from the keyboard clears the answer and hands focus to the question's first choice", async () => {
  const page = await openPage(app.browser, app.server.url);
  await createAssessment(page, app.server.url, "Anderlues");
  await openPillar(page, app.server.url, "mobilite");
  await page.click('[data-testid="mob_stationnement-3"]');
  await expectText(page, "[data-testid=progress-mobilite]", "1 / 8");
  await page.locator("#mob_stationnement .question__clear").focus();
  await page.keyboard.press("Enter");
  await expectText(page, "[data-testid=progress-mobilite]", "0 / 8");
  assert.equal(await page.locator("#mob_stationnement input:checked").count(), 0);
  // The button hides with the answer: focus is on the first choice, never lost on the page.
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "mob_stationnement-1");
  await assertClean(page);
});

test("invalid profile fields get French messages and nothing is lost", async () => {
  const page = await openPage(app.browser, app.server.url);
  await createAssessment(page, app.server.url, "Thuin");
  await page.fill("#nis", "12ab");
  await expectText(page, "#nis-error", "Le code INS compte exactement 5 chiffres.");
  await page.fill("#fte", "trois");
  await expectText(page, "#fte-error", "Indiquez un nombre, par exemple 0,5.");
  assert.equal(await page.inputValue("#fte"), "trois");
  // A date after today, typed by mistake, would make this file the commune's newest for good.
  // The browser's own day, as the app reads it (local time).
  const [today, tomorrow] = await page.evaluate(() => {
    const iso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    const now = new Date();
    return [iso(now), iso(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1))];
  });
  assert.equal(await page.getAttribute("#date", "max"), today, "the date picker offers no day after today");
  await page.fill("#date", tomorrow);
  await expectText(page, "#date-error", "Cette date est dans le futur : indiquez le jour du diagnostic.");
  await page.fill("#date", today);
  await expectText(page, "#date-error", "");
  await page.fill("#commune", "");
  await expectText(page, "#commune-error", "Indiquez le nom de la commune.");
  // Emptied, the name is not saved: every screen and the summary go by it.
  await page.locator("#commune").blur();
  await page.waitForTimeout(600);
  const names = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith("autodiag.assessment.")).map(([, v]) => JSON.parse(v).assessment.profile.commune));
  assert.ok(names.includes("Thuin") && !names.includes(""), names.join(", "));
  await page.fill("#commune", "Thuin-Biercée");
  await expectText(page, "#commune-error", "");
  await page.fill("#commune", "Thuin");
  await page.reload();
  await page.waitForSelector("#nis");
  assert.equal(await page.inputValue("#nis"), "12ab");
  await assertClean(page);
});

test("two communes never mix, and a deletion can be undone", async () => {
  const page = await openPage(app.browser, app.server.url);
  await createAssessment(page, app.server.url, "Beaumont");
  await answerPillar(page, app.server.url, "mobilite", 5);
  await createAssessment(page, app.server.url, "Chimay");
  await answerPillar(page, app.server.url, "mobilite", 1);
  assert.ok(await page.isChecked('[data-testid="mob_pcm-1"]'));

  await page.goto(`${app.server.url}#/evaluations`);
  const beaumont = page.locator("[data-testid=assessment-row]", { hasText: "Beaumont" });
  await beaumont.locator("[data-testid=open-assessment]").click();
  await openPillar(page, app.server.url, "mobilite");
  assert.ok(await page.isChecked('[data-testid="mob_pcm-5"]'), "Beaumont keeps its own answers");

  await page.goto(`${app.server.url}#/evaluations`);
  const chimay = page.locator("[data-testid=assessment-row]", { hasText: "Chimay" });
  // By keyboard: the question takes the focus on its harmless answer, and « Annuler » gives
  // it back to « Supprimer ».
  await chimay.locator("[data-testid=delete-assessment]").focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.dataset.testid === "cancel-delete");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.dataset.testid === "delete-assessment" && document.activeElement.closest("li").textContent.includes("Chimay"));
  await chimay.locator("[data-testid=delete-assessment]").click();
  await chimay.locator("[data-testid=confirm-delete]").click();
  await page.waitForSelector("[data-testid=undo-notice]");
  // Named with its date: a facilitator may hold several assessments of one commune.
  const today = new Date().toLocaleDateString("fr-BE", { day: "2-digit", month: "2-digit", year: "numeric" });
  assert.equal(await page.textContent("[data-testid=undo-notice] p"), `« Chimay » du ${today} a été supprimée.`);
  assert.equal(await page.textContent("[data-testid=undo-delete]"), "Annuler");
  assert.equal(await page.locator("[data-testid=assessment-row]", { hasText: "Chimay" }).count(), 0);
  await page.click("[data-testid=undo-delete]");
  await page.locator("[data-testid=assessment-row]", { hasText: "Chimay" }).waitFor();
  await page.reload();
  await page.locator("[data-testid=assessment-row]", { hasText: "Chimay" }).waitFor();
  await openPillar(page, app.server.url, "mobilite");
  assert.ok(await page.isChecked('[data-testid="mob_pcm-1"]'), "Chimay's answers came back");
  // Deleting the open assessment: the header stops naming it at once.
  await page.goto(`${app.server.url}#/evaluations`);
  await expectText(page, ".site-nav__current", "Chimay");
  await chimay.locator("[data-testid=delete-assessment]").click();
  await chimay.locator("[data-testid=confirm-delete]").click();
  await page.waitForSelector("[data-testid=undo-notice]");
  await page.waitForFunction(() => !document.querySelector(".site-nav")?.textContent.includes("Chimay"));
  await assertClean(page);
});

test("assessments can be renamed and duplicated", async () => {
  const page = await openPage(app.browser, app.server.url);
  await createAssessment(page, app.server.url, "Couvn");
  // The header names the open assessment, and follows the profile's field as it is typed.
  await expectText(page, ".site-nav__current", "Couvn");
  await page.fill("#commune", "Couvin");
  await expectText(page, ".site-nav__current", "Couvin");
  await answerPillar(page, app.server.url, "economie", 2);
  await page.goto(`${app.server.url}#/evaluations`);
  const row = page.locator("[data-testid=assessment-row]", { hasText: "Couvin" });
  // A screen reader hears which assessment the buttons act on.
  await row.getByRole("group", { name: "Couvin", exact: true }).waitFor();
  await row.getByRole("button", { name: "Corriger le nom" }).click();
  // Échap cancels, as in the roadmap's and the PST's forms.
  await page.waitForFunction(() => document.activeElement?.id?.startsWith("rename-"));
  await page.keyboard.press("Escape");
  // The keyboard goes back to the button that opened the field.
  await page.waitForFunction(() => document.activeElement?.id?.startsWith("name-edit-"));
  await row.getByRole("button", { name: "Corriger le nom" }).click();
  // The cursor is in the field, ready for the new name.
  await page.waitForFunction(() => document.activeElement?.id?.startsWith("rename-"));
  await row.getByLabel("Nom de la commune, tel qu'il figurera dans le résumé pour IGRETEC").fill("Couvin 2026");
  await row.getByRole("button", { name: "Enregistrer" }).click();
  await page.locator("[data-testid=assessment-row]", { hasText: "Couvin 2026" }).waitFor();
  // The open assessment was renamed: the header says so at once, not at the next page.
  await expectText(page, ".site-nav__current", "Couvin 2026");
  await page.locator("[data-testid=assessment-row]", { hasText: "Couvin 2026" }).locator("[data-testid=duplicate-assessment]").click();
  // The copy is the same commune assessed again: its name, dated today.
  const copies = page.locator("[data-testid=assessment-row]", { hasText: "Couvin 2026" });
  await page.waitForFunction(() => [...document.querySelectorAll("[data-testid=assessment-row]")].filter((row) => row.textContent.includes("Couvin 2026")).length === 2);
  const today = new Date().toLocaleDateString("fr-BE", { day: "2-digit", month: "2-digit", year: "numeric" });
  assert.equal(await copies.count(), 2);
  assert.ok((await copies.allTextContents()).every((row) => row.includes(today)), today);
  assert.equal(await page.locator("[data-testid=assessment-row]", { hasText: "(copie)" }).count(), 0);
  // The two read alike: the page says the copy is the one now open, and one row is marked open.
  await expectText(page, "[data-testid=assessments-status]", `Copie de « Couvin 2026 » créée, datée du ${today}, et ouverte : les prochaines réponses vont dans la copie. Si quelqu'un d'autre répond cette fois, changez son nom dans le profil.`);
  assert.equal(await page.locator("[data-testid=open-badge]").count(), 1);
  // The keyboard is on the copy's row, the one open.
  await page.waitForFunction(() => document.activeElement?.classList.contains("assessment__name") && document.activeElement.closest("li").querySelector("[data-testid=open-badge]"));
  await openPillar(page, app.server.url, "economie");
  assert.ok(await page.isChecked(`[data-testid="${await page.$eval("fieldset.question", (f) => f.id)}-2"]`));
  await assertClean(page);
});

test("a pillar page or a tools screen opened directly is drawn once, with its questions", async () => {
  const page = await openPage(app.browser, app.server.url);
  await createAssessment(page, app.server.url, "Erquelinnes");
  await answerPillar(page, app.server.url, "mobilite", 3);
  // Records whether the loading line ever entered the page, from the very first script.
  await page.addInitScript(() => {
    window.__loadingShown = false;
    new MutationObserver(() => {
      if (document.querySelector("[data-testid=loading-questions]")) window.__loadingShown = true;
    }).observe(document, { childList: true, subtree: true });
  });
  for (const [hash, drawn] of [
    ["#/pilier/economie", "fieldset.question legend"],
    ["outils/#/resultats", "[data-testid=radar-chart] svg"],
  ]) {
    // A new document each time: the question texts are fetched again at start.
    await page.goto("about:blank");
    await page.goto(`${app.server.url}${hash}`);
    await page.waitForSelector(drawn);
    assert.equal(await page.evaluate(() => window.__loadingShown), false, `${hash} showed its loading line`);
  }
  await assertClean(page);
});

test("an answer rewrites only the figures it changes, not the live chart's or the steps' other elements", async () => {
  const context = await app.browser.isolated();
  const page = await openPage(context, app.server.url);
  await createAssessment(page, app.server.url, "Fleurus");
  await openPillar(page, app.server.url, "mobilite");
  const question = await page.locator("fieldset.question").first().getAttribute("id");
  const changed = async (choice) => {
    await page.evaluate(() => {
      window.__mutations = [];
      window.__observer = new MutationObserver((records) => window.__mutations.push(...records));
      window.__observer.observe(document.body, { subtree: true, attributes: true, childList: true, characterData: true });
    });
    const value = "[data-testid=live-chart] .live-bars__current .live-bars__value";
    const before = await page.locator(value).innerText();
    await page.click(`[data-testid="${question}-${choice}"]`);
    await page.waitForFunction(([selector, old]) => document.querySelector(selector).textContent !== old, [value, before]);
    // Two frames: whatever the answer still writes has been written.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    return page.evaluate(() => {
      window.__observer.disconnect();
      const where = (node) => {
        const element = node.nodeType === 1 ? node : node.parentElement;
        const row = element.closest("[data-testid=live-chart] tr");
        const step = element.closest(".stepper li, .stepper__overall");
        if (row) return row.classList.contains("live-bars__current") ? "current row" : "other row";
        if (step) return step.matches(".stepper__overall") || step.querySelector("a[aria-current]") ? "current step" : "other step";
        return "elsewhere";
      };
      return window.__mutations.map((m) => ({ where: where(m.target), what: m.type === "attributes" ? m.attributeName : m.type }));
    });
  };
  for (const choice of ["2", "4"]) {
    const mutations = await changed(choice);
    const chart = mutations.filter((m) => m.where.endsWith("row") || m.where.endsWith("step"));
    assert.ok(chart.some((m) => m.where === "current row"), `the bar moved: ${JSON.stringify(mutations)}`);
    // A row rebuilt whole would remove and set again every class, scope and aria attribute.
    assert.deepEqual(chart.filter((m) => m.where.startsWith("other")), [], `choice ${choice}`);
    const rewritten = chart.filter((m) => !["style", "value", "characterData"].includes(m.what) && !(m.what === "class" && m.where === "current row"));
    assert.deepEqual(rewritten, [], `choice ${choice}: only the bar's width and band, the value and the counts change`);
  }
  await assertClean(page);
  await context.close();
});
