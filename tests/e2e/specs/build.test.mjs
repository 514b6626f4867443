// The release build's last step (static/short-import-names.mjs), without a browser: the
// shipped wasm files import under short names, and the renaming refuses glue it does not
// recognise instead of shipping a module whose imports the glue no longer provides.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import zlib from "node:zlib";
import os from "node:os";
import path from "node:path";
import { DIST } from "../lib/harness.mjs";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const SCRIPT = path.join(ROOT, "static/short-import-names.mjs");

/** Each bundle's wasm, which the release build ships compressed (static/unpack-wasm.js). */
function wasmFiles(folder) {
  const names = fs.readdirSync(folder);
  assert.deepEqual(names.filter((name) => name.endsWith("_bg.wasm")), [], `${folder} ships an uncompressed wasm`);
  return names.filter((name) => name.endsWith("_bg.wasm.gz")).map((name) => path.join(folder, name));
}

const wasmBytes = (file) => zlib.gunzipSync(fs.readFileSync(file));
const glueOf = (file) => fs.readFileSync(file.replace(/_bg\.wasm\.gz$/, ".js"), "utf8");

test("each shipped wasm imports under short names that its glue provides, and carries no producers or target features", () => {
  const files = [...wasmFiles(DIST), ...wasmFiles(path.join(DIST, "outils"))];
  assert.equal(files.length, 2, `one wasm per bundle in ${DIST}`);
  for (const file of files) {
    const module = new WebAssembly.Module(wasmBytes(file));
    // wasm-opt drops these (index.html): no browser reads them.
    for (const section of ["producers", "target_features"]) {
      assert.equal(WebAssembly.Module.customSections(module, section).length, 0, `${path.basename(file)} keeps ${section}`);
    }
    const imports = WebAssembly.Module.imports(module);
    assert.ok(imports.length > 100, `${file}: ${imports.length} imports`);
    const long = imports.filter(({ name }) => !/^_[a-zA-Z]{1,3}$/.test(name)).map(({ name }) => name);
    assert.deepEqual(long, [], `${path.basename(file)} still imports long names`);
    const glue = glueOf(file);
    assert.doesNotMatch(glue, /__wbg_\w+_[0-9a-f]{16}\b/, "the glue still names a hashed import");
    for (const { name } of imports) {
      assert.match(glue, new RegExp(`[{,]${name}:function\\b`), `${path.basename(file)}: the glue lacks ${name}`);
    }
  }
});

test("each shipped wasm exports only what wasm-bindgen needs: no dependency's JavaScript classes", () => {
  // wasm-streams, which Leptos pulls in for server functions, exported three classes, kept in
  // both bundles although the app never streams (vendor/wasm-streams, ARCHITECTURE.md).
  const wasmBindgen = /^(memory|main|__wbindgen_\w+|__externref_\w+|__abort_handler|__instance_terminated|_WASM_SPLIT_MARKER_\w+|wasm_bindgen__convert__closures_\w+)$/;
  for (const file of [...wasmFiles(DIST), ...wasmFiles(path.join(DIST, "outils"))]) {
    const exports = WebAssembly.Module.exports(new WebAssembly.Module(wasmBytes(file)));
    assert.deepEqual(exports.map(({ name }) => name).filter((name) => !wasmBindgen.test(name)), [], path.basename(file));
    assert.doesNotMatch(glueOf(file), /IntoUnderlying|export class/, path.basename(file));
  }
});

/** A wasm module of two function imports named as wasm-bindgen names them. */
function twoImportsModule(names) {
  const text = (s) => [s.length, ...Buffer.from(s)];
  const entries = names.flatMap((name) => [...text("./x_bg.js"), ...text(name), 0x00, 0x00]);
  const importBody = [names.length, ...entries];
  return Buffer.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // one type: () -> ()
    0x02, importBody.length, ...importBody,
  ]);
}

const NAMES = ["__wbg_log_0123456789abcdef", "__wbg_now_fedcba9876543210"];

function scratch(js) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "short-imports-"));
  const wasm = path.join(dir, "x_bg.wasm");
  const glue = path.join(dir, "x.js");
  fs.writeFileSync(wasm, twoImportsModule(NAMES));
  fs.writeFileSync(glue, js);
  return { wasm, glue };
}

test("imports are renamed in the wasm and in the glue alike", () => {
  const { wasm, glue } = scratch(
    `const imports = { "./x_bg.js": { __proto__: null, ${NAMES[0]}: function() {}, ${NAMES[1]}: function() { return 1; } } };`,
  );
  execFileSync("node", [SCRIPT, wasm, glue]);
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(fs.readFileSync(wasm)));
  assert.deepEqual(imports.map(({ module, name }) => `${module} ${name}`), ["./x_bg.js _a", "./x_bg.js _b"]);
  assert.equal(
    fs.readFileSync(glue, "utf8"),
    `const imports = { "./x_bg.js": { __proto__: null, _a: function() {}, _b: function() { return 1; } } };`,
  );
});

test("glue that names an import elsewhere than as its key is refused, and nothing is written", () => {
  const js = `const imports = { "./x_bg.js": { ${NAMES[0]}: function() {}, ${NAMES[1]}: function() {} } }; call(${NAMES[1]});`;
  const { wasm, glue } = scratch(js);
  const before = fs.readFileSync(wasm);
  const run = spawnSync("node", [SCRIPT, wasm, glue], { encoding: "utf8" });
  assert.equal(run.status, 1);
  assert.match(run.stderr, new RegExp(`names ${NAMES[1]} 2 times`));
  assert.deepEqual(fs.readFileSync(wasm), before);
  assert.equal(fs.readFileSync(glue, "utf8"), js);
});

test("glue that lacks an import is refused", () => {
  const { wasm, glue } = scratch(`const imports = { "./x_bg.js": { ${NAMES[0]}: function() {} } };`);
  const run = spawnSync("node", [SCRIPT, wasm, glue], { encoding: "utf8" });
  assert.equal(run.status, 1);
  assert.match(run.stderr, new RegExp(`names ${NAMES[1]} 0 times`));
});

test("both bundles are optimised alike, with the passes that make them gzip smaller", () => {
  const params = ["index.html", "outils/index.html"].map((page) => {
    const html = fs.readFileSync(path.join(ROOT, page), "utf8");
    const link = html.match(/<link data-trunk rel="rust"[^>]*>/)?.[0] ?? "";
    return link.match(/data-wasm-opt-params="([^"]*)"/)?.[1];
  });
  assert.ok(params[0], "index.html passes no wasm-opt parameters");
  assert.equal(params[1], params[0], "outils/index.html optimises differently from index.html");
  for (const flag of ["--one-caller-inline-max-function-size=10", "--reorder-functions-by-name"]) {
    assert.ok(params[0].split(" ").includes(flag), `${flag} is missing`);
  }
});
