#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
//! The format is defined once: each version's Rust tables
//! (`gtn_fns::format`), which the writer and the validator use, are
//! exactly the XSD checked in under `xsd/` — element names, order,
//! minOccurs/maxOccurs, choices, attribute names, order, use, and the type
//! with its facets. A change to either without the other fails here.

mod support;
use gtn_fns::format::{self, Elem, Ty};
use quick_xml::events::Event;
use std::collections::HashMap;

/// A minimal DOM of the XSD.
#[derive(Debug, Default)]
struct Node {
    name: String,
    attrs: HashMap<String, String>,
    children: Vec<Node>,
}

impl Node {
    fn get(&self, a: &str) -> Option<&str> {
        self.attrs.get(a).map(String::as_str)
    }
    fn kids<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
    fn kid(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }
}

fn parse(path: &std::path::Path) -> Node {
    let raw = std::fs::read(path).unwrap();
    let text = encoding_rs::WINDOWS_1251.decode(&raw).0.into_owned();
    let mut r = quick_xml::Reader::from_str(&text);
    let mut stack = vec![Node::default()];
    let node = |e: &quick_xml::events::BytesStart<'_>| Node {
        name: String::from_utf8_lossy(e.name().into_inner()).into_owned(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.unwrap();
                (
                    String::from_utf8_lossy(a.key.into_inner()).into_owned(),
                    a.unescape_value().unwrap().into_owned(),
                )
            })
            .collect(),
        children: Vec::new(),
    };
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) => stack.push(node(&e)),
            Event::Empty(e) => {
                let n = node(&e);
                stack.last_mut().unwrap().children.push(n);
            }
            Event::End(_) => {
                let n = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(n);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    stack.pop().unwrap().children.remove(0)
}

/// Named simple types that are identifier types of the tables.
fn named(ty: &str) -> Option<Ty> {
    Some(match ty {
        "ИННЮЛТип" => Ty::InnOrg,
        "ИННФЛТип" => Ty::InnPerson,
        "КППТип" => Ty::Kpp,
        "ОГРНТип" => Ty::Ogrn,
        "ОКСМТип" => Ty::Oksm,
        "CCРФТип" => Ty::Ssrf,
        "СПДУЛТип" => Ty::Spdul,
        "ДатаТип" => Ty::Date,
        "СТТСТип" => Ty::VehicleType,
        _ => return None,
    })
}

/// A type as text: from the tables.
fn describe_ty(ty: Ty) -> String {
    match ty {
        Ty::Text(a, b) => format!("string[{a},{b}]"),
        Ty::Enum(v) => format!("enum[{}]", v.join("|")),
        Ty::Int(d) => format!("integer[{d} digits, ≥1]"),
        Ty::Dec(t, f) => format!("decimal[{t}.{f}]"),
        Ty::Year => "xs:gYear".into(),
        // КодОпер is an inline string of length 2 in the XSD.
        Ty::Operation => "string[2,2]".into(),
        other => format!("{other:?}"),
    }
}

/// A type as text: from the XSD (`simple` is a restriction's xs:simpleType).
fn describe_xsd(schema: &Node, type_name: Option<&str>, simple: Option<&Node>) -> String {
    if let Some(t) = type_name {
        if let Some(ty) = named(t) {
            return format!("{ty:?}");
        }
        if t.starts_with("xs:") {
            return t.to_owned();
        }
        let st = schema
            .kids("xs:simpleType")
            .find(|s| s.get("name") == Some(t))
            .unwrap_or_else(|| panic!("type {t} not in the XSD"));
        return describe_xsd(schema, None, Some(st));
    }
    let r = simple
        .and_then(|s| s.kid("xs:restriction"))
        .expect("restriction");
    let facet = |n: &str| r.kid(n).and_then(|f| f.get("value")).map(str::to_owned);
    let enums: Vec<&str> = r
        .kids("xs:enumeration")
        .filter_map(|e| e.get("value"))
        .collect();
    match r.get("base") {
        Some("xs:string") if !enums.is_empty() => {
            // The enumeration's values satisfy the length facets.
            let min: usize = facet("xs:minLength")
                .or(facet("xs:length"))
                .map_or(0, |v| v.parse().unwrap());
            let max: usize = facet("xs:maxLength")
                .or(facet("xs:length"))
                .map_or(usize::MAX, |v| v.parse().unwrap());
            for e in &enums {
                let n = e.chars().count();
                assert!(
                    n >= min && n <= max,
                    "enumeration {e} outside its length facets"
                );
            }
            format!("enum[{}]", enums.join("|"))
        }
        Some("xs:string") => {
            assert!(
                r.kid("xs:pattern").is_none(),
                "a pattern on an unnamed string type"
            );
            let (a, b) = match facet("xs:length") {
                Some(l) => (l.clone(), l),
                None => (
                    facet("xs:minLength").unwrap(),
                    facet("xs:maxLength").unwrap(),
                ),
            };
            format!("string[{a},{b}]")
        }
        Some("xs:integer") => {
            assert_eq!(facet("xs:minInclusive").as_deref(), Some("1"));
            format!("integer[{} digits, ≥1]", facet("xs:totalDigits").unwrap())
        }
        Some("xs:decimal") => format!(
            "decimal[{}.{}]",
            facet("xs:totalDigits").unwrap(),
            facet("xs:fractionDigits").unwrap()
        ),
        other => panic!("base {other:?} not known to this test"),
    }
}

fn occurs(n: &Node) -> (String, String) {
    (
        n.get("minOccurs").unwrap_or("1").to_owned(),
        n.get("maxOccurs").unwrap_or("1").to_owned(),
    )
}

/// Lines describing an element of the XSD and everything under it.
fn from_xsd(schema: &Node, e: &Node, path: &str, out: &mut Vec<String>) {
    let name = e.get("name").unwrap();
    let path = if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}/{name}")
    };
    if let Some(t) = e.get("type") {
        out.push(format!("{path}: type {t}"));
    }
    let ct = match e.get("type") {
        Some(t) => schema
            .kids("xs:complexType")
            .find(|c| c.get("name") == Some(t))
            .unwrap_or_else(|| panic!("complex type {t}")),
        None => e.kid("xs:complexType").expect("complexType"),
    };
    if let Some(seq) = ct.kid("xs:sequence") {
        for item in &seq.children {
            match item.name.as_str() {
                "xs:element" => {
                    let (a, b) = occurs(item);
                    out.push(format!(
                        "{path}: child {} {a}..{b}",
                        item.get("name").unwrap()
                    ));
                }
                "xs:choice" => {
                    let (a, b) = occurs(item);
                    let names: Vec<&str> = item
                        .kids("xs:element")
                        .map(|x| x.get("name").unwrap())
                        .collect();
                    out.push(format!("{path}: child {} {a}..{b}", names.join("|")));
                }
                other => panic!("{other} in a sequence"),
            }
        }
        for item in &seq.children {
            let elems: Vec<&Node> = if item.name == "xs:choice" {
                item.kids("xs:element").collect()
            } else {
                vec![item]
            };
            for x in elems {
                from_xsd(schema, x, &path, out);
            }
        }
    }
    for a in ct.kids("xs:attribute") {
        let ty = describe_xsd(schema, a.get("type"), a.kid("xs:simpleType"));
        out.push(format!(
            "{path}/@{} {} {ty}",
            a.get("name").unwrap(),
            a.get("use").unwrap_or("optional")
        ));
    }
}

fn from_tables(e: &Elem, path: &str, out: &mut Vec<String>) {
    let path = if path.is_empty() {
        e.name.to_owned()
    } else {
        format!("{path}/{}", e.name)
    };
    if let Some(t) = e.xsd_type {
        out.push(format!("{path}: type {t}"));
    }
    for c in e.children {
        let names: Vec<&str> = c.elems.iter().map(|x| x.name).collect();
        let max = if c.max == u32::MAX {
            "unbounded".to_owned()
        } else {
            c.max.to_string()
        };
        out.push(format!(
            "{path}: child {} {}..{max}",
            names.join("|"),
            c.min
        ));
    }
    for c in e.children {
        for x in c.elems {
            from_tables(x, &path, out);
        }
    }
    for a in e.attrs {
        let u = if a.required { "required" } else { "optional" };
        out.push(format!("{path}/@{} {u} {}", a.name, describe_ty(a.ty)));
    }
}

#[test]
fn every_version_s_tables_are_its_xsd() {
    for v in format::VERSIONS {
        let schema = parse(&support::root().join("xsd").join(v.xsd));
        let root = schema.kid("xs:element").unwrap();
        let mut xsd = Vec::new();
        from_xsd(&schema, root, "", &mut xsd);
        let mut tables = Vec::new();
        from_tables(v.root, "", &mut tables);
        assert!(xsd.len() > 100, "{} lines read from the XSD", xsd.len());
        let only_xsd: Vec<_> = xsd.iter().filter(|l| !tables.contains(l)).collect();
        let only_tables: Vec<_> = tables.iter().filter(|l| !xsd.contains(l)).collect();
        assert!(
            only_xsd.is_empty() && only_tables.is_empty() && xsd == tables,
            "version {}: only in the XSD {only_xsd:#?}\nonly in the tables {only_tables:#?}",
            v.version
        );
    }
}

#[test]
fn the_writer_writes_the_latest_version_and_rules_are_unique() {
    assert_eq!(format::latest().version, "4.04");
    let mut codes: Vec<&str> = format::rules::RULES.iter().map(|r| r.code).collect();
    codes.sort_unstable();
    let n = codes.len();
    codes.dedup();
    assert_eq!(codes.len(), n, "a code twice in the rules");
}

/// Each business rule is explained once, in the registry of codes: its
/// meaning, why it is checked and its severity (error or warning).
#[test]
fn every_business_rule_is_in_the_registry_with_its_reason() {
    for r in format::rules::RULES {
        let info = r
            .info()
            .unwrap_or_else(|| panic!("{}: not in the registry of codes", r.code));
        assert!(
            !info.why.trim().is_empty(),
            "{}: no `why` in the registry",
            r.code
        );
        assert!(
            matches!(
                info.severity,
                gtn_diag::Severity::Error | gtn_diag::Severity::Warning
            ),
            "{}: a business rule is an error or a warning",
            r.code
        );
        assert_eq!(
            format::rules::severity(r.code) == format::rules::Severity::Warning,
            info.severity == gtn_diag::Severity::Warning,
            "{}",
            r.code
        );
    }
    assert_eq!(
        format::rules::severity("V035"),
        format::rules::Severity::Error,
        "XSD-level codes are errors"
    );
}

/// The README documents every business rule (its code in the table).
#[test]
fn readme_lists_every_business_rule() {
    let readme = std::fs::read_to_string(support::root().join("README.md")).unwrap();
    for r in format::rules::RULES {
        assert!(
            readme.contains(&format!("| `{}` |", r.code)),
            "README lacks the rule {}",
            r.code
        );
    }
}
