// Gives the wasm's imports and exports short names, in the wasm and in its wasm-bindgen JS
// glue alike. wasm-bindgen names each import after its function and a 16-digit hash
// (`__wbg_setAttribute_f75317b2b5cabfb4`), and each closure's export likewise
// (`wasm_bindgen__convert__closures_____invoke__h6a07ff70d0710a33`); both files carry all of
// them, and the hashes are random digits that gzip cannot shrink. Run by post-build.sh on
// release builds, before terser. `memory` keeps its name: it is the one export read from
// outside the glue (the benchmark's memory figure).
//
// Usage: node short-names.mjs BUNDLE_bg.wasm BUNDLE.js
// Exits non-zero, leaving both files untouched, if the glue does not name each import once
// as a key of its imports object, or reads an export otherwise than as `wasm.<name>`, which
// would mean wasm-bindgen changed its output.
import fs from "node:fs";

const [wasmPath, jsPath] = process.argv.slice(2);
if (!wasmPath || !jsPath) fail("usage: short-names.mjs BUNDLE_bg.wasm BUNDLE.js");
const wasm = fs.readFileSync(wasmPath);
let js = fs.readFileSync(jsPath, "utf8");

function fail(message) {
  console.error(`short-names: ${message}`);
  process.exit(1);
}

/** Reads an unsigned LEB128 number at `offset`; gives the number and the offset after it. */
function readUnsigned(bytes, offset) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[offset++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, offset];
  }
}

function unsigned(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Buffer.from(out);
}

const text = (string) => {
  const bytes = Buffer.from(string, "utf8");
  return Buffer.concat([unsigned(bytes.length), bytes]);
};

/** `a`, `b`, … `Z`, then `aa`, `ab`, … after `prefix`: names that are valid JS identifiers. */
function shortName(index, prefix = "_") {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let name = "";
  do {
    name = letters[index % letters.length] + name;
    index = Math.floor(index / letters.length) - 1;
  } while (index >= 0);
  return `${prefix}${name}`;
}

if (wasm.readUInt32LE(0) !== 0x6d736100) fail(`${wasmPath} is not a wasm module`);
let offset = 8;
const sections = [];
while (offset < wasm.length) {
  const id = wasm[offset];
  const [size, start] = readUnsigned(wasm, offset + 1);
  sections.push({ id, from: offset, start, end: start + size });
  offset = start + size;
}
const importSection = sections.find((section) => section.id === 2);
if (!importSection) fail(`${wasmPath} has no imports`);

// Each import: module name, field name, then its kind and type.
const renamed = new Map();
const entries = [];
let [count, at] = readUnsigned(wasm, importSection.start);
for (let i = 0; i < count; i++) {
  let length;
  [length, at] = readUnsigned(wasm, at);
  const module = wasm.toString("utf8", at, at + length);
  at += length;
  [length, at] = readUnsigned(wasm, at);
  const field = wasm.toString("utf8", at, at + length);
  at += length;
  const descriptionStart = at;
  const kind = wasm[at++];
  if (kind === 0) [, at] = readUnsigned(wasm, at); // function: its type index
  else fail(`import ${module}.${field} is not a function; only functions are renamed`);
  if (!renamed.has(field)) renamed.set(field, shortName(renamed.size));
  entries.push(Buffer.concat([text(module), text(renamed.get(field)), wasm.subarray(descriptionStart, at)]));
}

// The glue names each import once, as a key of its imports object: `name: function(` or,
// if it was minified already, `name:function(`.
const escaped = (name) => name.replace(/[$]/g, "\\$&");
const identifier = (name) => new RegExp(`(?<![\\w$])${escaped(name)}(?![\\w$])`, "g");
for (const [long, short] of renamed) {
  if (!/^[\w$]+$/.test(long)) fail(`import ${long} is not a JS identifier`);
  const uses = js.match(identifier(long))?.length ?? 0;
  if (uses !== 1 || !new RegExp(`(?<![\\w$])${escaped(long)}\\s*:\\s*function\\b`).test(js)) {
    fail(`${jsPath} names ${long} ${uses} times, not once as an import key`);
  }
  if (identifier(short).test(js)) fail(`${jsPath} already uses the name ${short}`);
  js = js.replace(identifier(long), () => short);
}

// Each export: its name, then its kind and index. The glue reads an export as `wasm.<name>`;
// a closure's export also names the glue's own wrapper function, renamed with it.
const exportSection = sections.find((section) => section.id === 7) ?? {
  from: wasm.length,
  start: wasm.length,
  end: wasm.length,
};
const exported = new Map();
const exportEntries = [];
let exportCount = 0;
if (exportSection.start < wasm.length) [exportCount, at] = readUnsigned(wasm, exportSection.start);
for (let i = 0; i < exportCount; i++) {
  let length;
  [length, at] = readUnsigned(wasm, at);
  const name = wasm.toString("utf8", at, at + length);
  at += length;
  const descriptionStart = at;
  at += 1; // its kind
  [, at] = readUnsigned(wasm, at); // its index
  const short = name === "memory" ? name : shortName(exported.size, "$");
  if (short !== name) exported.set(name, short);
  exportEntries.push(Buffer.concat([text(short), wasm.subarray(descriptionStart, at)]));
}
for (const [long, short] of exported) {
  if (!/^[\w$]+$/.test(long)) fail(`export ${long} is not a JS identifier`);
  const uses = js.match(identifier(long))?.length ?? 0;
  const reads = js.match(new RegExp(`(?<![\\w$])wasm\\.${escaped(long)}(?![\\w$])`, "g"))?.length ?? 0;
  const wrappers = js.match(new RegExp(`\\bfunction ${escaped(long)}\\(`, "g"))?.length ?? 0;
  if (uses > 0 && (reads === 0 || wrappers > 1)) fail(`${jsPath} names the export ${long} otherwise than as wasm.${long}`);
  if (identifier(short).test(js)) fail(`${jsPath} already uses the name ${short}`);
  js = js.replace(identifier(long), () => short);
}

const section = (id, count, entries) => {
  const body = Buffer.concat([unsigned(count), ...entries]);
  return Buffer.concat([Buffer.from([id]), unsigned(body.length), body]);
};
const out = Buffer.concat([
  wasm.subarray(0, importSection.from),
  section(2, count, entries),
  wasm.subarray(importSection.end, exportSection.from),
  exportCount ? section(7, exportCount, exportEntries) : Buffer.alloc(0),
  wasm.subarray(exportSection.end),
]);
fs.writeFileSync(wasmPath, out);
fs.writeFileSync(jsPath, js);
console.log(
  `short-names: ${renamed.size} imports and ${exported.size} exports renamed, wasm ${wasm.length} → ${out.length} bytes`,
);
