// Never lose a commune's answers: damaged storage, no storage, a full disk, two tabs, a crash,
// and hostile text everywhere a user can type or import.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { useApp, serve, openPage, assertClean, ready, createAssessment, answerPillar, openPillar, downloadText, expectText } from "../lib/harness.mjs";
import { writeFiles, example } from "../lib/summaries.mjs";

const app = useApp();

const XSS = `<img src=x onerror="window.__xss=1">"><script>window.__xss=2</script>`;

/** A page in a context of its own, so storage starts empty. */
async function isolatedPage(init) {
  const context = await app.browser.isolated();
  if (init) await context.addInitScript(init);
  const page = await openPage(context, app.server.url);
  page.on("dialog", (dialog) => {
    page.problems.errors.push(`dialog: ${dialog.message()}`);
    dialog.dismiss();
  });
  return { context, page };
}

test("damaged stored data: the app starts, keeps a backup, offers it, and never erases it", async () => {
  const damaged = '{"storage_version":1,"assessment":{"id":"abimee","profile":{"commune":"Lobbes"},"answers":{"mob_pcm":{"cho';
  const future = JSON.stringify({ storage_version: 99, assessment: { id: "future" } });
  const { context, page } = await isolatedPage();
  await page.goto(app.server.url);
  await ready(page);
  await page.evaluate(([a, b]) => {
    localStorage.setItem("autodiag.assessment.abimee", a);
    localStorage.setItem("autodiag.assessment.future", b);
  }, [damaged, future]);
  await page.reload();
  await ready(page);
  assert.equal(await page.locator("[data-testid=recovery-notice]").count(), 2);
  const stored = await page.evaluate(() => ({ ...localStorage }));
  assert.equal(stored["autodiag.assessment.abimee"], damaged, "never overwritten");
  assert.equal(stored["autodiag.backup.autodiag.assessment.abimee"], damaged, "kept under a backup key");
  assert.match(await page.textContent("body"), /version plus récente/);
  // The app still works beside it.
  await createAssessment(page, app.server.url, "Thuin");
  await answerPillar(page, app.server.url, "mobilite", 2);
  const download = await downloadText(page, "[data-testid=recovery-notice]:first-of-type [data-testid=download-recovered]");
  assert.ok([damaged, future].includes(download.text));
  assert.equal(await page.evaluate(() => localStorage.getItem("autodiag.assessment.abimee")), damaged);
  await assertClean(page);
  await context.close();
});

test("no storage: the app works in memory, warns, and offers the download", async () => {
  const { context, page } = await isolatedPage(() => {
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new DOMException("The operation is insecure.", "SecurityError");
      },
    });
  });
  await page.goto(app.server.url);
  await ready(page);
  await page.waitForSelector("[data-testid=storage-unavailable]");
  await page.fill("#new-commune", "Walcourt");
  await page.click("[data-testid=create-assessment]");
  await page.waitForURL(/#\/profil$/);
  await answerPillar(page, app.server.url, "gouvernance", 3);
  await expectText(page, "[data-testid=progress-gouvernance]", "8 / 8");
  assert.ok(await page.isVisible("[data-testid=storage-unavailable] [data-testid=download-copy]"), "download is prominent");
  // Still there on the tools bundle's page: answers travel in window.name.
  await page.goto(`${app.server.url}outils/#/resultats`);
  await page.waitForSelector("[data-testid=radar-chart] svg");
  assert.match(await page.textContent("h1"), /Walcourt/);
  // And back to the questionnaire, with nothing changed on the way: they travel back too.
  await page.goto(`${app.server.url}#/pilier/gouvernance`);
  await expectText(page, "[data-testid=progress-gouvernance]", "8 / 8");
  // The same « copie de mes réponses » as in the questionnaire, named after the commune.
  await page.goto(`${app.server.url}outils/#/resultats`);
  await page.waitForSelector("[data-testid=radar-chart] svg");
  const copy = await downloadText(page, "[data-testid=storage-unavailable] [data-testid=download-copy]");
  assert.match(copy.name, /^autodiag-sauvegarde-walcourt-\d{4}-\d{2}-\d{2}\.json$/);
  const backup = JSON.parse(copy.text);
  assert.equal(backup.format, "autodiag-backup");
  assert.equal(Object.keys(backup.assessments[0].assessment.answers).length, 8);
  // An assessment added and deleted on one page stays deleted on the other bundle's page.
  await page.goto(`${app.server.url}outils/#/evaluations`);
  await page.setInputFiles("[data-testid=import-input]", writeFiles([["lobbes.json", example()]]));
  const lobbes = page.locator("[data-testid=assessment-row]", { hasText: "Lobbes" });
  await lobbes.locator("[data-testid=delete-assessment]").click();
  await lobbes.locator("[data-testid=confirm-delete]").click();
  await lobbes.waitFor({ state: "detached" });
  await page.goto(`${app.server.url}#/`);
  await ready(page);
  await page.goto(`${app.server.url}outils/#/evaluations`);
  await page.locator("[data-testid=assessment-row]", { hasText: "Walcourt" }).waitFor();
  assert.equal(await page.locator("[data-testid=assessment-row]", { hasText: "Lobbes" }).count(), 0);
  const all = JSON.parse((await downloadText(page, "[data-testid=backup-all]")).text);
  assert.deepEqual(all.assessments.map((r) => r.assessment.profile.commune), ["Walcourt"]);
  await assertClean(page);
  await context.close();
});

test("a full storage: nothing stored is lost, the user is told, the screen keeps every answer", async () => {
  const { context, page } = await isolatedPage(() => {
    const original = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (window.__full && key.startsWith("autodiag.assessment.")) {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      }
      return original.call(this, key, value);
    };
  });
  await createAssessment(page, app.server.url, "Chimay");
  await answerPillar(page, app.server.url, "mobilite", 4);
  const before = await page.evaluate(() => Object.entries(localStorage).find(([k]) => k.startsWith("autodiag.assessment."))[1]);
  await page.evaluate(() => (window.__full = true));
  await page.click('[data-testid="mob_pcm-1"]');
  await page.waitForSelector("[data-testid=quota-exceeded]");
  const after = await page.evaluate(() => Object.entries(localStorage).find(([k]) => k.startsWith("autodiag.assessment."))[1]);
  assert.equal(after, before, "the stored copy is intact");
  assert.ok(await page.isChecked('[data-testid="mob_pcm-1"]'));
  await expectText(page, "[data-testid=progress-mobilite]", "8 / 8");
  // The questionnaire saves a copy of the answers in memory, which the import reads back.
  const copy = JSON.parse((await downloadText(page, "[data-testid=quota-exceeded] [data-testid=download-copy]")).text);
  assert.equal(copy.format, "autodiag-backup");
  assert.equal(copy.assessments[0].assessment.answers.mob_pcm.choice, 1, "the download has the newest answer");
  await page.evaluate(() => (window.__full = false));
  await page.click('[data-testid="mob_pcm-2"]');
  await page.waitForFunction(() => !document.querySelector("[data-testid=quota-exceeded]"));
  await assertClean(page);
  await context.close();
});

test("two tabs on one assessment: a change in one appears in the other", async () => {
  const context = await app.browser.isolated();
  const first = await openPage(context, app.server.url);
  await createAssessment(first, app.server.url, "Fleurus");
  await openPillar(first, app.server.url, "economie");
  const second = await openPage(context, app.server.url);
  await openPillar(second, app.server.url, "economie");
  await first.click('[data-testid="eco_commerce_numerique-4"]');
  await expectText(second, "[data-testid=progress-economie]", "1 / 8");
  assert.ok(await second.isChecked('[data-testid="eco_commerce_numerique-4"]'), "the other tab redrew its answers");
  await second.click('[data-testid="eco_commerce_numerique-2"]');
  await first.waitForFunction(() => document.querySelector('[data-testid="eco_commerce_numerique-2"]')?.checked);
  await assertClean(first);
  await assertClean(second);
  await context.close();
});

test("two tabs writing at the same moment: both versions are kept", async () => {
  const context = await app.browser.isolated();
  const page = await openPage(context, app.server.url);
  await createAssessment(page, app.server.url, "Farciennes");
  await openPillar(page, app.server.url, "economie");
  // Another tab writes a newer revision, then this tab changes before hearing about it.
  await page.evaluate(() => {
    const [key, value] = Object.entries(localStorage).find(([k]) => k.startsWith("autodiag.assessment."));
    const record = JSON.parse(value);
    record.assessment.revision += 5;
    record.assessment.answers.eco_commerce_numerique = { choice: 5, note: "écrit dans l'autre onglet" };
    Storage.prototype.setItem.call(localStorage, key, JSON.stringify(record));
  });
  await page.click('[data-testid="eco_soutien_entreprises-1"]');
  await page.waitForSelector("[data-testid=conflict-notice]");
  const names = await page.evaluate(() =>
    Object.entries(localStorage).filter(([k]) => k.startsWith("autodiag.assessment.")).map(([, v]) => JSON.parse(v).assessment),
  );
  assert.equal(names.length, 2);
  assert.ok(names.some((a) => a.answers.eco_commerce_numerique?.note === "écrit dans l'autre onglet"), "their version kept");
  assert.ok(names.some((a) => a.answers.eco_soutien_entreprises?.choice === 1), "our version kept as a copy");
  await assertClean(page);
  await context.close();
});

test("the release build has no deliberate-crash screen", async () => {
  const { context, page } = await isolatedPage();
  await page.goto(`${app.server.url}#/test-panique`);
  await page.waitForSelector("main#main h1");
  assert.equal(await page.locator("[data-testid=crash-banner]").count(), 0);
  await assertClean(page);
  await context.close();
});

test("a crash shows a banner whose download still works", async () => {
  // The crash screen exists only in the test build (make dist-crash-test), served apart.
  const root = process.env.AUTODIAG_CRASH_DIST;
  assert.ok(root && fs.existsSync(path.join(root, "index.html")), "AUTODIAG_CRASH_DIST: run make dist-crash-test first");
  const crashBuild = await serve(root);
  const context = await app.browser.isolated();
  const page = await openPage(context, crashBuild.url);
  await createAssessment(page, crashBuild.url, "Couvin");
  await answerPillar(page, crashBuild.url, "smart_citizens", 3);
  await page.goto(`${crashBuild.url}#/test-panique`);
  await page.waitForSelector("[data-testid=crash-banner]");
  assert.match(await page.textContent("[data-testid=crash-banner]"), /Télécharger mes données/);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=crash-download]")]);
  const backup = JSON.parse(fs.readFileSync(await download.path(), "utf8"));
  assert.equal(backup.format, "autodiag-backup");
  assert.equal(backup.assessments[0].assessment.profile.commune, "Couvin");
  assert.equal(Object.keys(backup.assessments[0].assessment.answers).length, 7);
  // The backup imports back.
  const fresh = (await isolatedPage()).page;
  await fresh.goto(`${app.server.url}outils/#/importer`);
  await fresh.waitForSelector("[data-testid=import-input]");
  assert.equal(await fresh.textContent("main h1"), "Importer un résumé ou une copie de sauvegarde");
  await fresh.setInputFiles("[data-testid=import-input]", await download.path());
  await fresh.locator("[data-testid=import-results]", { hasText: "restaurée" }).waitFor();
  // On the import page a link leads to the list; on « Mes évaluations » the list is right there.
  assert.equal(await fresh.locator("[data-testid=imported-assessments]").count(), 1);
  // The backup just read is a copy of these answers: never « jamais » on the new computer.
  await fresh.goto(`${app.server.url}#/pilier/smart_citizens`);
  await fresh.waitForFunction(() => /Copie de sauvegarde : le \d{2}\/\d{2}\/\d{4}/.test(document.querySelector("[data-testid=last-download]")?.textContent ?? ""));
  const other = (await isolatedPage()).page;
  await other.goto(`${app.server.url}outils/#/evaluations`);
  await other.setInputFiles("[data-testid=import-input]", await download.path());
  await other.locator("[data-testid=import-results]", { hasText: "restaurée" }).waitFor();
  await other.locator("[data-testid=assessment-row]", { hasText: "Couvin" }).waitFor();
  assert.equal(await other.locator("[data-testid=imported-assessments]").count(), 0);
  assert.ok(page.problems.errors.some((e) => /test-panique/.test(e)), "the panic was real");
  await context.close();
  await crashBuild.close();
});

test("hostile text is shown as text everywhere", async () => {
  const { context, page } = await isolatedPage();
  await createAssessment(page, app.server.url, XSS);
  await page.fill("#respondent", XSS);
  await page.fill("#partnerships", XSS);
  await openPillar(page, app.server.url, "mobilite");
  await page.fill("#note-mob_pcm", XSS);
  await page.click('[data-testid="mob_pcm-2"]');
  await page.goto(`${app.server.url}outils/#/feuille-de-route`);
  await page.waitForSelector("[data-testid=roadmap-item]");
  await page.fill("[data-testid=custom-text]", XSS);
  await page.click("[data-testid=custom-add]");
  const imported = example();
  imported.profile.commune = XSS;
  imported.answers[0].note = XSS;
  const [file] = writeFiles([["xss.json", imported]]);
  await page.goto(`${app.server.url}outils/#/importer`);
  await page.setInputFiles("[data-testid=import-input]", file);
  await page.locator("[data-testid=import-results]", { hasText: "a été importée" }).waitFor();
  for (const url of ["outils/#/evaluations", "outils/#/resultats", "outils/#/feuille-de-route", "outils/#/rapport", "outils/#/pst", "outils/#/comparer", "#/profil"]) {
    await page.goto(`${app.server.url}${url}`);
    await page.waitForSelector("main h1");
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.__xss), undefined, `script ran on ${url}`);
    assert.equal(await page.locator("main img, main script").count(), 0, `markup injected on ${url}`);
  }
  // « Avant / après » names both, the PST's other actions carry the custom step, and every
  // slide of the projector is one HTML string: each shows them as text.
  await page.goto(`${app.server.url}outils/#/comparer`);
  assert.ok((await page.textContent("[data-testid=compare-pair]")).includes("<img src=x"), "the pair as text");
  await page.goto(`${app.server.url}outils/#/pst`);
  await page.locator("[data-testid=pst-fiche]").first().waitFor();
  assert.ok((await page.textContent("main")).includes("<img src=x"), "the PST's custom step as text");
  await page.goto(`${app.server.url}outils/#/projection`);
  const slide = page.locator("[data-testid=slide]");
  // Only mobility is answered: its slide, with the overview, the roadmap and the next steps.
  await page.locator("[data-testid=slide-counter]", { hasText: "1 sur 4" }).waitFor();
  for (let i = 1; i <= 4; i++) {
    await page.locator("[data-testid=slide-counter]", { hasText: `${i} sur 4` }).waitFor();
    assert.equal(await slide.locator("img, script").count(), 0, `markup injected on slide ${i}`);
    if (i === 1 || i === 3) assert.ok((await slide.textContent()).includes("<img src=x"), `slide ${i} shows it as text`);
    await page.keyboard.press("ArrowRight");
  }
  assert.equal(await page.evaluate(() => window.__xss), undefined, "script ran on the projector");
  await page.goto(`${app.server.url}outils/#/evaluations`);
  await page.waitForSelector("[data-testid=assessment-row]");
  assert.ok((await page.textContent("main")).includes("<img src=x"), "shown as text");
  await assertClean(page);
  await context.close();
});

test("moving to another computer: « Mes évaluations » saves every assessment in one file, which restores them all", async () => {
  const { context, page: answering } = await isolatedPage();
  await createAssessment(answering, app.server.url, "Thuin");
  await answerPillar(answering, app.server.url, "mobilite", 2);
  await createAssessment(answering, app.server.url, "Lobbes");
  await answerPillar(answering, app.server.url, "economie", 3);
  // Another day, another tab: every assessment of the browser, not only this tab's.
  const page = await openPage(context, app.server.url);
  await page.goto(`${app.server.url}outils/#/evaluations`);
  await page.locator("[data-testid=assessment-row]", { hasText: "Thuin" }).waitFor();
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=backup-all]")]);
  // Both, not only the one open (the questionnaire's « copie de mes réponses » holds that one).
  const backup = JSON.parse(fs.readFileSync(await download.path(), "utf8"));
  assert.deepEqual(backup.assessments.map((r) => r.assessment.profile.commune).sort(), ["Lobbes", "Thuin"]);
  const other = (await isolatedPage()).page;
  await other.goto(`${app.server.url}outils/#/evaluations`);
  await other.setInputFiles("[data-testid=import-input]", await download.path());
  await other.locator("[data-testid=import-results]", { hasText: "2 évaluations restaurées" }).waitFor();
  for (const commune of ["Thuin", "Lobbes"]) await other.locator("[data-testid=assessment-row]", { hasText: commune }).waitFor();
  await assertClean(page);
  await assertClean(other);
});
