// Prepended to the questionnaire's loader by post-build.sh. A pillar page opened directly
// (a bookmark, a reload) needs its question texts: asking for them now, while the wasm
// loads, saves a round trip after start-up. The app's own fetch then finds them ready.
try {
  if (location.hash.startsWith("#/pilier/")) {
    const lang = localStorage.getItem("autodiag.lang") || "fr";
    if (/^[a-z]{2}$/.test(lang)) {
      const link = document.createElement("link");
      link.rel = "preload";
      link.as = "fetch";
      link.crossOrigin = "anonymous";
      link.href = `./questions.${lang}.json`;
      document.head.append(link);
    }
  }
} catch {
  // Storage refused: the app fetches the texts itself.
}
