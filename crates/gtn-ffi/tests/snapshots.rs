//! Whole answers of the C ABI for each of its own codes (`A0xx`), as
//! checked-in snapshots under `tests/snapshots/ffi/`, like the command
//! line's `tests/snapshots/cli/`. Accept a deliberate change with
//! `GTN_REGENERATE=1 cargo test -p gtn-ffi --test snapshots`. A005 (a
//! panic caught at the boundary) cannot be caused from outside; files that
//! cannot be read or written are `G002`/`G003`, as on the command line.
#![allow(unsafe_code, clippy::unwrap_used, clippy::expect_used, missing_docs)]

use gtn_ffi::abi::*;
use std::ffi::{c_char, CStr, CString};
use std::path::PathBuf;

fn answer(p: *mut c_char) -> String {
    assert!(!p.is_null());
    // SAFETY: `p` was just returned by a gtn function and is freed once below.
    let text = unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_owned();
    // SAFETY: as above.
    unsafe { gtn_string_free(p) };
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    serde_json::to_string_pretty(&v).unwrap() + "\n"
}

#[test]
fn every_abi_code_has_a_whole_answer_snapshot() {
    let bad_utf8 = CString::new(vec![b'/', 0xFF, 0xFE, b'.', b'x']).unwrap();
    let options = CString::new(r#"{"type": "3", "colour": "red"}"#).unwrap();
    let one = [b'<'];
    // SAFETY: every pointer is NULL where the test says so, or a
    // NUL-terminated string / a live buffer; the length of A006 is refused
    // before any byte is read.
    let got = unsafe {
        [
            (
                "A001-null",
                answer(gtn_check(std::ptr::null(), std::ptr::null())),
            ),
            (
                "A002-not-utf8",
                answer(gtn_validate_path(bad_utf8.as_ptr(), std::ptr::null())),
            ),
            ("A003-options", answer(gtn_plate_series(options.as_ptr()))),
            (
                "A006-length",
                answer(gtn_validate_bytes(
                    one.as_ptr(),
                    usize::MAX,
                    std::ptr::null(),
                    std::ptr::null(),
                )),
            ),
        ]
    };
    let mut snapshots = gtn_testkit::Snapshots::new(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/snapshots/ffi"),
    );
    for (name, text) in &got {
        let code = &name[..4];
        assert!(
            text.contains(&format!("\"code\": \"{code}\"")),
            "{name}: {text}"
        );
        snapshots.check(&format!("{name}.json"), text);
    }
    snapshots.finish();
}
