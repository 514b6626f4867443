//! Any bytes given as a summary file: `summary::parse` and `summary::import` never panic, agree
//! with each other, and whatever they accept exports and imports back to the same summary.
#![no_main]

use autodiag_core::domain::content;
use autodiag_core::domain::summary::{self, ImportError};
use libfuzzer_sys::fuzz_target;

const NOW: &str = "2026-11-28T10:00:00.000Z";

fuzz_target!(|data: &[u8]| {
    let framework = content::framework();
    let parsed = summary::parse(data).map(|_| ());
    let imported = summary::import(framework, data, "fuzz".into(), NOW);
    if std::str::from_utf8(data).is_err() {
        assert_eq!(imported.as_ref().err(), Some(&ImportError::Binary));
    }
    if let (Err(parse_error), Err(import_error)) = (&parsed, &imported) {
        assert_eq!(parse_error, import_error, "parse and import disagree");
    }
    assert!(
        parsed.is_ok() || imported.is_err(),
        "import accepted what parse refused"
    );
    if let Ok(first) = imported {
        let json = summary::to_json(&summary::export(framework, &first.assessment, NOW));
        let second = summary::import(framework, json.as_bytes(), "fuzz".into(), NOW)
            .unwrap_or_else(|e| panic!("an export of an imported file does not import: {e:?}"));
        let again = summary::to_json(&summary::export(framework, &second.assessment, NOW));
        assert_eq!(json, again, "export → import → export is not stable");
    }
});
