//! The JSON printer: one compact document per run.

use serde::Serialize;

/// One compact JSON document (no trailing newline). Serialising the report
/// types cannot fail (string keys, no non-finite floats); if a caller's type
/// does, the result is an error report in JSON, still one document.
pub fn to_string<T: Serialize>(report: &T) -> String {
    serde_json::to_string(report).unwrap_or_else(|e| {
        let d = gtn_diag::Diagnostic::error(
            "G003",
            format!(
                "отчёт не преобразован в JSON: {}",
                gtn_diag::text::show(&e.to_string())
            ),
        );
        serde_json::to_string(&crate::ErrorReport::from(d)).unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::*;

    #[test]
    fn error_report_has_version_and_is_compact() {
        let r =
            ErrorReport::from(Diagnostic::error("G002", "нет такого файла").with_file("a.json"));
        assert_eq!(
            to_string(&r),
            r#"{"version":1,"ok":false,"errors":[{"code":"G002","severity":"error","file":"a.json","message":"нет такого файла"}]}"#
        );
    }
}
