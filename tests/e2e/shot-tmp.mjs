import { chromium } from "playwright-core";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox","--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
const errors = [];
page.on("pageerror", (e) => errors.push(e.message));
await page.goto("http://localhost:8765/");
const answers = {};
for (const q of ["eco_marches_publicite","sc_accessibilite_web","gou_pilotage","mob_pcm","eco_connectivite"]) answers[q] = { choice: 3 };
await page.evaluate((answers) => {
  const a = { id: "t1", profile: { commune: "Thuin", date: "2026-11-02" }, answers, pillars: {}, created_at: "2026-11-02T09:00:00.000Z", updated_at: "2026-11-02T09:30:00.000Z", changes_since_download: 0, revision: 1 };
  localStorage.setItem("autodiag.assessment.t1", JSON.stringify({ storage_version: 1, assessment: a }));
  localStorage.setItem("autodiag.current", "t1");
}, answers);
await page.reload();
await page.waitForTimeout(1500);
await page.click("text=continuer le diagnostic"); await page.waitForTimeout(1200); await page.screenshot({ path: "/tmp/q-back.png", fullPage: false });
console.log(errors);
await browser.close();
