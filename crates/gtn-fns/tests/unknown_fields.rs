#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
//! Issue 12, defect 2: an unknown or misspelt field anywhere in a record or
//! in the sender profile is refused with its path, never silently dropped
//! (`power_kW` for `power_hp` once gave a file with МощДвЛС="0").
//!
//! The tests walk every object of the bundled examples (which we did not
//! write for this test), add a field nobody knows at that place, and expect
//! an error that names it.

mod support;
use gtn_fns::input;
use serde_json::Value;

/// Paths of every JSON object inside `v` (the root is "").
fn object_paths(v: &Value, path: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            out.push(path.to_owned());
            for (k, x) in m {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                object_paths(x, &p, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                object_paths(x, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

fn at<'a>(v: &'a mut Value, path: &str) -> &'a mut Value {
    if path.is_empty() {
        return v;
    }
    path.split('.')
        .fold(v, |v, k| v.get_mut(k).expect("path exists"))
}

#[test]
fn unknown_field_is_refused_at_every_level_of_every_example_record() {
    let text = std::fs::read_to_string(support::root().join("examples/records.jsonl")).unwrap();
    let mut checked = 0;
    for (i, line) in text.lines().enumerate() {
        let v: Value = serde_json::from_str(line).unwrap();
        input::parse_record("r.jsonl", i + 1, line).expect("the example is good");
        let mut paths = Vec::new();
        object_paths(&v, "", &mut paths);
        for p in paths.iter().filter(|p| !p.contains('[')) {
            let mut bad = v.clone();
            at(&mut bad, p)
                .as_object_mut()
                .unwrap()
                .insert("power_kW".into(), Value::from(81));
            let e = input::parse_record("r.jsonl", i + 1, &bad.to_string())
                .expect_err(&format!("line {}: unknown field at «{p}» accepted", i + 1));
            assert!(e.message.contains("power_kW"), "line {}, {p}: {}", i + 1, e);
            let field = e.field.clone().unwrap_or_default();
            assert!(
                field.starts_with(p.as_str()),
                "line {}: the error must name the place «{p}», got «{field}»: {e}",
                i + 1
            );
            checked += 1;
        }
    }
    // 36 records, each with a dozen or so objects.
    assert!(checked > 300, "{checked}");
}

#[test]
fn power_kw_misspelt_is_an_error_not_zero_power() {
    let text = std::fs::read_to_string(support::root().join("examples/records.jsonl")).unwrap();
    let line = text.lines().next().unwrap().replace("power_hp", "power_kW");
    let e = input::parse_record("r.jsonl", 1, &line).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("machine.engine.power_kW"), "{e}");
    assert!(e.message.contains("power_kW"), "{e}");
}

#[test]
fn unknown_field_is_refused_at_every_level_of_the_sender_profile() {
    let path = support::root().join("examples/sender.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let v: toml::Table = toml::from_str(&text).unwrap();
    let json = serde_json::to_value(&v).unwrap();
    let mut paths = Vec::new();
    object_paths(&json, "", &mut paths);
    assert!(paths.len() >= 5, "{paths:?}");
    for p in &paths {
        let mut bad = json.clone();
        at(&mut bad, p)
            .as_object_mut()
            .unwrap()
            .insert("postal_cod".into(), Value::from("143407"));
        // The same profile in both accepted syntaxes.
        let as_toml = toml::to_string(&bad).unwrap();
        let e = input::parse_sender("s.toml", &as_toml)
            .expect_err(&format!("TOML: unknown field at «{p}» accepted"));
        assert!(e.message.contains("postal_cod"), "{p}: {e}");
        let e = input::parse_sender("s.json", &bad.to_string())
            .expect_err(&format!("JSON: unknown field at «{p}» accepted"));
        assert!(e.message.contains("postal_cod"), "{p}: {e}");
        let field = e.field.clone().unwrap_or_default();
        assert!(field.starts_with(p.as_str()), "«{p}» vs «{field}»: {e}");
    }
}
