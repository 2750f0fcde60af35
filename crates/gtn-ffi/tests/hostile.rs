//! Hostile input through the C ABI itself: arbitrary bytes (not UTF-8,
//! inner NULs cut the string as C would, deep nesting, huge numbers) into
//! every argument of every function. Every answer must be one JSON object
//! with `"version"`, never NULL, never a panic across the boundary.
#![allow(unsafe_code, clippy::unwrap_used, clippy::expect_used)]

use gtn_ffi::abi::*;
use proptest::prelude::*;
use std::ffi::{c_char, CStr, CString};

/// Calls through the ABI and checks the answer's shape.
fn answer(p: *mut c_char) -> serde_json::Value {
    assert!(!p.is_null(), "NULL answer");
    // SAFETY: `p` was just returned by a gtn function and is freed once below.
    let text = unsafe { CStr::from_ptr(p) }
        .to_str()
        .expect("answer in UTF-8")
        .to_owned();
    // SAFETY: as above.
    unsafe { gtn_string_free(p) };
    let v: serde_json::Value = serde_json::from_str(&text).expect("answer is JSON");
    assert_eq!(v["version"], 1, "{text}");
    if v.get("ok") == Some(&serde_json::Value::Bool(false)) {
        assert_eq!(v["error"], v["errors"][0], "{text}");
        assert!(v["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()));
    }
    v
}

/// Bytes as a C string: cut at the first NUL, as C would see them.
fn c(bytes: &[u8]) -> CString {
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    CString::new(&bytes[..end]).unwrap()
}

fn text_like() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..64),
        "[\\PC]{0,40}".prop_map(String::into_bytes),
        proptest::string::string_regex(r#"\{("(type|region|today|date|number|year|force|max_errors|threads|calendar)":("3"|"4A"|18|"10"|"year"|-1|1e999|null|true|\[\]|\{\}|"77"|"2025-13-40")(,)?){0,4}\}?"#)
            .unwrap()
            .prop_map(String::into_bytes),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_anywhere_give_a_json_answer(a in text_like(), b in text_like(), data in proptest::collection::vec(any::<u8>(), 0..256)) {
        let (a, b) = (c(&a), c(&b));
        let out = std::env::temp_dir().join("gtn-ffi-hostile");
        let out = CString::new(out.to_string_lossy().as_bytes()).unwrap();
        // SAFETY: every pointer is a NUL-terminated string or a buffer of its length, alive for the call.
        unsafe {
            answer(gtn_plate_check(a.as_ptr(), b.as_ptr()));
            answer(gtn_plate_series(a.as_ptr()));
            answer(gtn_check(a.as_ptr(), b.as_ptr()));
            answer(gtn_validate_bytes(data.as_ptr(), data.len(), a.as_ptr(), b.as_ptr()));
            answer(gtn_validate_path(a.as_ptr(), b.as_ptr()));
            answer(gtn_generate(a.as_ptr(), b.as_ptr(), a.as_ptr(), out.as_ptr()));
        }
    }
}

#[test]
fn deep_nesting_and_huge_values_are_refused_in_words() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep = CString::new(deep).unwrap();
    let opts = CString::new(r#"{"type":"3"}"#).unwrap();
    // SAFETY: NUL-terminated strings alive for the calls.
    unsafe {
        let v = answer(gtn_check(deep.as_ptr(), std::ptr::null()));
        assert_eq!(v["error"]["code"], "E010");
        let v = answer(gtn_plate_check(deep.as_ptr(), opts.as_ptr()));
        assert_eq!(v["valid"], false);
        let v = answer(gtn_plate_series(deep.as_ptr()));
        assert_eq!(v["error"]["code"], "A003");
        let big = CString::new(format!(r#"{{"max_errors":{}}}"#, "9".repeat(400))).unwrap();
        let v = answer(gtn_validate_bytes(
            std::ptr::null(),
            0,
            std::ptr::null(),
            big.as_ptr(),
        ));
        assert_eq!(v["error"]["code"], "A003");
    }
}
