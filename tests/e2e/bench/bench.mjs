// Autodiag benchmarks: first-load transfer, time to interactive against a static floor,
// interaction latency (also on a 4× slower CPU), the territory view with 600 summaries and the
// memory after a whole assessment. Everything runs in Debian's headless Chromium on dist/
// served from 127.0.0.1.
//
//   node bench/bench.mjs OUT.md     (from tests/e2e; AUTODIAG_DIST and CHROMIUM as in harness.mjs)
//
// The report goes to OUT.md and to stdout. A figure over its budget is reported as "miss" and
// never fails the run: the exit status is non-zero only when the app itself is broken (a
// measure of the questionnaire could not be taken at all, or answers were not recorded). The "## History" section of an
// existing OUT.md is kept, and one dated line of headline figures is appended to it.
//
// Optional knobs, for quick runs while developing: BENCH_RUNS (cold loads per series, 20),
// BENCH_CLICKS (clicks per interaction series, 200), BENCH_TERRITORY_RUNS (5).
import { chromium } from "playwright-core";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";

/** Bytes after `gzip -9`: the same compressor as `make size`, whose budgets this run reports
 * (Node's zlib at level 9 differs from it by a few tenths of a percent on the wasm files). */
function gzipSize(bytes) {
  return execFileSync("gzip", ["-9", "-c"], { input: bytes, maxBuffer: 64 * 1024 * 1024 }).length;
}
import { serve, DIST, CHROMIUM_ARGS, PILLARS } from "../lib/harness.mjs";
import { scratchDir } from "../lib/scratch.mjs";

const OUT = path.resolve(process.argv[2] ?? "BENCHMARKS.md");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 20));
const CLICKS = Math.max(10, Number(process.env.BENCH_CLICKS ?? 200));
const TERRITORY_RUNS = Math.max(1, Number(process.env.BENCH_TERRITORY_RUNS ?? 5));
const TERRITORY_SIZE = 600;
const THROTTLE = 4;

// Budgets and targets.
const SIZE_BUDGET = 180_000; // bytes, gzip -9, as `make size-check` (Makefile)
const RATIO_TARGET = 2; // time to interactive ÷ static floor
const INTERACTION_BUDGET = 16; // ms, p95
const INTERACTION_TARGET = 8; // ms, p95
const TERRITORY_BUDGET = 1000; // ms, median

// The goals of issue #16, shown side by side in the summary table.
const DIST_BUDGET = 719_200; // bytes, gzip -9, the whole dist/, as `make size-check`
const DIST_TARGET = 400_000;
const FIRST_LOAD_TARGET = 150_000;
const TOOLS_TARGET = 200_000; // bytes, gzip -9, outils/ alone
const SLOW_INTERACTION_TARGET = 12; // ms, p95 with the CPU slowed 4×
const TERRITORY_TARGET = 400; // ms, median

const TTI_MARK = "autodiag:choices-rendered";
const TERRITORY_MARK = "autodiag:territory-drawn";
const TERRITORY_COMPLETE_MARK = "autodiag:territory-complete";
const FIRST_PILLAR = PILLARS[0];

const log = (...args) => console.error("[bench]", ...args);

// ---------------------------------------------------------------------------------------
// Statistics and formatting

function sorted(values) {
  return [...values].sort((a, b) => a - b);
}
function median(values) {
  const s = sorted(values);
  if (!s.length) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
/** Nearest-rank percentile. */
function percentile(values, q) {
  const s = sorted(values);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
function stats(values) {
  return { n: values.length, median: median(values), min: Math.min(...values), max: Math.max(...values), p90: percentile(values, 0.9), p95: percentile(values, 0.95) };
}
const ms = (v, digits = v < 20 ? 1 : 0) => (Number.isFinite(v) ? `${v.toFixed(digits)} ms` : "—");
const bytes = (v) => (Number.isFinite(v) ? v.toLocaleString("en-US").replace(/,/g, " ") : "—");
const kb = (v) => `${(v / 1000).toFixed(1)} kB`;
const mib = (v) => (Number.isFinite(v) ? `${(v / 1024 / 1024).toFixed(1)} MiB` : "—");
/** "pass" within the budget, "miss" over it; the target is noted when there is one. */
function verdict(value, budget, target) {
  if (!Number.isFinite(value)) return "n/a";
  if (budget !== undefined && value > budget) return "miss";
  if (target !== undefined) return value <= target ? "pass (target met)" : budget === undefined ? "miss" : "pass (over target)";
  return "pass";
}
function table(header, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
/** A small seeded PRNG (mulberry32), so the generated summaries are the same on every run. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------
// Browser and pages

const STORED = JSON.stringify({
  storage_version: 1,
  assessment: {
    id: "bench",
    profile: { commune: "Bench" },
    answers: {},
    pillars: {},
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    changes_since_download: 0,
    revision: 1,
  },
});

let browser;

/** A fresh browser context: empty HTTP cache, storage and service workers. */
async function freshContext({ seed = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-BE" });
  // Keeps the wasm exports (and so its memory) reachable for the memory measure.
  await context.addInitScript(() => {
    addEventListener("TrunkApplicationStarted", (event) => (window.__benchWasm = event.detail?.wasm));
  });
  if (seed) {
    await context.addInitScript((record) => {
      localStorage.setItem("autodiag.assessment.bench", record);
      localStorage.setItem("autodiag.current", "bench");
    }, STORED);
  }
  return context;
}

/** A page of a fresh context, with its CDP session and the errors it logs. */
async function freshPage(options = {}) {
  const context = await freshContext(options);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  page.errors = [];
  page.on("pageerror", (error) => page.errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") page.errors.push(`console: ${message.text()}`);
  });
  if (options.throttle) await cdp.send("Emulation.setCPUThrottlingRate", { rate: options.throttle });
  return { context, page, cdp };
}

async function markTime(page, name, timeout = 30_000) {
  await page.waitForFunction((n) => performance.getEntriesByName(n, "mark").length > 0, name, { timeout, polling: 50 });
  return page.evaluate((n) => performance.getEntriesByName(n, "mark")[0].startTime, name);
}

// ---------------------------------------------------------------------------------------
// 1. First-load transfer

function distFile(url) {
  const { pathname } = new URL(url);
  let file = path.join(DIST, decodeURIComponent(pathname));
  if (!file.startsWith(DIST)) return null;
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
  return fs.existsSync(file) ? file : null;
}

async function firstLoad(server) {
  const { context, page, cdp } = await freshPage();
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const requests = [];
  let interactive = false;
  page.on("request", (request) => {
    if (!interactive) requests.push(request);
  });
  await page.goto(server.url);
  await page.waitForSelector("main#main h1", { timeout: 20_000 });
  interactive = true;
  const interactiveAt = await page.evaluate(() => performance.now());

  const rows = [];
  let excluded = 0;
  for (const request of requests) {
    const url = request.url();
    if (!url.startsWith(server.url)) continue;
    const response = await request.response();
    if (request.serviceWorker() || response?.fromServiceWorker()) {
      excluded++;
      continue;
    }
    const file = distFile(url);
    const raw = file ? fs.readFileSync(file) : await response?.body().catch(() => Buffer.alloc(0));
    rows.push({
      path: new URL(url).pathname,
      type: request.resourceType(),
      status: response?.status() ?? "failed",
      raw: raw?.length ?? 0,
      gzip: raw ? gzipSize(raw) : 0,
    });
  }

  // What the service worker then precaches in the background, not counted above.
  const precached = await page
    .evaluate(async () => {
      const registration = await Promise.race([navigator.serviceWorker.ready, new Promise((r) => setTimeout(r, 5000))]);
      if (!registration) return null;
      for (let i = 0; i < 50; i++) {
        const names = await caches.keys();
        let count = 0;
        for (const name of names) count += (await (await caches.open(name)).keys()).length;
        if (count && registration.active?.state === "activated") return count;
        await new Promise((r) => setTimeout(r, 100));
      }
      return null;
    })
    .catch(() => null);
  const errors = page.errors;
  await context.close();
  if (!rows.length) throw new Error("no request recorded on the first load");
  const worker = fs.existsSync(path.join(DIST, "sw.js")) ? gzipSize(fs.readFileSync(path.join(DIST, "sw.js"))) : null;
  return { rows, interactiveAt, excluded, precached, worker, errors, total: rows.reduce((s, r) => s + r.gzip, 0), rawTotal: rows.reduce((s, r) => s + r.raw, 0) };
}

// ---------------------------------------------------------------------------------------
// 2. Time to interactive, and 3. the static floor

/** Every file of dist/ compressed with gzip -9: the whole app, and the tools bundle alone. */
function distSizes() {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else files.push({ path: path.relative(DIST, file), gzip: gzipSize(fs.readFileSync(file)) });
    }
  };
  walk(DIST);
  const sum = (list) => list.reduce((total, f) => total + f.gzip, 0);
  const tools = files.filter((f) => f.path.startsWith(`outils${path.sep}`));
  return { files: files.length, total: sum(files), tools: sum(tools) };
}

async function ttiOnce(server, { throttle, keepText = false } = {}) {
  const { context, page } = await freshPage({ seed: true, throttle });
  await page.goto(`${server.url}#/pilier/${FIRST_PILLAR}`);
  const time = await markTime(page, TTI_MARK);
  const text = keepText ? await page.evaluate(() => document.querySelector("main")?.innerText ?? "") : null;
  const errors = page.errors;
  await context.close();
  return { time, text, errors };
}

async function tti(server, { throttle } = {}) {
  const first = await ttiOnce(server, { throttle }); // warm-up, not counted
  const times = [];
  const errors = [...first.errors];
  for (let i = 0; i < RUNS; i++) {
    const run = await ttiOnce(server, { throttle });
    times.push(run.time);
    errors.push(...run.errors);
  }
  return { ...stats(times), errors: [...new Set(errors)] };
}

function floorPage(text, cssName) {
  const paragraphs = text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join("\n");
  return `<!doctype html><html lang=fr><meta charset=utf-8><meta content="width=device-width,initial-scale=1" name=viewport><title>Floor</title><link href=./${cssName} rel=stylesheet></head><body><main id=main>
${paragraphs}
</main><script>requestAnimationFrame(()=>performance.mark("floor:rendered"))</script></body></html>`;
}

/** Serves the floor page for `text` from a temporary directory, with the app's stylesheet. */
async function floorSite(text) {
  const index = fs.readFileSync(path.join(DIST, "index.html"), "utf8");
  const cssName = index.match(/href=["']?\.?\/?(main-[^"' >]+\.css)/)?.[1] ?? fs.readdirSync(DIST).find((f) => f.endsWith(".css"));
  const dir = scratchDir("autodiag-floor-");
  fs.writeFileSync(path.join(dir, "index.html"), floorPage(text, cssName));
  fs.copyFileSync(path.join(DIST, cssName), path.join(dir, cssName));
  const server = await serve(dir);
  return {
    url: server.url,
    css: cssName,
    paragraphs: text.split(/\n+/).filter((p) => p.trim()).length,
    chars: text.length,
    close: async () => {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function floorOnce(site) {
  const { context, page } = await freshPage();
  await page.goto(site.url, { waitUntil: "load" });
  const rendered = await markTime(page, "floor:rendered");
  const load = await page.evaluate(() => performance.getEntriesByType("navigation")[0].loadEventEnd);
  await context.close();
  return { rendered, load };
}

/**
 * Sections 2 and 3 together: cold loads of the app and of the floor, alternated so that both
 * see the same conditions on a busy machine. The first load of each is a warm-up.
 */
async function ttiAndFloor(server) {
  const first = await ttiOnce(server, { keepText: true });
  const errors = [...first.errors];
  const times = [];
  let floor;
  try {
    const site = await floorSite(first.text);
    try {
      await floorOnce(site);
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        const run = await ttiOnce(server);
        times.push(run.time);
        errors.push(...run.errors);
        runs.push(await floorOnce(site));
      }
      floor = { rendered: stats(runs.map((r) => r.rendered)), load: stats(runs.map((r) => r.load)), paragraphs: site.paragraphs, chars: site.chars, css: site.css };
    } finally {
      await site.close();
    }
  } catch (error) {
    log(`3. floor: FAILED: ${error.stack ?? error}`);
    floor = { error: String(error.message ?? error).split("\n")[0] };
    while (times.length < RUNS) times.push((await ttiOnce(server)).time);
  }
  return { tti: { ...stats(times), errors: [...new Set(errors)] }, floor };
}

// ---------------------------------------------------------------------------------------
// 4. Interaction

/**
 * Runs in the page: clicks radios of the pillar's questions in turn (each question's level
 * cycles 1→5, so every click changes the pillar's score) and times each update.
 */
async function clickSeries({ clicks }) {
  const frame = () => new Promise(requestAnimationFrame);
  const chart = document.querySelector("[data-testid=live-chart]");
  const progress = document.querySelector("[data-testid=pillar-progress]") ?? document.querySelector(`[data-testid^=progress-]`);
  const fields = [...document.querySelectorAll("fieldset.question")];
  if (!chart || !progress || !fields.length) return { error: `missing: ${[!chart && "live chart", !progress && "progress", !fields.length && "questions"].filter(Boolean).join(", ")}` };
  // The frame interval of this page, to spot updates that made a frame late.
  let previous = await frame();
  const deltas = [];
  for (let i = 0; i < 20; i++) {
    const now = await frame();
    deltas.push(now - previous);
    previous = now;
  }
  deltas.sort((a, b) => a - b);
  const interval = deltas[deltas.length >> 1];

  const update = [];
  const toFrame = [];
  let lateFrames = 0;
  let timeouts = 0;
  for (let i = 0; i < clicks; i++) {
    const field = fields[i % fields.length];
    const level = (((i % fields.length) + Math.floor(i / fields.length)) % 5) + 1;
    const radios = field.querySelectorAll("input[type=radio]");
    const input = radios[level - 1];
    const progressChanges = !field.querySelector("input[type=radio]:checked");
    const frameStart = await frame();
    let chartDone = false;
    let progressDone = !progressChanges;
    let t0 = 0;
    const timedOut = await new Promise((resolve) => {
      const timer = setTimeout(() => {
        observer.disconnect();
        resolve(true);
      }, 2000);
      const observer = new MutationObserver((records) => {
        for (const record of records) {
          if (chart.contains(record.target)) chartDone = true;
          if (progress.contains(record.target)) progressDone = true;
        }
        if (chartDone && progressDone) {
          observer.disconnect();
          clearTimeout(timer);
          resolve(false);
        }
      });
      const options = { subtree: true, childList: true, characterData: true, attributes: true };
      observer.observe(chart, options);
      observer.observe(progress, options);
      t0 = performance.now();
      input.click();
    });
    if (timedOut) {
      timeouts++;
      continue;
    }
    // Style and layout of the updated page, forced now rather than left to the next frame.
    chart.getBoundingClientRect();
    const updated = performance.now();
    const nextFrame = await frame();
    const framed = performance.now();
    update.push(updated - t0);
    toFrame.push(framed - t0);
    if (nextFrame - frameStart > interval * 1.5) lateFrames++;
    // Let the storage write and any other follow-up run before the next click.
    await new Promise((r) => setTimeout(r, 0));
  }
  return { update, toFrame, lateFrames, timeouts, interval, questions: fields.length };
}

async function interaction(server, { throttle } = {}) {
  const { context, page } = await freshPage({ seed: true, throttle });
  await page.goto(`${server.url}#/pilier/${FIRST_PILLAR}`);
  await markTime(page, TTI_MARK);
  const result = await page.evaluate(clickSeries, { clicks: CLICKS });
  const errors = page.errors;
  await context.close();
  if (result.error) throw new Error(result.error);
  if (!result.update.length) throw new Error(`no click updated the live chart and the progress (${result.timeouts} timeouts)`);
  return { ...result, update: stats(result.update), toFrame: stats(result.toFrame), clicks: CLICKS, errors };
}

// ---------------------------------------------------------------------------------------
// 6. Territory view

function exampleTemplate() {
  const dir = path.resolve(DIST, "..", "examples");
  const candidates = [dir, path.resolve("../../examples")];
  for (const d of candidates) {
    if (!fs.existsSync(d)) continue;
    const file = fs.readdirSync(d).filter((f) => f.endsWith(".json")).sort()[0];
    if (file) return { file: path.join(d, file), summary: JSON.parse(fs.readFileSync(path.join(d, file), "utf8")) };
  }
  throw new Error("no example summary in examples/*.json");
}

function generateSummaries(count) {
  const { file, summary } = exampleTemplate();
  const random = prng(20260101);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const codes = new Set();
  while (codes.size < count) codes.add(String(10000 + Math.floor(random() * 90000)));
  const nisCodes = [...codes];
  const dir = scratchDir("autodiag-territory-");
  const files = [];
  const choices = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, "unknown", "not_applicable"];
  for (let i = 0; i < count; i++) {
    const s = structuredClone(summary);
    const number = String(i + 1).padStart(3, "0");
    const day = new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 700) * 86_400_000).toISOString().slice(0, 10);
    s.profile.commune = `Commune ${number}`;
    s.profile.nis_code = nisCodes[i];
    s.profile.date = day;
    s.generated_at = `${day}T${String(8 + Math.floor(random() * 10)).padStart(2, "0")}:00:00.000Z`;
    for (const answer of s.answers) answer.level = pick(choices);
    const name = path.join(dir, `commune-${number}-${day}.json`);
    fs.writeFileSync(name, JSON.stringify(s, null, 2));
    files.push(name);
  }
  return { dir, files, template: path.basename(file) };
}

async function territory(server) {
  const url = `${server.url}outils/#/territoire`;
  const probe = await freshPage();
  await probe.page.goto(url);
  // The tools bundle draws its shell first; the page's own content follows within a frame or two.
  await probe.page.waitForSelector("main#main", { timeout: 20_000, state: "attached" }).catch(() => null);
  const input = await probe.page.waitForSelector("[data-testid=territory-input]", { timeout: 5_000, state: "attached" }).catch(() => null);
  const shown = input ? "" : await probe.page.evaluate(() => (document.querySelector("main") ?? document.body)?.innerText?.trim().slice(0, 80) ?? "");
  await probe.context.close();
  if (!input) return { available: false, reason: `\`outils/#/territoire\` has no \`[data-testid=territory-input]\` yet (page shows “${shown.replace(/\s+/g, " ")}”)` };

  const generated = generateSummaries(TERRITORY_SIZE);
  const times = [];
  const withHandoff = [];
  const complete = [];
  let source = "";
  const notes = [];
  try {
    for (let i = 0; i < TERRITORY_RUNS; i++) {
      const { context, page } = await freshPage();
      await page.goto(url);
      await page.waitForSelector("[data-testid=territory-input]", { state: "attached", timeout: 15_000 });
      // "files-given" is when the page receives the files (the input's first "input" or
      // "change" event, caught before the app's own listeners), as after a file dialog;
      // "handoff" is just before Playwright starts handing the 600 files over.
      await page.evaluate(() => {
        const given = () => {
          if (!performance.getEntriesByName("autodiag:files-given", "mark").length) performance.mark("autodiag:files-given");
        };
        addEventListener("input", given, { capture: true });
        addEventListener("change", given, { capture: true });
        performance.mark("autodiag:bench-handoff");
      });
      await page.setInputFiles("[data-testid=territory-input]", generated.files);
      const ok = await page
        .waitForFunction(
          (n) => {
            if (document.querySelectorAll("[data-testid=heatmap] tbody tr").length === n) {
              window.__benchDrawn ??= performance.now();
              return true;
            }
            return false;
          },
          TERRITORY_SIZE,
          { timeout: 60_000, polling: "raf" },
        )
        .then(() => true)
        .catch(() => false);
      // The sections below the heatmap follow it; the report is whole once they are drawn.
      if (ok) await page.waitForFunction((mark) => performance.getEntriesByName(mark, "mark").length, TERRITORY_COMPLETE_MARK, { timeout: 60_000 }).catch(() => null);
      const result = await page.evaluate(([mark, completeMark]) => {
        const handoff = performance.getEntriesByName("autodiag:bench-handoff", "mark")[0].startTime;
        const given = performance.getEntriesByName("autodiag:files-given", "mark")[0]?.startTime ?? handoff;
        const drawn = performance.getEntriesByName(mark, "mark").at(-1)?.startTime;
        const complete = performance.getEntriesByName(completeMark, "mark").at(-1)?.startTime;
        return { handoff, given, drawn, complete, rows: document.querySelectorAll("[data-testid=heatmap] tbody tr").length, polled: window.__benchDrawn };
      }, [TERRITORY_MARK, TERRITORY_COMPLETE_MARK]);
      await context.close();
      if (!ok) {
        notes.push(`run ${i + 1}: heatmap shows ${result.rows} rows, not ${TERRITORY_SIZE}, after 60 s`);
        continue;
      }
      const end = Number.isFinite(result.drawn) && result.drawn >= result.given ? result.drawn : result.polled;
      source = end === result.drawn ? `performance mark \`${TERRITORY_MARK}\`` : `first frame with ${TERRITORY_SIZE} heatmap rows (polled every frame)`;
      times.push(end - result.given);
      withHandoff.push(end - result.handoff);
      if (Number.isFinite(result.complete)) complete.push(result.complete - result.given);
      else notes.push(`run ${i + 1}: no mark \`${TERRITORY_COMPLETE_MARK}\` within 60 s`);
    }
  } finally {
    fs.rmSync(generated.dir, { recursive: true, force: true });
  }
  if (!times.length) return { available: false, reason: notes.join("; ") };
  return { available: true, ...stats(times), handoff: stats(withHandoff), complete: complete.length ? stats(complete) : null, source, notes, template: generated.template };
}

// ---------------------------------------------------------------------------------------
// 7. Memory after a whole assessment

async function memory(server) {
  const { context, page, cdp } = await freshPage({ seed: true });
  await cdp.send("Performance.enable");
  await cdp.send("HeapProfiler.enable");
  const measure = async () => {
    await cdp.send("HeapProfiler.collectGarbage");
    const { metrics } = await cdp.send("Performance.getMetrics");
    const heap = metrics.find((m) => m.name === "JSHeapUsedSize")?.value;
    const wasm = await page.evaluate(() => window.__benchWasm?.memory?.buffer?.byteLength ?? null);
    return { heap, wasm };
  };
  const newQuestions = (old) =>
    page.waitForFunction(
      (previous) => {
        const fields = [...document.querySelectorAll("fieldset.question")];
        return fields.length > 0 && !previous.includes(fields[0].id);
      },
      old,
      { timeout: 20_000 },
    );
  const answer = async (pillar) => {
    const questions = await page.$$eval("fieldset.question", (fields) => fields.map((f) => f.id));
    for (const [i, question] of questions.entries()) {
      await page.click(`fieldset.question#${question} input[type=radio] >> nth=${i % 5}`);
    }
    const done = await page
      .waitForFunction(([sel, n]) => document.querySelector(sel)?.textContent?.trim() === `${n} / ${n}`, [`[data-testid=progress-${pillar}]`, questions.length], { timeout: 3_000 })
      .then(() => true)
      .catch(() => false);
    return { questions, done };
  };
  let previous = [];
  let answered = 0;
  let before = null;
  const problems = [];
  for (const [index, pillar] of PILLARS.entries()) {
    // As a user would: the first pillar by its address, the next ones by the pager's link.
    if (index === 0) await page.goto(`${server.url}#/pilier/${pillar}`);
    else await page.click("[data-testid=next-pillar]");
    await newQuestions(previous);
    if (!before) before = await measure();
    let { questions, done } = await answer(pillar);
    if (!done) {
      // Answers not recorded after an in-app navigation: try again on a freshly loaded page.
      problems.push(pillar);
      await page.reload();
      await newQuestions([]);
      ({ questions, done } = await answer(pillar));
      if (!done) throw new Error(`the answers to ${pillar} are not recorded, even after a reload`);
    }
    answered += questions.length;
    previous = questions;
  }
  await page.waitForTimeout(500); // let the last save settle
  const after = await measure();
  const errors = page.errors;
  await context.close();
  return { answered, before, after, errors, problems };
}

// ---------------------------------------------------------------------------------------
// Machine

function machine(version) {
  const cpuinfo = fs.existsSync("/proc/cpuinfo") ? fs.readFileSync("/proc/cpuinfo", "utf8") : "";
  const model = cpuinfo.match(/^model name\s*:\s*(.+)$/m)?.[1]?.trim() ?? os.cpus()[0]?.model ?? "unknown";
  let commit = "";
  try {
    commit = execFileSync("git", ["-C", path.resolve(DIST, ".."), "rev-parse", "--short", "HEAD"], { stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
  } catch {}
  return { model, cores: os.cpus().length, memory: os.totalmem(), load: os.loadavg(), browser: version, node: process.version, os: `${os.type()} ${os.release()}`, commit };
}

// ---------------------------------------------------------------------------------------
// Report

function section(title, body) {
  return `## ${title}\n\n${body.trim()}\n`;
}
function failed(result) {
  return `Not measured: ${result.error}`;
}
function errorsNote(errors) {
  return errors?.length ? `\n\nThe page logged errors during the runs: ${errors.slice(0, 5).map((e) => `\`${e.replace(/`/g, "'").slice(0, 160)}\``).join("; ")}` : "";
}

function report(info, date, r) {
  const parts = [];
  parts.push(`# Autodiag benchmarks

Measured ${date} by \`make bench\` (\`tests/e2e/bench/bench.mjs\`): the release build in \`dist/\` served from 127.0.0.1 by a plain static server (no compression, no HTTP cache), driven in headless Chromium. Timings on a shared machine vary from run to run; a figure over its budget is reported as “miss” and never fails the run.
`);
  parts.push(
    section(
      "Machine",
      table(
        ["", ""],
        [
          ["CPU", info.model],
          ["Cores", String(info.cores)],
          ["Memory", `${(info.memory / 1024 ** 3).toFixed(1)} GiB`],
          ["Load average at start (1, 5, 15 min)", info.load.map((x) => x.toFixed(2)).join(", ")],
          ["Browser", `Chromium ${info.browser} (headless)`],
          ["Node", info.node],
          ["System", info.os],
          ...(info.commit ? [["Commit", `\`${info.commit}\``]] : []),
          ["Date", date],
        ],
      ),
    ),
  );

  // 1
  if (r.load.error) parts.push(section("1. First-load transfer", failed(r.load)));
  else {
    const l = r.load;
    const rows = l.rows.map((row) => [`\`${row.path}\``, row.type, String(row.status), bytes(row.raw), bytes(row.gzip)]);
    rows.push(["**Total**", "", "", `**${bytes(l.rawTotal)}**`, `**${bytes(l.total)}**`]);
    parts.push(
      section(
        "1. First-load transfer",
        `A cold load of \`/\` (fresh context, cache disabled through CDP \`Network.setCacheDisabled\`), until the home page's heading is drawn (${ms(l.interactiveAt)} on this run). Each file the page requested is listed with its size in \`dist/\` and that file compressed with gzip -9 (the bench server sends files uncompressed; a production server would compress them). The wasm is in \`dist/\` already compressed by zopfli (\`_bg.wasm.gz\`, unpacked by the loader), so its two columns differ only by gzip's framing. Only requests made by the page itself before that point count: the service worker registers on the first load and then precaches the shell in the background${l.precached ? ` (${l.precached} entries in its cache)` : ""}; its requests${l.excluded ? ` and ${l.excluded} response(s) it served` : ""} are left out, and so is \`sw.js\` itself${l.worker ? ` (${bytes(l.worker)} B gzipped)` : ""}, which the browser fetches to register the worker.

${table(["File", "Type", "Status", "Bytes", "gzip -9"], rows)}

${table(["Measure", "Value", "Budget", "Result"], [["First-load total, gzip -9", `${bytes(l.total)} B (${kb(l.total)})`, `≤ ${bytes(SIZE_BUDGET)} B`, verdict(l.total, SIZE_BUDGET)]])}${errorsNote(l.errors)}`,
      ),
    );
  }

  // 2 + 3
  const ttiRows = (label, s) => [label, ms(s.median), ms(s.min), ms(s.p90), ms(s.max), String(s.n)];
  if (r.tti.error) parts.push(section("2. Time to interactive", failed(r.tti)));
  else {
    parts.push(
      section(
        "2. Time to interactive",
        `From navigation start to the mark \`${TTI_MARK}\`, which the app sets in the first animation frame after the first pillar's choices are in the page. Each load is cold (a fresh browser context: empty HTTP cache, no service worker) and opens \`/#/pilier/${FIRST_PILLAR}\` with one assessment already in local storage. The questionnaire fetches \`questions.fr.json\` when it first shows a pillar, so the figure includes that request. One warm-up load is not counted.

${table(["Load", "Median", "Min", "p90", "Max", "Runs"], [ttiRows(`\`/#/pilier/${FIRST_PILLAR}\``, r.tti)])}${errorsNote(r.tti.errors)}`,
      ),
    );
  }
  if (r.floor.error || r.tti.error) parts.push(section("3. The floor", failed(r.floor.error ? r.floor : r.tti)));
  else {
    const ratio = r.tti.median / r.floor.rendered.median;
    r.ratio = ratio;
    parts.push(
      section(
        "3. The floor",
        `The least any page could do: a static HTML page with the same visible text as the first pillar page (\`main\`'s text, ${r.floor.paragraphs} paragraphs, ${bytes(r.floor.chars)} characters) and the same stylesheet (\`${r.floor.css}\`), served the same way, with no script but an inline one that sets a mark in its first animation frame, as the app does. Cold loads in fresh contexts, alternating with the app's loads of section 2 so that both meet the same conditions; one warm-up not counted. The ratio compares the app's mark with the floor's first frame.

${table(["Page", "Median", "Min", "p90", "Max", "Runs"], [ttiRows("Floor, to its first frame", r.floor.rendered), ttiRows("Floor, to its \`load\` event", r.floor.load), ttiRows("Autodiag, to its choices", r.tti)])}

${table(["Measure", "Value", "Target", "Result"], [["Time to interactive ÷ floor (medians)", `${ratio.toFixed(2)}×`, `≤ ${RATIO_TARGET}×`, verdict(ratio, undefined, RATIO_TARGET)]])}`,
      ),
    );
  }

  // 4 + 5
  // Each row with its own target: the slowed CPU has a looser one (the summary table's).
  const interactionTable = (results) =>
    table(
      ["CPU", "Clicks", "Median", "p95", "Max", "To next frame: median / p95", "Late frames", "Budget p95", "Target p95", "Result"],
      results.map(([label, x, target]) =>
        x.error
          ? [label, "—", "—", "—", "—", "—", "—", `≤ ${INTERACTION_BUDGET} ms`, `≤ ${target} ms`, `not measured: ${x.error}`]
          : [label, String(x.update.n), ms(x.update.median), ms(x.update.p95), ms(x.update.max), `${ms(x.toFrame.median)} / ${ms(x.toFrame.p95)}`, `${x.lateFrames} / ${x.update.n}`, `≤ ${INTERACTION_BUDGET} ms`, `≤ ${target} ms`, verdict(x.update.p95, INTERACTION_BUDGET, target)],
      ),
    );
  const interactionNote = (x) => (x && !x.error ? `${x.timeouts ? `\n\n${x.timeouts} click(s) produced no update within 2 s and are left out.` : ""}${errorsNote(x.errors)}` : "");
  parts.push(
    section(
      "4. Interaction",
      `On the first pillar page (${r.interaction.questions ?? "its"} questions), ${CLICKS} clicks on radios: question after question, each question's level moving up one step at each round (5 wraps to 1) from a different start, so every click changes the pillar's score and the first click on each question also changes the progress counter. Measured in the page, from just before \`input.click()\` until the live chart (\`[data-testid=live-chart]\`) has mutated and, when the count changes, the progress counter (\`[data-testid=pillar-progress]\`) too (a \`MutationObserver\` on both), plus a forced style and layout of the result. That is the work the click costs before the browser can paint; the budget applies to it.

“To next frame” adds the wait for the next \`requestAnimationFrame\`: headless Chromium draws frames on a ${r.interaction.interval ? `${r.interaction.interval.toFixed(1)} ms` : "16.7 ms"} clock and each click is dispatched at the start of a frame, so that figure is about one frame interval whenever the update fits in a frame. “Late frames” counts clicks after which the next frame came more than 1.5 intervals after the frame the click started in.

${interactionTable([["Normal", r.interaction, INTERACTION_TARGET]])}${interactionNote(r.interaction)}`,
    ),
  );
  parts.push(
    section(
      `5. Old laptop (CPU slowed ${THROTTLE}×)`,
      `Sections 2 and 4 again with CDP \`Emulation.setCPUThrottlingRate { rate: ${THROTTLE} }\`.

${r.ttiSlow.error ? `Time to interactive not measured: ${r.ttiSlow.error}` : table(["Load", "Median", "Min", "p90", "Max", "Runs"], [ttiRows(`\`/#/pilier/${FIRST_PILLAR}\`, CPU ÷${THROTTLE}`, r.ttiSlow)])}

${interactionTable([[`÷${THROTTLE}`, r.interactionSlow, SLOW_INTERACTION_TARGET]])}${interactionNote(r.interactionSlow)}`,
    ),
  );

  // 6
  const t = r.territory;
  if (t.error) parts.push(section("6. Scale: territory view with 600 summaries", failed(t)));
  else if (!t.available) parts.push(section("6. Scale: territory view with 600 summaries", `Not available: ${t.reason}.`));
  else
    parts.push(
      section(
        "6. Scale: territory view with 600 summaries",
        `${TERRITORY_SIZE} summaries generated from \`examples/${t.template}\` with a seeded PRNG (commune “Commune 001”…, unique five-digit NIS codes, assessment dates across 2025–2026, each answer's level drawn from 1–5, “unknown” and “not_applicable”), given at once to \`outils/#/territoire\` through its file input (\`setInputFiles\`), in a fresh context each time. Measured in the page from the mark \`autodiag:files-given\`, set when the input's first \`input\`/\`change\` event reaches the window (capture phase, before the app's listeners: the moment a file dialog would hand the files over), to the ${t.source}. The second line starts instead just before Playwright begins handing the files over, which adds its own copying. The third ends at the mark \`${TERRITORY_COMPLETE_MARK}\`, set in the first task after the frame that lays out and paints the sections below the heatmap (spreads, priorities, legal duties, pooling, contacts, exports): until then the page does not respond.

${table(["Measure", "Median", "Min", "Max", "Runs", "Budget", "Target", "Result"], [[`${TERRITORY_SIZE} summaries → heatmap`, ms(t.median), ms(t.min), ms(t.max), String(t.n), `≤ ${TERRITORY_BUDGET} ms`, `≤ ${TERRITORY_TARGET} ms`, verdict(t.median, TERRITORY_BUDGET, TERRITORY_TARGET)], [`the same, from \`setInputFiles\``, ms(t.handoff.median), ms(t.handoff.min), ms(t.handoff.max), String(t.handoff.n), "", "", "for information"], ...(t.complete ? [[`${TERRITORY_SIZE} summaries → every section drawn`, ms(t.complete.median), ms(t.complete.min), ms(t.complete.max), String(t.complete.n), "", "", "for information"]] : [])])}${t.notes.length ? `\n\n${t.notes.join("; ")}.` : ""}`,
      ),
    );

  // 7
  const m = r.memory;
  if (m.error) parts.push(section("7. Memory", failed(m)));
  else
    parts.push(
      section(
        "7. Memory",
        `A whole assessment answered by clicking one radio per question on each of the six pillars (${m.answered} questions), going from one pillar to the next by the pager's link, then a garbage collection (CDP \`HeapProfiler.collectGarbage\`) and CDP \`Performance.getMetrics\`. The wasm linear memory is read from the module's exports (it only grows).

${table(["Measure", "First pillar shown", "Whole assessment answered"], [["JS heap used (\`JSHeapUsedSize\`)", mib(m.before.heap), mib(m.after.heap)], ["wasm memory", mib(m.before.wasm ?? NaN), mib(m.after.wasm ?? NaN)]])}${m.problems.length ? `\n\n**Problem:** on ${m.problems.map((p) => `\`${p}\``).join(", ")}, reached through the “next pillar” link, clicking the radios did not record the answers (the progress stayed at 0); each of those pages was reloaded and answered again, so the figure is for a page reloaded on the last pillar rather than one session.` : ""}${errorsNote(m.errors)}`,
      ),
    );
  // Summary against the goals
  const d = r.dist;
  const num = (x, g) => (x && !x.error ? g(x) : NaN);
  const firstLoad = num(r.load, (l) => l.total);
  const slowP95 = num(r.interactionSlow, (x) => x.update.p95);
  const territoryMedian = r.territory && !r.territory.error && r.territory.available ? r.territory.median : NaN;
  parts.splice(
    2,
    0,
    section(
      "Summary against the goals",
      `Every figure of this run next to its budget (\`make test\` fails over the first-load budget) and its target. The whole \`dist/\` is every file gzipped with level 9 (${d.files} files: both bundles, both languages' texts); the tools bundle is \`dist/outils/\`, which a commune downloads when it opens its results.

${table(["Figure", "This run", "Budget", "Target", "Result"], [
  ["First load, gzip -9", kb(firstLoad), kb(SIZE_BUDGET), kb(FIRST_LOAD_TARGET), verdict(firstLoad, SIZE_BUDGET, FIRST_LOAD_TARGET)],
  ["Whole `dist/`, gzip -9", kb(d.total), kb(DIST_BUDGET), kb(DIST_TARGET), verdict(d.total, DIST_BUDGET, DIST_TARGET)],
  ["Tools bundle alone, gzip -9", kb(d.tools), "—", kb(TOOLS_TARGET), verdict(d.tools, undefined, TOOLS_TARGET)],
  ["Time to choices ÷ static floor (medians)", Number.isFinite(r.ratio) ? `${r.ratio.toFixed(2)}×` : "n/a", "—", `${RATIO_TARGET}×`, verdict(r.ratio, undefined, RATIO_TARGET)],
  [`Click → update p95, CPU ÷${THROTTLE}`, ms(slowP95), ms(INTERACTION_BUDGET), ms(SLOW_INTERACTION_TARGET), verdict(slowP95, INTERACTION_BUDGET, SLOW_INTERACTION_TARGET)],
  [`Territory, ${TERRITORY_SIZE} summaries → heatmap (median)`, ms(territoryMedian), ms(TERRITORY_BUDGET), ms(TERRITORY_TARGET), verdict(territoryMedian, TERRITORY_BUDGET, TERRITORY_TARGET)],
])}`,
    ),
  );

  return parts.join("\n");
}

function headline(date, info, r) {
  const f = (x, g) => (x && !x.error ? g(x) : "n/a");
  return [
    `- ${date}${info.commit ? ` (\`${info.commit}\`)` : ""}:`,
    `first load ${f(r.load, (l) => kb(l.total))} gz,`,
    `whole dist ${kb(r.dist.total)} gz (tools ${kb(r.dist.tools)}),`,
    `TTI median ${f(r.tti, (t) => ms(t.median))},`,
    `ratio ${Number.isFinite(r.ratio) ? `${r.ratio.toFixed(2)}×` : "n/a"},`,
    `interaction p95 ${f(r.interaction, (x) => ms(x.update.p95))} (CPU ÷${THROTTLE}: ${f(r.interactionSlow, (x) => ms(x.update.p95))}),`,
    `territory median ${r.territory.available ? ms(r.territory.median) : "n/a"}`,
  ].join(" ");
}

function history(existing, line) {
  let kept = "";
  if (existing) {
    const start = existing.search(/^## History[ \t]*$/m);
    if (start >= 0) {
      const rest = existing.slice(start).replace(/^## History[ \t]*\n/, "");
      const end = rest.search(/^## /m);
      kept = (end >= 0 ? rest.slice(0, end) : rest).trim();
    }
  }
  if (!kept) kept = "Headline figures of each run, oldest first.";
  return `## History\n\n${kept}\n${line}\n`;
}

// ---------------------------------------------------------------------------------------
// Main

async function measure(name, fn) {
  const started = Date.now();
  log(`${name}…`);
  try {
    const result = await fn();
    log(`${name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return result;
  } catch (error) {
    log(`${name}: FAILED: ${error.stack ?? error}`);
    return { error: String(error.message ?? error).split("\n")[0] };
  }
}

async function main() {
  if (!fs.existsSync(path.join(DIST, "index.html"))) {
    console.error(`${DIST}/index.html is missing: run make dist`);
    process.exit(1);
  }
  const started = Date.now();
  const server = await serve(DIST);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const info = machine(browser.version());
  const date = new Date().toISOString().replace(/\.\d+Z$/, "Z").replace("T", " ");
  const r = {};
  try {
    r.dist = distSizes();
    r.load = await measure("1. first-load transfer", () => firstLoad(server));
    const both = await measure("2–3. time to interactive and the floor", () => ttiAndFloor(server));
    r.tti = both.error ? both : both.tti;
    r.floor = both.error ? both : both.floor;
    r.interaction = await measure("4. interaction", () => interaction(server));
    r.ttiSlow = await measure(`5. time to interactive, CPU ÷${THROTTLE}`, () => tti(server, { throttle: THROTTLE }));
    r.interactionSlow = await measure(`5. interaction, CPU ÷${THROTTLE}`, () => interaction(server, { throttle: THROTTLE }));
    r.territory = await measure("6. territory", () => territory(server));
    r.memory = await measure("7. memory", () => memory(server));
  } finally {
    await browser.close();
    await server.close();
  }

  const body = report(info, date, r);
  const existing = fs.existsSync(OUT) ? fs.readFileSync(OUT, "utf8") : "";
  const text = `${body}\n${history(existing, headline(date, info, r))}`;
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, text);
  console.log(text);
  log(`written to ${OUT} in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  // Only a broken app fails the run: a questionnaire measure that could not be taken.
  const broken = ["load", "tti", "interaction", "memory"].filter((k) => r[k]?.error);
  if (r.memory?.problems?.length) broken.push(`answers not recorded on ${r.memory.problems.join(", ")} after in-app navigation`);
  if (broken.length) {
    console.error(`bench: the app looks broken: ${broken.map((k) => (k in r ? `${k} could not be measured` : k)).join("; ")}`);
    process.exit(1);
  }
}

await main();
