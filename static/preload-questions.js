// Prepended to the questionnaire's loader by post-build.sh. A pillar page opened directly
// (a bookmark, a reload) needs its question texts: asking for them now, while the wasm
// loads, saves a round trip after start-up. The app's own fetch then finds them ready.
try {
  if (location.hash.startsWith("#/pilier/")) {
    const lang = localStorage.getItem("autodiag.lang") || "fr";
    // QUESTION_FILES (prepended by post-build.sh) names each language's file by its hash.
    if (/^[a-z]{2}$/.test(lang) && QUESTION_FILES[lang]) {
      const link = document.createElement("link");
      link.rel = "preload";
      link.as = "fetch";
      link.crossOrigin = "anonymous";
      link.href = `./${QUESTION_FILES[lang]}`;
      document.head.append(link);
    }
  }
} catch {
  // Storage refused: the app fetches the texts itself.
}
