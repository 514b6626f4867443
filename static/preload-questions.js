// Prepended to both loaders by post-build.sh, after QUESTION_FILES (each language's question
// texts, named by their hash), QUESTIONS_BASE (where they are from this page) and
// QUESTIONS_ALWAYS. Every tools screen needs the question texts, and a questionnaire page
// opened directly on a pillar (a bookmark, a reload) does too: asking for them now, while the
// wasm loads, saves a round trip after start-up. The app's own fetch then finds them ready.
try {
  if (QUESTIONS_ALWAYS || location.hash.startsWith("#/pilier/")) {
    const lang = localStorage.getItem("autodiag.lang") || "fr";
    if (/^[a-z]{2}$/.test(lang) && QUESTION_FILES[lang]) {
      const link = document.createElement("link");
      link.rel = "preload";
      link.as = "fetch";
      link.crossOrigin = "anonymous";
      link.href = `${QUESTIONS_BASE}${QUESTION_FILES[lang]}`;
      document.head.append(link);
    }
  }
} catch {
  // Storage refused: the app fetches the texts itself.
}
