// On a phone, the first question is on the first screen and the live score stays in view.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { useApp, openPage, assertClean, createAssessment, openPillar, answerPillar, resultsDir } from "../lib/harness.mjs";
import { example, writeFiles } from "../lib/summaries.mjs";

const app = useApp();

test("at 375 px the first question starts on the first screen, and the pillar's live score stays visible", async () => {
  const context = await app.browser.isolated({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const page = await openPage(context, app.server.url);
  await createAssessment(page, app.server.url, "Momignies");
  await openPillar(page, app.server.url, "mobilite");
  await page.screenshot({ path: path.join(resultsDir(), "phone-pillar-top-375.png"), fullPage: true, clip: { x: 0, y: 0, width: 375, height: 1600 } });
  const first = await page.locator("fieldset.question").first().boundingBox();
  assert.ok(first.y < 812, `the first question starts at ${Math.round(first.y)} px`);
  // Every step stays one tap away, the profile and the report too, in one row that scrolls
  // sideways; the pillar being answered is in view.
  const steps = await page.locator(".stepper li").evaluateAll((items) =>
    items.filter((li) => getComputedStyle(li).display !== "none").map((li) => ({ text: li.textContent, top: Math.round(li.getBoundingClientRect().top) })),
  );
  assert.ok(steps.some((s) => /Profil/.test(s.text)) && steps.some((s) => /Rapport/.test(s.text)), JSON.stringify(steps));
  assert.equal(new Set(steps.map((s) => s.top)).size, 1, "one row");
  const current = await page.locator(".stepper a[aria-current]").boundingBox();
  assert.ok(current.x >= 0 && current.x + current.width <= 375, `the current step is at ${Math.round(current.x)} px`);
  assert.match(await page.locator(".stepper a[aria-current]").textContent(), /Mobilité/);
  // The row opens on the step being answered, the last pillar's too.
  await openPillar(page, app.server.url, "smart_citizens");
  const last = await page.locator(".stepper a[aria-current]").boundingBox();
  assert.ok(last.x >= 0 && last.x + last.width <= 375, `Smart Citizens' step is at ${Math.round(last.x)} px`);
  await openPillar(page, app.server.url, "mobilite");

  // Halfway down the pillar, after an answer, the live score is on screen, on one line.
  await page.locator("fieldset.question").nth(3).scrollIntoViewIfNeeded();
  await page.click(`[data-testid="${await page.locator("fieldset.question").nth(3).getAttribute("id")}-4"]`);
  const live = page.locator(".pillar-aside");
  const box = await live.boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= 812, `the live score is at ${Math.round(box.y)}..${Math.round(box.y + box.height)} px`);
  assert.ok(box.height < 70, `one line, ${Math.round(box.height)} px tall`);
  assert.match(await live.locator(".live-bars__current").innerText(), /Mobilité/);
  await page.screenshot({ path: path.join(resultsDir(), "phone-pillar-middle-375.png") });
  await assertClean(page);
  await context.close();
});

test("choosing an answer frames it without moving its text, on a phone and on a desktop", async () => {
  for (const viewport of [{ width: 375, height: 812 }, { width: 1280, height: 900 }]) {
    const context = await app.browser.isolated({ viewport });
    const page = await openPage(context, app.server.url);
    await createAssessment(page, app.server.url, "Momignies");
    await openPillar(page, app.server.url, "mobilite");
    const question = await page.locator("fieldset.question").first().getAttribute("id");
    for (const choice of ["3", "unknown"]) {
      const option = page.locator("label.option", { has: page.locator(`[data-testid="${question}-${choice}"]`) });
      const place = () => option.evaluate((label) => {
        const head = label.querySelector(".option__head").getBoundingClientRect();
        const frame = label.getBoundingClientRect();
        return { x: head.x - frame.x, y: head.y - frame.y, width: frame.width, height: frame.height };
      });
      const before = await place();
      await page.click(`[data-testid="${question}-${choice}"]`);
      const chosen = await option.evaluate((label) => {
        const s = getComputedStyle(label);
        return { border: s.borderTopColor, borderWidth: s.borderTopWidth, outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, background: s.backgroundColor };
      });
      // The frame is 2 px of the brand colour and the background changes: the choice stands out.
      assert.match(chosen.outline, /^solid 1px /, `${viewport.width} px, ${choice}: ${JSON.stringify(chosen)}`);
      assert.equal(chosen.border, chosen.outline.replace(/^solid 1px /, ""));
      assert.equal(chosen.borderWidth, "1px");
      assert.notEqual(chosen.background, "rgba(0, 0, 0, 0)");
      // Nothing moves: the text stays under the user's finger, and the option keeps its size.
      assert.deepEqual(await place(), before, `${viewport.width} px, ${choice}`);
    }
    await assertClean(page);
    await context.close();
  }
});

test("at 375 px, tabbing through a pillar never leaves the focused control under the live score's line", async () => {
  const context = await app.browser.isolated({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const page = await openPage(context, app.server.url);
  await createAssessment(page, app.server.url, "Momignies");
  await openPillar(page, app.server.url, "mobilite");
  await page.locator("fieldset.question input[type=radio]").first().focus();
  const hidden = [];
  let questions = 0;
  for (let step = 0; step < 30; step++) {
    await page.keyboard.press("Tab");
    const where = await page.evaluate(() => {
      const focused = document.activeElement.getBoundingClientRect();
      const bar = document.querySelector(".pillar-aside").getBoundingClientRect();
      const inQuestion = document.activeElement.closest("fieldset.question") !== null;
      return { id: document.activeElement.id || document.activeElement.dataset.testid, inQuestion, bottom: focused.bottom, barTop: bar.top };
    });
    // The questions' controls; past the last one, the line has stopped above the pager.
    if (where.inQuestion) questions++;
    if (where.inQuestion && where.bottom > where.barTop + 1) hidden.push(`${where.id} ends at ${Math.round(where.bottom)} px, the line starts at ${Math.round(where.barTop)} px`);
  }
  assert.ok(questions >= 15, `${questions} tab stops in the questions`);
  assert.deepEqual(hidden, []);
  await assertClean(page);
  await context.close();
});

test("at 375 px the overall score's level keeps its dot when the line wraps, and the scores table's caption fits the screen", async () => {
  const context = await app.browser.isolated({ viewport: { width: 375, height: 812 } });
  const page = await openPage(context, app.server.url);
  await createAssessment(page, app.server.url, "Ham-sur-Heure-Nalinnes");
  await answerPillar(page, app.server.url, "mobilite", 2);
  await page.goto(`${app.server.url}outils/#/resultats`);
  const overall = page.locator("[data-testid=overall-score]");
  await overall.waitFor();
  // « · Exploratoire » is one box: the dot never ends a line with the level on the next.
  const level = overall.locator("span").first();
  assert.match(await level.textContent(), /^· \S/);
  const dot = await level.evaluate((span) => {
    const range = document.createRange();
    range.setStart(span.firstChild, 0);
    range.setEnd(span.firstChild, 1);
    return range.getBoundingClientRect().top;
  });
  const box = await level.boundingBox();
  assert.ok(Math.abs(dot - box.y) < 4, `the dot at ${dot}, its level's line at ${box.y}`);
  // The scores table reads as one card per pillar, each cell named, with nothing to scroll
  // sideways: the target and the questions answered were cut off at the screen's edge.
  const frame = await page.locator(".chart__table").first().boundingBox();
  const caption = await page.locator(".chart__table caption").first().boundingBox();
  assert.ok(caption.x + caption.width <= frame.x + frame.width + 1, `caption ${JSON.stringify(caption)} in frame ${JSON.stringify(frame)}`);
  const table = page.locator("[data-testid=scores-table]").first();
  assert.ok(await table.evaluate((t) => t.parentElement.scrollWidth <= t.parentElement.clientWidth), "the scores table scrolls sideways");
  const cells = table.locator("tbody tr").first().locator("td");
  assert.equal(await cells.count(), 4);
  for (let i = 0; i < 4; i++) {
    const cell = await cells.nth(i).boundingBox();
    assert.ok(cell.x >= 0 && cell.x + cell.width <= 375, `cell ${i} at ${JSON.stringify(cell)}`);
  }
  assert.match(await cells.nth(2).evaluate((td) => getComputedStyle(td, "::before").content), /^"Objectif :/);
  await assertClean(page);
  await context.close();
});

test("at 390 px « Avant / après » reads each pillar and question as a card: the evolution is never cut off", async () => {
  const context = await app.browser.isolated({ viewport: { width: 390, height: 844 } });
  const page = await openPage(context, app.server.url);
  const before = example();
  before.profile.date = "2025-11-20";
  const after = example();
  for (const answer of after.answers) if (typeof answer.level === "number" && answer.level < 5) answer.level += 1;
  await page.goto(`${app.server.url}outils/#/comparer`);
  await page.setInputFiles("[data-testid=compare-import] [data-testid=import-input]", writeFiles([["avant.json", before], ["apres.json", after]]));
  await page.waitForSelector("[data-testid=pillar-deltas]");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await page.screenshot({ path: path.join(resultsDir(), "compare-390.png"), fullPage: true });
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  const row = page.locator("[data-testid=pillar-deltas] tbody tr").first();
  const cells = row.locator("td");
  for (let i = 0; i < 3; i++) {
    const cell = await cells.nth(i).boundingBox();
    assert.ok(cell.x >= 0 && cell.x + cell.width <= 390, `cell ${i} at ${JSON.stringify(cell)}`);
  }
  assert.match(await cells.nth(2).evaluate((td) => getComputedStyle(td, "::before").content), /^"Évolution/);
  await assertClean(page);
  await context.close();
});
