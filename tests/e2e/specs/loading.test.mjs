// How the release build's wasm reaches the page: compressed in dist/ (static/unpack-wasm.js),
// asked for once, unpacked by the loader, and said in words when a browser cannot start it.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { useApp, openPage, assertClean, ready, DIST } from "../lib/harness.mjs";

const app = useApp();

function wasmRequests(page) {
  const requested = [];
  page.on("request", (request) => {
    const file = new URL(request.url()).pathname;
    if (file.includes("_bg.wasm")) requested.push(file);
  });
  return requested;
}

for (const [bundle, address] of [["questionnaire's", ""], ["tools'", "outils/#/territoire"]]) {
  test(`the ${bundle} wasm travels compressed, is asked for once and starts the app`, async () => {
    const page = await openPage(app.browser, app.server.url);
    const requested = wasmRequests(page);
    const responded = page.waitForResponse((response) => response.url().includes("_bg.wasm"));
    await page.goto(`${app.server.url}${address}`);
    await ready(page);
    // The loader's fetch takes the page's preload: one request, for the .gz.
    assert.equal(requested.length, 1, JSON.stringify(requested));
    assert.match(requested[0], /_bg\.wasm\.gz$/);
    const body = await (await responded).body();
    assert.deepEqual([...body.subarray(0, 2)], [0x1f, 0x8b], "the bytes on the wire are gzip");
    await assertClean(page);
  });
}

test("a server that decodes the .gz itself (Content-Encoding: gzip) hands over plain wasm, which starts too", async () => {
  const page = await openPage(app.browser, app.server.url);
  await page.route(/_bg\.wasm\.gz$/, async (route) => {
    const file = path.join(DIST, decodeURIComponent(new URL(route.request().url()).pathname));
    await route.fulfill({ status: 200, contentType: "application/gzip", body: zlib.gunzipSync(fs.readFileSync(file)) });
  });
  await page.goto(app.server.url);
  await ready(page);
  assert.match(await page.textContent("main h1"), /commune/);
  await assertClean(page);
});

test("a browser that cannot unpack the wasm says so in the user's language instead of a blank page", async () => {
  const context = await app.browser.isolated();
  // Browsers before 2023 (Chrome 80, Firefox 113, Safari 16.4) have no DecompressionStream.
  await context.addInitScript(() => delete window.DecompressionStream);
  const page = await openPage(context, app.server.url);
  await page.goto(app.server.url);
  const notice = page.locator("[data-testid=boot-error]");
  await notice.waitFor();
  assert.equal(await notice.getAttribute("role"), "alert");
  assert.match(await notice.textContent(), /^Autodiag n'a pas pu démarrer\. Rechargez la page ; si rien ne change, ouvrez-le dans un navigateur à jour \(Edge, Chrome, Firefox ou Safari\)\. Vos réponses enregistrées restent dans ce navigateur\.$/);
  assert.equal(await page.locator("main").count(), 0);

  // An English user, on the tools page.
  await page.evaluate(() => localStorage.setItem("autodiag.lang", "en"));
  await page.goto(`${app.server.url}outils/#/territoire`);
  await notice.waitFor();
  assert.match(await notice.textContent(), /^Autodiag could not start\. Reload the page; if nothing changes, open it in an up-to-date browser \(Edge, Chrome, Firefox or Safari\)\. Your saved answers stay in this browser\.$/);
  // The notice uses main.css's warning style: it is readable, not raw text.
  assert.notEqual(await notice.evaluate((element) => getComputedStyle(element).backgroundColor), "rgba(0, 0, 0, 0)");
  await context.close();
});
