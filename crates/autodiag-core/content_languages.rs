//! Which languages `content/` holds. Shared by the core crate's build script and the app's,
//! which checks that the interface strings exist in the same languages.

use std::fs;
use std::path::Path;

/// Every folder of `content/` except `actions/` holds one language, named by its code.
pub fn language_dirs(content: &Path) -> Result<Vec<String>, String> {
    let mut langs = Vec::new();
    let entries = fs::read_dir(content).map_err(|e| format!("{}: {e}", content.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() && name != "actions" {
            langs.push(name);
        }
    }
    // Build time only: the wasm's size rule on sorting (clippy.toml) does not apply.
    #[allow(clippy::disallowed_methods)]
    langs.sort();
    Ok(langs)
}
