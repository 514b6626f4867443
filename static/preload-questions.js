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

// The app's fetch of a text file (src/browser.rs). A release ships them compressed with
// zopfli under their own names (post-build.sh); a server that labels them
// `Content-Encoding: gzip` has the browser unpack them already, so the first byte decides.
globalThis.autodiagFetchText = async (url) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const body = bytes[0] === 0x1f ? new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip")) : bytes;
  return new Response(body).text();
};
