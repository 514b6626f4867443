// Gives the wasm's imports short names, in the wasm and in its wasm-bindgen JS glue alike.
// wasm-bindgen names each import after its function and a 16-digit hash
// (`__wbg_setAttribute_f75317b2b5cabfb4`); both files carry all of them, and the hashes are
// random digits that gzip cannot shrink. Run by post-build.sh on release builds, before terser.
//
// Usage: node short-import-names.mjs BUNDLE_bg.wasm BUNDLE.js
// Exits non-zero, leaving both files untouched, if the glue does not name each import once
// as a key of its imports object, which would mean wasm-bindgen changed its output.
import fs from "node:fs";

const [wasmPath, jsPath] = process.argv.slice(2);
if (!wasmPath || !jsPath) fail("usage: short-import-names.mjs BUNDLE_bg.wasm BUNDLE.js");
const wasm = fs.readFileSync(wasmPath);
let js = fs.readFileSync(jsPath, "utf8");

function fail(message) {
  console.error(`short-import-names: ${message}`);
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

/** `a`, `b`, … `Z`, then `aa`, `ab`, …: names that are valid JS identifiers. */
function shortName(index) {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let name = "";
  do {
    name = letters[index % letters.length] + name;
    index = Math.floor(index / letters.length) - 1;
  } while (index >= 0);
  return `_${name}`;
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
  js = js.replace(identifier(long), short);
}

const body = Buffer.concat([unsigned(count), ...entries]);
const section = Buffer.concat([Buffer.from([2]), unsigned(body.length), body]);
const out = Buffer.concat([
  wasm.subarray(0, importSection.from),
  section,
  wasm.subarray(importSection.end),
]);
fs.writeFileSync(wasmPath, out);
fs.writeFileSync(jsPath, js);
console.log(
  `short-import-names: ${renamed.size} imports renamed, wasm ${wasm.length} → ${out.length} bytes`,
);
