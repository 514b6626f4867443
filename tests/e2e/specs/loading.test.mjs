// How the release build's wasm reaches the page: compressed in dist/ (static/unpack-wasm.js),
// asked for once, unpacked by the loader, and said in words when a browser cannot start it.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import http from "node:http";
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

/** Serves dist/ like Apache with `AddEncoding gzip .gz`: each .gz file labelled
 * `Content-Encoding: gzip`, which the browser decodes before the page sees the bytes. */
async function serveLabellingGzip() {
  const server = http.createServer((request, response) => {
    let file = path.join(DIST, decodeURIComponent(new URL(request.url, "http://localhost").pathname));
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!file.startsWith(DIST) || !fs.existsSync(file)) return response.writeHead(404).end();
    const headers = { "cache-control": "no-cache" };
    if (file.endsWith(".gz")) headers["content-encoding"] = "gzip";
    else if (file.endsWith(".js")) headers["content-type"] = "text/javascript";
    else if (file.endsWith(".html")) headers["content-type"] = "text/html; charset=utf-8";
    else if (file.endsWith(".css")) headers["content-type"] = "text/css";
    requested.push(new URL(request.url, "http://localhost").pathname);
    response.writeHead(200, headers).end(fs.readFileSync(file));
  });
  const requested = [];
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, requested, close: () => new Promise((resolve) => server.close(resolve)) };
}

test("a server that labels the .gz Content-Encoding: gzip hands the page plain wasm, which starts too", async () => {
  const server = await serveLabellingGzip();
  // No service worker: the file must come from this server, not from a worker's cache.
  const context = await app.browser.isolated({ serviceWorkers: "block" });
  const page = await openPage(context, server.url);
  for (const address of ["", "outils/#/territoire"]) {
    await page.goto(`${server.url}${address}`);
    await ready(page);
  }
  assert.equal(server.requested.filter((file) => file.endsWith("_bg.wasm.gz")).length, 2, JSON.stringify(server.requested));
  assert.equal(await page.locator("[data-testid=boot-error]").count(), 0);
  await assertClean(page);
  await context.close();
  await server.close();
});

test("the app's own crash (a trap) is left to the crash banner: no start-up notice", async () => {
  const context = await app.browser.isolated({ serviceWorkers: "block" });
  await context.addInitScript(() => {
    WebAssembly.instantiateStreaming = () => Promise.reject(new WebAssembly.RuntimeError("unreachable"));
  });
  const page = await openPage(context, app.server.url);
  const trapped = page.waitForEvent("pageerror");
  await page.goto(app.server.url);
  // The loader rethrows the trap after deciding whether to show its notice.
  assert.match((await trapped).message, /unreachable/);
  assert.equal(await page.locator("[data-testid=boot-error]").count(), 0);
  await context.close();
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
  // Read aloud in English although the page is marked French.
  assert.equal(await notice.locator("p").getAttribute("lang"), "en");
  assert.match(await notice.textContent(), /^Autodiag could not start\. Reload the page; if nothing changes, open it in an up-to-date browser \(Edge, Chrome, Firefox or Safari\)\. Your saved answers stay in this browser\.$/);
  // The notice uses main.css's warning style: it is readable, not raw text.
  assert.notEqual(await notice.evaluate((element) => getComputedStyle(element).backgroundColor), "rgba(0, 0, 0, 0)");
  await context.close();
});
