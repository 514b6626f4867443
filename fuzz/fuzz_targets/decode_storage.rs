//! Any text found in the browser's storage: `stored::decode_assessment` and
//! `stored::decode_backup` never panic, and an assessment they read encodes and decodes back
//! to itself.
#![no_main]

use autodiag_core::domain::stored;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Storage only ever holds strings.
    let text = String::from_utf8_lossy(data);
    if let Ok(assessment) = stored::decode_assessment(&text) {
        let again = stored::decode_assessment(&stored::encode_assessment(&assessment));
        assert_eq!(
            again,
            Ok(assessment),
            "an assessment read does not survive encoding"
        );
    }
    if let Ok(assessments) = stored::decode_backup(&text) {
        for assessment in assessments {
            let again = stored::decode_assessment(&stored::encode_assessment(&assessment));
            assert_eq!(
                again,
                Ok(assessment),
                "a restored assessment does not survive encoding"
            );
        }
    }
});
