// Prepended to both loaders by post-build.sh in release builds, where each wasm ships as
// <name>_bg.wasm.gz, compressed once with zopfli. It is by far the largest file, and many
// static servers do not compress application/wasm: it would travel at two and a half times
// its size. A server that labels the file `Content-Encoding: gzip` has the browser decode
// it: the page then receives plain wasm, which is used as it is. The stream is kept, so the
// browser still compiles while the file arrives.
async function unpackWasm(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const reader = response.body.getReader();
  let first = await reader.read();
  while (!first.done && !first.value.length) first = await reader.read();
  const body = new ReadableStream({
    start(controller) {
      if (first.done) controller.close();
      else controller.enqueue(first.value);
    },
    async pull(controller) {
      const chunk = await reader.read();
      if (chunk.done) controller.close();
      else controller.enqueue(chunk.value);
    },
    // A compile that fails early (a page of HTML instead of wasm) stops the download too.
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  // A wasm module starts with 0x00, a gzip file with 0x1f.
  const gzipped = !first.done && first.value[0] === 0x1f;
  return new Response(gzipped ? body.pipeThrough(new DecompressionStream("gzip")) : body, {
    headers: { "Content-Type": "application/wasm" },
  });
}

// A page that stays blank tells nobody anything: when the wasm cannot be fetched, unpacked
// or compiled (Firefox before 113 and Safari before 16.4 have no DecompressionStream), say
// so. A trap is the app's own crash, which its banner already reports with the answers to
// download.
function bootFailed(error) {
  if (!(error instanceof WebAssembly.RuntimeError)) {
    let english = false;
    try {
      english = localStorage.getItem("autodiag.lang") === "en";
    } catch {
      // Storage refused: French, the app's first language.
    }
    const notice = document.createElement("div");
    notice.className = "notice notice--warning";
    notice.setAttribute("role", "alert");
    notice.dataset.testid = "boot-error";
    const text = document.createElement("p");
    // Read aloud in its own language.
    if (english) text.lang = "en";
    text.textContent = english
      ? "Autodiag could not start. Reload the page; if nothing changes, open it in an up-to-date browser (Edge, Chrome, Firefox or Safari). Your saved answers stay in this browser."
      : "Autodiag n'a pas pu démarrer. Rechargez la page ; si rien ne change, ouvrez-le dans un navigateur à jour (Edge, Chrome, Firefox ou Safari). Vos réponses enregistrées restent dans ce navigateur.";
    notice.append(text);
    const notices = document.createElement("div");
    notices.className = "notices";
    notices.append(notice);
    document.body.prepend(notices);
  }
  throw error;
}
