#!/bin/sh
# Trunk post-build hook, run in the staging folder's parent with TRUNK_STAGING_DIR set.
# 1. Trunk inlines a <script type="module"> that loads the wasm. The Content-Security-Policy
#    forbids inline scripts, so the script moves to its own file, named by its hash. The
#    loader also starts fetching the question texts when the screen will need them: every
#    tools screen, a pillar opened directly (static/preload-questions.js).
# 2. The service worker gets the list of files to cache and a version that changes with
#    them, so a new release is never stuck behind a stale cache.
set -eu
dir="${TRUNK_STAGING_DIR:?run by trunk}"
html="$dir/index.html"

loader="$dir/loader.tmp.js"
# perl-base is part of every Debian and Ubuntu system; the HTML may be minified onto one line.
perl -0777 -ne 'print $1 if m{<script type="?module"?>(.*?)</script>}s' "$html" > "$loader"
if [ ! -s "$loader" ]; then
  echo "post-build: no inline loader script found in index.html" >&2
  exit 1
fi
# Texts fetched at run time (see crates/autodiag-core/build.rs), named by their content's hash.
texts="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/${TRUNK_PROFILE:-debug}/autodiag-content"
case "${TRUNK_HTML_FILE:-}" in
  */outils/index.html) base="../" always=true ;;
  *) base="./" always=false ;;
esac
files_by_lang=$(cd "$texts" && for file in questions.*.json; do
  lang=${file#questions.}; printf '"%s":"%s",' "${lang%%.*}" "$file"; done)
# A release build ships each wasm compressed with zopfli, and the loader unpacks it
# (static/unpack-wasm.js, which says why). Debug builds keep the plain file.
compress=false
if [ "${TRUNK_PROFILE:-debug}" = release ]; then
  if command -v zopfli >/dev/null 2>&1; then compress=true; else echo "post-build: zopfli is missing (make tools installs it): the wasm ships uncompressed" >&2; fi
fi
if $compress; then
  perl -0777 -pi -e 's{await init\(\{\s*module_or_path:\s*([\x27"])([^\x27"]*_bg\.wasm)\1\s*\}\)}{await init({ module_or_path: unpackWasm($1$2.gz$1) }).catch(bootFailed)}' "$loader"
  grep -q 'unpackWasm(' "$loader" || { echo "post-build: the loader's wasm call was not found" >&2; exit 1; }
fi
{ printf 'const QUESTION_FILES = {%s}, QUESTIONS_BASE = "%s", QUESTIONS_ALWAYS = %s;\n' "$files_by_lang" "$base" "$always"
  cat "$(dirname "$0")/preload-questions.js"
  if $compress; then cat "$(dirname "$0")/unpack-wasm.js"; fi
  cat "$loader"; } > "$loader.tmp" && mv "$loader.tmp" "$loader"
name="start-$(sha256sum "$loader" | cut -c1-16).js"
mv "$loader" "$dir/$name"
perl -0777 -pi -e "s{<script type=\"?module\"?>.*?</script>}{<script type=\"module\" src=\"./$name\"></script>}s" "$html"

# The wasm-bindgen JS glue is shipped as written; terser (tests/e2e/package.json) shrinks it
# in release builds. Trunk's subresource integrity is off (Trunk.toml) since files change here.
# First the wasm's imports and exports get short names in both files (static/short-names.mjs):
# the files keep the names Trunk gave them, which still change whenever the build's output
# does.
if [ "${TRUNK_PROFILE:-debug}" = release ] && command -v terser >/dev/null 2>&1; then
  for wasm in "$dir"/*_bg.wasm; do
    node "$(dirname "$0")/short-names.mjs" "$wasm" "${wasm%_bg.wasm}.js"
  done
  for js in "$dir"/*.js; do
    case "$js" in */sw.js) continue ;; esac
    terser "$js" --module --compress --mangle --output "$js.min" && mv "$js.min" "$js"
  done
fi
# The wasm, once final, is compressed in its place: the page preloads the .gz, which the
# loader fetches. zopfli's output is about 5 % smaller than gzip -9's (BENCHMARKS.md).
if $compress; then
  for wasm in "$dir"/*_bg.wasm; do
    zopfli -c "$wasm" > "$wasm.gz" && rm "$wasm"
    wasm_name=$(basename "$wasm")
    perl -pi -e "s{(href=\"?(?:\./)?)\Q$wasm_name\E}{\${1}$wasm_name.gz}g; s{ type=\"?application/wasm\"?}{}g" "$html"
    grep -q "$wasm_name.gz" "$html" || { echo "post-build: could not point the preload at $wasm_name.gz" >&2; exit 1; }
  done
fi

# The tools bundle is built first into target/outils-dist (see the Makefile); the main build
# takes it in as dist/outils/. Its own build only needed the loader moved.
case "${TRUNK_HTML_FILE:-}" in
  */outils/index.html) echo "post-build: tools bundle, loader $name"; exit 0 ;;
esac
outils="${AUTODIAG_TOOLS_DIST:-${CARGO_TARGET_DIR:-target}/outils-dist}"
if [ ! -f "$outils/index.html" ]; then
  echo "post-build: $outils is missing: build the tools bundle first (make dist does)" >&2
  exit 1
fi
mkdir -p "$dir/outils"
cp -R "$outils"/. "$dir/outils/"
# Both bundles style with main.css, named by its content's hash: the tools page links the
# questionnaire's copy, which the browser already has, rather than downloading its own.
for css in "$dir"/outils/*.css; do
  shared="$dir/$(basename "$css")"
  if [ -f "$shared" ] && cmp -s "$css" "$shared"; then
    css_name=$(basename "$css")
    # The minified HTML may leave the address unquoted.
    perl -pi -e "s{href=(\"?)(?:\./)?\Q$css_name\E\1}{href=\$1../$css_name\$1}g" "$dir/outils/index.html"
    grep -q "href=\"\?\.\./$css_name" "$dir/outils/index.html" || { echo "post-build: could not relink $css_name" >&2; exit 1; }
    rm "$css"
  fi
done

# Texts of languages other than French, fetched when a user switches, and question texts.
if ! ls "$texts"/texts.*.json "$texts"/questions.*.json >/dev/null 2>&1; then
  echo "post-build: no language files in $texts" >&2
  exit 1
fi
cp "$texts"/texts.*.json "$texts"/questions.*.json "$dir/"
# In a release build they ship compressed with zopfli too, under the same names: about 5 %
# smaller than gzip -9, and a third of their size on a server that compresses nothing. The
# app unpacks what starts with gzip's magic byte (static/preload-questions.js).
if $compress; then
  for json in "$dir"/texts.*.json "$dir"/questions.*.json; do
    zopfli -c "$json" > "$json.gz" && mv "$json.gz" "$json"
  done
fi

# The app shell is what the first load fetches. Question texts, other languages' texts and
# the tools bundle are cached the first time they are used.
files=$(cd "$dir" && find . -type f ! -name sw.js ! -name 'texts.*.json' ! -name 'questions.*.json' ! -path './outils/*' | sed 's|^\./||' | sort)
# The version covers every file, the tools bundle too, so any change reaches users.
version=$(cd "$dir" && find . -type f ! -name sw.js | sort | xargs cat | sha256sum | cut -c1-16)
list=$(printf '%s\n' $files | sed 's/.*/  ".\/&",/')
{
  printf '// Generated at build time.\nconst VERSION = "%s";\nconst SHELL = [\n  "./",\n%s\n];\n\n' "$version" "$list"
  cat "$dir/sw.js"
} > "$dir/sw.js.tmp"
mv "$dir/sw.js.tmp" "$dir/sw.js"
if [ "${TRUNK_PROFILE:-debug}" = release ] && command -v terser >/dev/null 2>&1; then
  terser "$dir/sw.js" --compress --mangle --output "$dir/sw.js.min" && mv "$dir/sw.js.min" "$dir/sw.js"
fi
echo "post-build: loader $name, service worker version $version"
