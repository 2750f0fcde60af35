//! The exchange file's format, defined once: every version's structure
//! (elements, order, cardinality, choices, attribute types with their
//! facets) as data, and the business rules gtn applies beyond the XSD as
//! one list with one code each ([`rules::RULES`]). The writer writes by
//! these tables and the validator checks by them.
//!
//! A version of the format is a module here (`v4_04.rs`: its tables and a
//! [`Version`] naming its XSD under `xsd/` and its rule list) plus one line
//! in [`VERSIONS`]. `tests/format_xsd.rs` proves each version's tables are
//! exactly its XSD (names, order, occurrences, use, facets).

pub mod rules;
pub mod v4_04;

/// One version of the format.
#[derive(Debug)]
pub struct Version {
    /// The value of ВерсФорм.
    pub version: &'static str,
    /// The XSD file under `xsd/` that this version's tables are.
    pub xsd: &'static str,
    /// The root element Файл and, through it, every element.
    pub root: &'static Elem,
    /// The business rules of this version.
    pub rules: &'static [rules::Rule],
}

/// Every version gtn knows, oldest first.
pub static VERSIONS: &[&Version] = &[&v4_04::VERSION];

/// The version gtn writes.
pub fn latest() -> &'static Version {
    VERSIONS[VERSIONS.len() - 1]
}

/// The version whose ВерсФорм is exactly `v` (as written, no trimming).
pub fn version(v: &str) -> Option<&'static Version> {
    VERSIONS.iter().copied().find(|x| x.version == v)
}

/// Value type of an attribute, with the facets of its XSD type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Ty {
    /// xs:string, minLength..maxLength characters (T(min-max)), whiteSpace preserve.
    Text(u16, u16),
    /// xs:string enumeration (whiteSpace preserve: compared as written).
    Enum(&'static [&'static str]),
    /// xs:integer with totalDigits = m and minInclusive = 1 (whiteSpace collapse).
    Int(u8),
    /// xs:decimal with totalDigits, fractionDigits (whiteSpace collapse).
    Dec(u8, u8),
    /// ДатаТип: xs:string, length 10, the ДД.ММ.ГГГГ pattern (1900-2099).
    Date,
    /// xs:gYear (whiteSpace collapse, optional time zone).
    Year,
    /// ИННЮЛТип: length 10, `([0-9][1-9]|[1-9][0-9])[0-9]{8}`.
    InnOrg,
    /// ИННФЛТип: length 12, `([0-9][1-9]|[1-9][0-9])[0-9]{10}`.
    InnPerson,
    /// КППТип: length 9, `([0-9][1-9]|[1-9][0-9])([0-9]{2})([0-9A-Z]{2})([0-9]{3})`.
    Kpp,
    /// ОГРНТип: length 13, `[0-9]{13}`.
    Ogrn,
    /// ОКСМТип: length 3, `[0-9]{3}`.
    Oksm,
    /// CCРФТип: length 2, `[0-9]{2}`.
    Ssrf,
    /// СПДУЛТип: length 2, `[0-9]{2}`.
    Spdul,
    /// КодОпер: xs:string, length 2.
    Operation,
    /// КодТип (СТТСТип): xs:string, length 2.
    VehicleType,
}

impl Ty {
    /// The length facets (minLength, maxLength) of a string type, in characters.
    pub fn length(self) -> Option<(usize, usize)> {
        Some(match self {
            Ty::Text(a, b) => (usize::from(a), usize::from(b)),
            Ty::Date => (10, 10),
            Ty::InnOrg => (10, 10),
            Ty::InnPerson => (12, 12),
            Ty::Kpp => (9, 9),
            Ty::Ogrn => (13, 13),
            Ty::Oksm => (3, 3),
            Ty::Ssrf | Ty::Spdul | Ty::Operation | Ty::VehicleType => (2, 2),
            Ty::Enum(v) => (
                v.iter().map(|s| s.chars().count()).min().unwrap_or(0),
                v.iter().map(|s| s.chars().count()).max().unwrap_or(0),
            ),
            Ty::Int(_) | Ty::Dec(..) | Ty::Year => return None,
        })
    }
}

/// One attribute.
#[derive(Debug)]
pub struct Attr {
    /// Name (a constant of [`crate::names::at`]).
    pub name: &'static str,
    /// use="required".
    pub required: bool,
    /// Type and facets.
    pub ty: Ty,
}

/// One element: its attributes (in the XSD's order, which the writer
/// follows) and its children in sequence. No children: empty content.
#[derive(Debug)]
pub struct Elem {
    /// Name (a constant of [`crate::names::el`]).
    pub name: &'static str,
    /// Attributes.
    pub attrs: &'static [Attr],
    /// Children in sequence.
    pub children: &'static [Child],
    /// The named complex type of the schema the element is declared with
    /// (a constant of [`crate::names::ty`]), `None` for an anonymous type:
    /// the only type `xsi:type` may name on it.
    pub xsd_type: Option<&'static str>,
}

impl Elem {
    /// The attribute named `name`.
    pub fn attr(&self, name: &str) -> Option<&'static Attr> {
        self.attrs
            .iter()
            .position(|a| a.name == name)
            .map(|i| &self.attrs[i])
    }

    /// The child element named `name`, anywhere in the sequence.
    pub fn child(&self, name: &str) -> Option<&'static Elem> {
        self.children
            .iter()
            .flat_map(|c| c.elems.iter())
            .find(|e| e.name == name)
            .copied()
    }
}

/// A position in a sequence: one of `elems` (a choice when several), `min..=max` times.
#[derive(Debug)]
pub struct Child {
    /// The element, or the alternatives of a choice.
    pub elems: &'static [&'static Elem],
    /// minOccurs.
    pub min: u32,
    /// maxOccurs (`u32::MAX`: unbounded).
    pub max: u32,
}

pub(crate) const fn req(name: &'static str, ty: Ty) -> Attr {
    Attr {
        name,
        required: true,
        ty,
    }
}

pub(crate) const fn opt(name: &'static str, ty: Ty) -> Attr {
    Attr {
        name,
        required: false,
        ty,
    }
}
