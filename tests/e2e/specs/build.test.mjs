// The release build's last steps (static/short-names.mjs, zopfli), without a browser: the
// shipped wasm files import and export under short names, and the renaming refuses glue it
// does not recognise instead of shipping a module whose imports the glue no longer provides.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import zlib from "node:zlib";
import path from "node:path";
import { DIST } from "../lib/harness.mjs";
import { scratchDir } from "../lib/scratch.mjs";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const SCRIPT = path.join(ROOT, "static/short-names.mjs");

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
  // both bundles although the app never streams (vendor/wasm-streams, ARCHITECTURE.md). The
  // exports have short names (static/short-names.mjs): `memory`, then `$a`, `$b`… which the
  // glue reads as `wasm.$a`; today 17 and 18 of them, wasm-bindgen's own.
  for (const file of [...wasmFiles(DIST), ...wasmFiles(path.join(DIST, "outils"))]) {
    const names = WebAssembly.Module.exports(new WebAssembly.Module(wasmBytes(file))).map(({ name }) => name);
    assert.deepEqual(names.filter((name) => name !== "memory" && !/^\$[a-zA-Z]{1,2}$/.test(name)), [], path.basename(file));
    assert.ok(names.length <= 20, `${path.basename(file)}: ${names.length} exports`);
    const glue = glueOf(file);
    assert.doesNotMatch(glue, /IntoUnderlying|export class|wasm_bindgen__convert__closures|__wbindgen_malloc/, path.basename(file));
    for (const read of glue.match(/wasm\.\$[a-zA-Z]+/g) ?? []) assert.ok(names.includes(read.slice(5)), `${path.basename(file)}: the glue reads ${read}, which the module lacks`);
  }
});

/** A wasm module of two function imports named as wasm-bindgen names them, and optionally a
 * global exported under `exportName`, as wasm-bindgen names a closure's export. */
function twoImportsModule(names, exportName) {
  const text = (s) => [s.length, ...Buffer.from(s)];
  const entries = names.flatMap((name) => [...text("./x_bg.js"), ...text(name), 0x00, 0x00]);
  const importBody = [names.length, ...entries];
  const exportBody = exportName ? [1, ...text(exportName), 0x03, 0x00] : [];
  return Buffer.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // one type: () -> ()
    0x02, importBody.length, ...importBody,
    ...(exportName
      ? [
          0x06, 0x06, 0x01, 0x7f, 0x00, 0x41, 0x00, 0x0b, // one global: i32, constant 0
          0x07, exportBody.length, ...exportBody,
        ]
      : []),
  ]);
}

const NAMES = ["__wbg_log_0123456789abcdef", "__wbg_now_fedcba9876543210"];

function scratch(js, exportName) {
  const dir = scratchDir("short-names-");
  const wasm = path.join(dir, "x_bg.wasm");
  const glue = path.join(dir, "x.js");
  fs.writeFileSync(wasm, twoImportsModule(NAMES, exportName));
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

test("exports are renamed in the wasm and in the glue alike, the glue's wrapper with them", () => {
  const exportName = "wasm_bindgen__convert__closures_____invoke__h0123456789abcdef";
  const { wasm, glue } = scratch(
    `const imports = { "./x_bg.js": { ${NAMES[0]}: function() {}, ${NAMES[1]}: function() {} } };
function ${exportName}(a) { return wasm.${exportName}(a); }
call(${exportName});`,
    exportName,
  );
  execFileSync("node", [SCRIPT, wasm, glue]);
  const exports = WebAssembly.Module.exports(new WebAssembly.Module(fs.readFileSync(wasm)));
  assert.deepEqual(exports.map(({ name }) => name), ["$a"]);
  assert.equal(
    fs.readFileSync(glue, "utf8"),
    `const imports = { "./x_bg.js": { _a: function() {}, _b: function() {} } };
function $a(a) { return wasm.$a(a); }
call($a);`,
  );
});

test("glue that names an export without reading it from the module is refused", () => {
  const exportName = "__wbindgen_malloc";
  const js = `const imports = { "./x_bg.js": { ${NAMES[0]}: function() {}, ${NAMES[1]}: function() {} } }; const f = "${exportName}";`;
  const { wasm, glue } = scratch(js, exportName);
  const before = fs.readFileSync(wasm);
  const run = spawnSync("node", [SCRIPT, wasm, glue], { encoding: "utf8" });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /names the export __wbindgen_malloc otherwise than as wasm\.__wbindgen_malloc/);
  assert.deepEqual(fs.readFileSync(wasm), before);
  assert.equal(fs.readFileSync(glue, "utf8"), js);
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
  const options = ["index.html", "outils/index.html"].map((page) => {
    const html = fs.readFileSync(path.join(ROOT, page), "utf8");
    const link = html.match(/<link data-trunk rel="rust"[^>]*>/)?.[0] ?? "";
    return `-O${link.match(/data-wasm-opt="([^"]*)"/)?.[1]} ${link.match(/data-wasm-opt-params="([^"]*)"/)?.[1]}`;
  });
  assert.equal(options[1], options[0], "outils/index.html optimises differently from index.html");
  // -O2 with shrink level 1 gzips smaller than -Oz (BENCHMARKS.md, twenty-first session).
  assert.match(options[0], /^-O2 -s 1 /);
  for (const flag of ["--one-caller-inline-max-function-size=30", "--reorder-functions-by-name"]) {
    assert.ok(options[0].split(" ").includes(flag), `${flag} is missing`);
  }
});
