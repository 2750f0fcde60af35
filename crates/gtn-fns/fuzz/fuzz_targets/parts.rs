//! Differential: any bytes, checked in one pass and in parts on several
//! threads (tiny parts, so that cuts fall everywhere), give the same report.
#![no_main]

use gtn_fns::validate::{validate_path, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("gtn-fuzz-parts-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("VO_AVTOTS_9965_5024100010502401001_20250331_1.xml");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let one = Options {
        threads: 1,
        ..Options::default()
    };
    let many = Options {
        threads: 4,
        part_size: 64,
        ..Options::default()
    };
    let (Ok(a), Ok(mut b)) = (validate_path(&path, &one), validate_path(&path, &many)) else {
        return;
    };
    b.parts = a.parts;
    assert_eq!(a, b);
});
