// Foundation: the release build in dist/ loads in Chromium and renders, with no error.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { useApp, openPage, assertClean, ready, resultsDir } from "../lib/harness.mjs";

const app = useApp();

test("the release build renders the home page in French with no error", async () => {
  const page = await openPage(app.browser, app.server.url);
  await page.goto(app.server.url);
  await ready(page);
  assert.equal(await page.getAttribute("html", "lang"), "fr");
  const title = await page.textContent("main h1");
  assert.match(title, /commune/);
  assert.match(await page.title(), /Autodiag/);
  assert.ok((await page.textContent("body")).includes("Mobilité"));
  await page.screenshot({ path: path.join(resultsDir(), "home-1280.png"), fullPage: true });
  await assertClean(page);
});

test("every screen's address opens directly from a static server", async () => {
  const page = await openPage(app.browser, app.server.url);
  for (const hash of ["#/evaluations", "#/territoire", "#/profil", "#/pilier/mobilite", "#/resultats"]) {
    await page.goto(`${app.server.url}${hash}`);
    await ready(page);
  }
  await page.goto(`${app.server.url}#/nulle-part`);
  await ready(page);
  assert.match(await page.textContent("main h1"), /n'existe pas/);
  await assertClean(page);
});

test("the tools page reuses the questionnaire's stylesheet instead of downloading a copy", async () => {
  const page = await openPage(app.browser, app.server.url);
  const styles = [];
  page.on("response", (response) => {
    if (response.url().endsWith(".css")) styles.push([new URL(response.url()).pathname, response.status()]);
  });
  await page.goto(`${app.server.url}outils/#/territoire`);
  await ready(page);
  const shared = styles.filter(([file]) => /^\/main-[0-9a-f]+\.css$/.test(file));
  assert.equal(shared.length, 1, `main.css fetched once, from the root: ${JSON.stringify(styles)}`);
  assert.equal(shared[0][1], 200);
  assert.deepEqual(styles.filter(([file]) => file.startsWith("/outils/main-")), []);
  // A rule of main.css applies to the tools page.
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).margin), "0px");
  await assertClean(page);
});
