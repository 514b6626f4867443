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
  // The programme's frame, not « le numérique »: most questions are about how policies are run.
  assert.equal(await page.textContent("main h1"), "Où en est votre commune comme territoire intelligent\u00a0?");
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

test("the tools page reuses the questionnaire's stylesheet and question texts instead of copies", async () => {
  const page = await openPage(app.browser, app.server.url);
  const fetched = [];
  page.on("response", (response) => {
    const file = new URL(response.url()).pathname;
    if (/\.(css|json)$/.test(file)) fetched.push([file, response.status()]);
  });
  await page.goto(`${app.server.url}outils/#/territoire`);
  await ready(page);
  const shared = fetched.filter(([file]) => /^\/main-[0-9a-f]+\.css$/.test(file));
  assert.equal(shared.length, 1, `main.css fetched once, from the root: ${JSON.stringify(fetched)}`);
  assert.equal(shared[0][1], 200);
  assert.deepEqual(fetched.filter(([file]) => file.startsWith("/outils/main-")), []);
  // A rule of main.css applies to the tools page.
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).margin), "0px");
  // The question texts come from the questionnaire's file, asked for once (the loader's
  // preload and the app's fetch share it), and the screen shows once they are there.
  const questions = fetched.filter(([file]) => file.includes("questions."));
  assert.equal(questions.length, 1, JSON.stringify(fetched));
  assert.match(questions[0][0], /^\/questions\.fr\.[0-9a-f]+\.json$/);
  assert.equal(questions[0][1], 200);
  assert.equal(await page.locator("[data-testid=loading-questions]").count(), 0);
  await assertClean(page);
});
