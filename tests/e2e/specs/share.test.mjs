// Sharing results in a workshop without a server: the projector's last slide shows a QR code
// of a link that holds the answers in its fragment. Opened on a phone (a fresh browser here:
// the check without scanning), it shows the same scores read-only and stores nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { useApp, openPage, assertClean, createAssessment, answerPillar, PILLARS, resultsDir, expectText } from "../lib/harness.mjs";

const app = useApp();

test("the projector's QR link reopens the same scores, read-only, on another device", async () => {
  const context = await app.browser.isolated({ viewport: { width: 1280, height: 720 } });
  const page = await openPage(context, app.server.url);
  await createAssessment(page, app.server.url, "Ham-sur-Heure-Nalinnes");
  await page.fill("#date", "2026-11-20");
  for (const [p, pillar] of PILLARS.entries()) await answerPillar(page, app.server.url, pillar, (_, i) => [1, 2, 3, 4, 5, "unknown", 3, 2][(i + p) % 8]);
  await page.goto(`${app.server.url}outils/#/resultats`);
  await page.locator("[data-testid=radar-chart] svg").waitFor();
  const scores = await page.locator("[data-testid=radar-chart] table tbody tr td:first-of-type").allTextContents();
  const overall = (await page.locator(".overall-score, [data-testid=overall-score]").first().textContent()).trim();
  const legal = await page.textContent("[data-testid=diagnostic-status] [data-testid=status-legal]");
  assert.match(legal, /^\d+ obligations? légales? sous le minimum : /);

  await page.goto(`${app.server.url}outils/#/projection`);
  await page.waitForSelector("[data-testid=slide] svg");
  await page.keyboard.press("End");
  const qr = page.locator("[data-testid=share-qr]");
  await qr.locator("svg path").waitFor();
  const link = await qr.getAttribute("data-link");
  assert.ok(link.startsWith(`${app.server.url}outils/#/partage?`), link);
  assert.ok(link.length < 2000, `${link.length} characters`);
  // Also a link, to copy into the minutes.
  assert.equal(await qr.locator("figcaption a").getAttribute("href"), link);
  assert.ok(!link.includes("Marie") && !/note/i.test(link), "no respondent or note in the link");
  // The code and its caption fit the 720p slide.
  const box = await qr.boundingBox();
  assert.ok(box.y + box.height <= 720, `the QR code ends at ${box.y + box.height}px`);
  await page.screenshot({ path: path.join(resultsDir(), "projector-qr-1280x720.png") });
  await assertClean(page);
  await context.close();

  // A participant's phone: nothing stored there before or after.
  const phone = await app.browser.isolated({ viewport: { width: 375, height: 812 } });
  const shared = await openPage(phone, app.server.url);
  await shared.goto(link);
  await shared.locator("[data-testid=shared] [data-testid=radar-chart] svg").waitFor();
  assert.match(await shared.locator("h1").textContent(), /^Résultats partagés — Ham-sur-Heure-Nalinnes$/);
  assert.equal((await shared.locator(".overall-score, [data-testid=overall-score]").first().textContent()).trim(), overall);
  assert.deepEqual(await shared.locator("[data-testid=shared-scores] tbody tr td:first-of-type").allTextContents(), scores);
  // The duties below their minimum, named as on the results: the room heard them.
  await expectText(shared, "[data-testid=shared] [data-testid=status-legal]", legal);
  const stored = await shared.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("autodiag.assessment.")));
  assert.deepEqual(stored, [], "the shared results are not stored on the phone");
  await shared.screenshot({ path: path.join(resultsDir(), "shared-375.png"), fullPage: true });
  await assertClean(shared);

  // A damaged link says so in words.
  await shared.goto(link.replace(/&r=\d/, "&r=9"));
  await shared.reload();
  await shared.locator("[data-testid=shared-error]").waitFor();
  assert.match(await shared.locator("[data-testid=shared-error]").textContent(), /incomplet ou abîmé/);
  await phone.close();
});
