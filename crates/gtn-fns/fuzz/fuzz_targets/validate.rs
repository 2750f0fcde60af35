//! Any bytes, as a file with a valid name and as a stream without one: the
//! validator must return a report, never panic, and stay within its limits.
#![no_main]

use gtn_fns::validate::{validate_reader, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = Options {
        max_errors: Some(50),
        ..Options::default()
    };
    let named = validate_reader(
        Some("VO_AVTOTS_9965_5024100010502401001_20250331_1.xml"),
        data,
        &options,
    );
    let anonymous = validate_reader(None, data, &Options::default());
    // A file with bytes has at least one verdict; an empty one is an error.
    assert!(named.bytes <= data.len() as u64);
    assert!(anonymous.bytes <= data.len() as u64);
});
