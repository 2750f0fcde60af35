//! The exported C functions. This is the only module with `unsafe`: the
//! conversions of C pointers into Rust values and back. Everything else is
//! safe Rust in [`crate::ops`].
//!
//! Every function runs its work inside `guard`, which catches a panic
//! (no unwinding crosses into C) and always returns an owned, NUL-terminated
//! JSON string: never NULL.
#![allow(unsafe_code)]

use crate::error;
use crate::json;
use crate::ops::{self, arg, Answer};
use gtn_diag::Diagnostic;
use std::ffi::{c_char, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;

/// Answer given when even the error could not be turned into a C string
/// (it cannot happen: serde_json escapes NUL as `\u0000`).
const LAST_RESORT: &CStr = c"{\"version\":1,\"ok\":false,\"errors\":[{\"code\":\"A005\",\"severity\":\"error\",\"message\":\"внутренняя ошибка gtn: ответ не удалось сформировать\"}],\"error\":{\"code\":\"A005\",\"severity\":\"error\",\"message\":\"внутренняя ошибка gtn: ответ не удалось сформировать\"}}";

/// Reads a required C string.
///
/// # Safety
/// `ptr` is NULL or points to a NUL-terminated string that stays valid and
/// unchanged for the lifetime `'a` (the call: the header requires it).
unsafe fn required<'a>(ptr: *const c_char, name: &str) -> Result<&'a str, Diagnostic> {
    if ptr.is_null() {
        return Err(error::null(name));
    }
    // SAFETY: `ptr` is not NULL (checked above), and the caller guarantees
    // a NUL-terminated string valid for reads during the call.
    let c = unsafe { CStr::from_ptr(ptr) };
    c.to_str()
        .map_err(|e| error::not_utf8(name, e.valid_up_to()))
}

/// Reads an optional C string: NULL is `None`.
///
/// # Safety
/// As [`required`].
unsafe fn optional<'a>(ptr: *const c_char, name: &str) -> Result<Option<&'a str>, Diagnostic> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: not NULL; the same contract as `required`, which we pass on.
    unsafe { required(ptr, name) }.map(Some)
}

/// Turns an answer into an owned C string for the caller.
fn to_c(answer: Answer) -> *mut c_char {
    let text = match answer {
        Ok(v) => v,
        Err(report) => json::error(report),
    };
    match CString::new(text) {
        Ok(c) => c.into_raw(),
        Err(_) => LAST_RESORT.to_owned().into_raw(),
    }
}

/// Runs `work`, catching any panic: a panic becomes the error `A005`.
pub(crate) fn guard(work: impl FnOnce() -> Answer) -> *mut c_char {
    match catch_unwind(AssertUnwindSafe(|| to_c(work()))) {
        Ok(p) => p,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "паника без сообщения".to_owned());
            catch_unwind(AssertUnwindSafe(|| {
                to_c(Err(error::internal(&what).into()))
            }))
            .unwrap_or_else(|_| LAST_RESORT.to_owned().into_raw())
        }
    }
}

/// The version of the library and of what it implements, as JSON:
/// `{"version":1,"name":"gtn","gtn":"0.1.0","abi":1,"fns_format":"4.04",
/// "fns_xsd":"…","fns_formats":["4.04"],"rules":"…"}`
/// (`version`: of the JSON shapes, as in every answer).
///
/// The string is static: do NOT pass it to `gtn_string_free`. Never NULL.
#[no_mangle]
pub extern "C" fn gtn_version() -> *const c_char {
    static VERSION: OnceLock<CString> = OnceLock::new();
    VERSION
        .get_or_init(|| {
            catch_unwind(|| CString::new(json::version()).ok())
                .ok()
                .flatten()
                .unwrap_or_else(|| LAST_RESORT.to_owned())
        })
        .as_ptr()
}

/// Checks an FNS exchange file VO_AVTOTS (format 4.04) on disk, or every
/// `*.xml` file of a folder: the JSON of `gtn validate PATH --format json`,
/// `{"version":1,"files":[{"path","valid","errors","warnings","report"}],"unreadable":[],"valid":bool}`.
///
/// `path`: required. A file that cannot be read gives the error `G002`; in a
/// folder, unreadable files are listed under `"unreadable"`. A file whose
/// read fails after findings keeps them, as `gtn` does: its entry is closed
/// as stopped (not valid) and the error is listed under `"unreadable"`.
/// `options_json`: NULL or `{"max_errors":N,"threads":N}` (threads: 0 means
/// one per processor; the findings are the same for any number).
///
/// # Safety
/// Every non-NULL pointer is a NUL-terminated string, valid for the call.
#[no_mangle]
pub unsafe extern "C" fn gtn_validate_path(
    path: *const c_char,
    options_json: *const c_char,
) -> *mut c_char {
    guard(|| {
        // SAFETY: the caller's contract above, passed on.
        let path = unsafe { required(path, arg::PATH) }?;
        // SAFETY: as above.
        let options = unsafe { optional(options_json, arg::OPTIONS) }?;
        ops::validate_path(path, options)
    })
}

/// Checks an FNS exchange file held in memory: `len` bytes at `data` (the
/// file as it is, windows-1251), named `file_name` (without folder; NULL:
/// the name is not checked). The same JSON as `gtn_validate_path` for one file.
///
/// `data` may be NULL only when `len` is 0.
/// `options_json`: NULL or `{"max_errors":N}`.
///
/// # Safety
/// `data` points to `len` readable bytes, unchanged during the call; every
/// non-NULL string pointer is a NUL-terminated string, valid for the call.
#[no_mangle]
pub unsafe extern "C" fn gtn_validate_bytes(
    data: *const u8,
    len: usize,
    file_name: *const c_char,
    options_json: *const c_char,
) -> *mut c_char {
    guard(|| {
        let bytes: &[u8] = if len == 0 {
            &[]
        } else if data.is_null() {
            return Err(error::null(arg::DATA).into());
        } else if len > isize::MAX as usize {
            return Err(error::length(arg::DATA, len).into());
        } else {
            // SAFETY: `data` is not NULL, `len` is at most isize::MAX, and the
            // caller guarantees `len` readable bytes at `data`, unchanged and
            // not freed during the call; the slice does not outlive the call.
            unsafe { std::slice::from_raw_parts(data, len) }
        };
        // SAFETY: the caller's contract above, passed on.
        let name = unsafe { optional(file_name, arg::FILE_NAME) }?;
        // SAFETY: as above.
        let options = unsafe { optional(options_json, arg::OPTIONS) }?;
        ops::validate_bytes(bytes, name, options)
    })
}

/// Decides on an application under the Rules No. 1507: the JSON of
/// `gtn check --format json` (outcome, every ground of п. 58 with its facts,
/// suspension, what to issue, deadlines, the refusal notice).
///
/// `application_json`: required, the shape of `gtn_rules::Application`
/// (see examples/applications/). A malformed application gives `E010` with
/// line, column and field.
/// `options_json`: NULL or `{"today":"YYYY-MM-DD","calendar":"office.tsv",
/// "edition":"edition.json","issued":["0001 КА 82",…]}` (today: default the
/// current date; calendar: a file of regional holidays or further years, the
/// format of `gtn check --calendar`; edition: a file with the edition of the
/// Rules and its window, as `gtn check --edition`; issued: plates already
/// issued, as the lines of `gtn check --issued`: the decision names the next
/// free one; every bad plate is an error naming `issued[i]`).
///
/// # Safety
/// Every non-NULL pointer is a NUL-terminated string, valid for the call.
#[no_mangle]
pub unsafe extern "C" fn gtn_check(
    application_json: *const c_char,
    options_json: *const c_char,
) -> *mut c_char {
    guard(|| {
        // SAFETY: the caller's contract above, passed on.
        let app = unsafe { required(application_json, arg::APPLICATION) }?;
        // SAFETY: as above.
        let options = unsafe { optional(options_json, arg::OPTIONS) }?;
        ops::check(app, options)
    })
}

/// Checks a registration plate against its syntax and the series of its
/// region (п. 34-44, Appendices 4-5): the JSON of
/// `gtn plate check --format json`, `{"version":1,"valid":true,"input","canonical","display","plate"}`
/// or `{"version":1,"valid":false,"input","errors":[{"code","severity","value","message"}]}`.
///
/// `plate`: required, in any common spelling (`"1234 ab 77"`).
/// `options_json`: required member `{"type":"3"}` (`"3"`, `"4А"`, `"18"`).
///
/// # Safety
/// Every non-NULL pointer is a NUL-terminated string, valid for the call.
#[no_mangle]
pub unsafe extern "C" fn gtn_plate_check(
    plate: *const c_char,
    options_json: *const c_char,
) -> *mut c_char {
    guard(|| {
        // SAFETY: the caller's contract above, passed on.
        let plate = unsafe { required(plate, arg::PLATE) }?;
        // SAFETY: as above.
        let options = unsafe { optional(options_json, arg::OPTIONS) }?;
        ops::plate_check(plate, options)
    })
}

/// The plate series of a region: the JSON of `gtn plate series --format json`,
/// `{"version":1,"code":"77","type":"3","series":["АА",…]}`.
///
/// `options_json`: `{"region":"77","type":"3"}`, both required; the region
/// is its plate code or its name (`"г. Москва"`).
///
/// # Safety
/// `options_json` is NULL or a NUL-terminated string, valid for the call.
#[no_mangle]
pub unsafe extern "C" fn gtn_plate_series(options_json: *const c_char) -> *mut c_char {
    guard(|| {
        // SAFETY: the caller's contract above, passed on.
        let options = unsafe { optional(options_json, arg::OPTIONS) }?;
        ops::plate_series(options)
    })
}

/// Writes an FNS exchange file VO_AVTOTS (format 4.04, windows-1251) into
/// `out_dir` under its FNS name: the JSON of `gtn generate --format json`,
/// `{"version":1,"written":true,"path","documents"}` when written, or
/// `{"version":1,"written":false,"errors":[{"code","severity","file","line","column","path","message"}],"more":N}`
/// when any record is bad (then nothing is written; `more` only when
/// more errors were counted than kept).
///
/// `sender_json`: required, the sender profile as JSON (the fields of
/// examples/sender.toml). `records_jsonl`: required, JSON Lines, one record
/// a line. `out_dir`: required, created if absent. `options_json`:
/// `{"type":"10"|"year","year":2025,"date":"YYYY-MM-DD","number":"1","force":false}`,
/// `type` required. The file is written to a temporary file and moved into
/// place when complete; an existing file is replaced only with `"force":true`.
///
/// # Safety
/// Every non-NULL pointer is a NUL-terminated string, valid for the call.
#[no_mangle]
pub unsafe extern "C" fn gtn_generate(
    sender_json: *const c_char,
    records_jsonl: *const c_char,
    options_json: *const c_char,
    out_dir: *const c_char,
) -> *mut c_char {
    guard(|| {
        // SAFETY: the caller's contract above, passed on.
        let sender = unsafe { required(sender_json, arg::SENDER) }?;
        // SAFETY: as above.
        let records = unsafe { required(records_jsonl, arg::RECORDS) }?;
        // SAFETY: as above.
        let options = unsafe { optional(options_json, arg::OPTIONS) }?;
        // SAFETY: as above.
        let out_dir = unsafe { required(out_dir, arg::OUT_DIR) }?;
        ops::generate_file(sender, records, options, out_dir)
    })
}

/// Releases a string returned by any gtn function except `gtn_version`.
/// NULL is ignored. Each string is freed once.
///
/// # Safety
/// `s` is NULL or a pointer returned by a gtn function (not `gtn_version`)
/// and not freed before.
#[no_mangle]
pub unsafe extern "C" fn gtn_string_free(s: *mut c_char) {
    if s.is_null() {
        return;
    }
    // SAFETY: `s` came from `CString::into_raw` in `to_c` (the only way a
    // gtn function returns an owned string) and has not been freed yet, as
    // the caller guarantees; from_raw takes it back and drops it.
    drop(unsafe { CString::from_raw(s) });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Takes back a returned string as Rust text.
    fn take(p: *mut c_char) -> String {
        assert!(!p.is_null());
        // SAFETY: `p` was just returned by a gtn function.
        let s = unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_owned();
        // SAFETY: as above; freed once.
        unsafe { gtn_string_free(p) };
        s
    }

    #[test]
    fn a_panic_becomes_error_a005() {
        let s = take(guard(|| panic!("проверка")));
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v["error"]["code"], "A005");
        assert_eq!(v["errors"][0], v["error"]);
        assert_eq!(v["ok"], false);
        assert!(v["error"]["message"].as_str().unwrap().contains("проверка"));
        let s = take(guard(|| std::panic::panic_any(42)));
        assert!(s.contains("паника без сообщения"), "{s}");
    }

    #[test]
    fn null_arguments_are_errors_not_crashes() {
        // SAFETY: NULL is allowed by every function's contract.
        let s = take(unsafe { gtn_check(std::ptr::null(), std::ptr::null()) });
        assert!(
            s.contains("\"A001\"") && s.contains("application_json"),
            "{s}"
        );
        // SAFETY: NULL data with a length is refused before any read.
        let s = take(unsafe {
            gtn_validate_bytes(std::ptr::null(), 5, std::ptr::null(), std::ptr::null())
        });
        assert!(s.contains("\"A001\"") && s.contains("data"), "{s}");
        // SAFETY: NULL is ignored.
        unsafe { gtn_string_free(std::ptr::null_mut()) };
    }

    #[test]
    fn invalid_utf8_is_error_a002() {
        let bad = c"12\xff34";
        // SAFETY: a NUL-terminated literal.
        let s = take(unsafe { gtn_plate_check(bad.as_ptr(), c"{\"type\":\"3\"}".as_ptr()) });
        assert!(s.contains("\"A002\"") && s.contains("позиции 2"), "{s}");
    }

    #[test]
    fn the_last_resort_is_json_of_the_same_shape() {
        let v: serde_json::Value = serde_json::from_str(LAST_RESORT.to_str().unwrap()).unwrap();
        assert_eq!(v["error"]["code"], "A005");
        assert_eq!(v["errors"][0], v["error"]);
    }

    #[test]
    fn version_is_static_json() {
        let p = gtn_version();
        assert_eq!(p, gtn_version());
        // SAFETY: static NUL-terminated string.
        let s = unsafe { CStr::from_ptr(p) }.to_str().unwrap();
        let v: serde_json::Value = serde_json::from_str(s).unwrap();
        assert_eq!(v["fns_format"], "4.04");
        assert_eq!(v["version"], gtn_report::FORMAT_VERSION);
        assert_eq!(v["abi"], 1);
    }
}
