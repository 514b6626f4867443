// Realistic summaries for the tests: the committed examples, varied with a seeded generator.
import fs from "node:fs";
import path from "node:path";
import { scratchDir } from "./scratch.mjs";

const EXAMPLES = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../../examples");

/** A small deterministic generator, so every run sees the same communes. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function example(name = "lobbes-2026-11-20.json") {
  return JSON.parse(fs.readFileSync(path.join(EXAMPLES, name), "utf8"));
}

/** The example summary as `name`'s, every answer at `level`; its roadmap is drafted on import. */
export function communeAt(name, nis, level, build = () => {}) {
  const s = example();
  s.profile.commune = name;
  s.profile.nis_code = nis;
  s.roadmap = null;
  s.answers.forEach((a) => (a.level = level));
  build(s);
  return s;
}

/** `count` summaries of distinct communes with random answers; `edit` may adjust each. */
export function communes(count, { seed = 7, edit } = {}) {
  const random = prng(seed);
  const choices = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, "unknown", "not_applicable"];
  return Array.from({ length: count }, (_, i) => {
    const s = example();
    const number = String(i + 1).padStart(3, "0");
    s.profile.commune = `Commune ${number}`;
    s.profile.nis_code = String(50000 + i);
    s.profile.date = "2026-06-01";
    for (const answer of s.answers) answer.level = choices[Math.floor(random() * choices.length)];
    // Each roadmap is drafted from its own answers on import.
    s.roadmap = null;
    edit?.(s, i);
    return s;
  });
}

/** Writes summaries (objects or raw strings/buffers) into a fresh folder; returns the paths. */
export function writeFiles(entries) {
  const dir = scratchDir("autodiag-files-");
  return entries.map(([name, content]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof content === "string" || Buffer.isBuffer(content) ? content : JSON.stringify(content, null, 2));
    return file;
  });
}

/** Sets one answer of a summary, adding it when missing. */
export function setAnswer(summary, question, level, note) {
  let answer = summary.answers.find((a) => a.question_id === question);
  if (!answer) {
    answer = { question_id: question };
    summary.answers.push(answer);
  }
  answer.level = level;
  if (note !== undefined) answer.note = note;
  return summary;
}
