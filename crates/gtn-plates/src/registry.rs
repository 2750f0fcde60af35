//! The registry: look-ups and checks over Appendices 4 and 5.

use crate::appendix::{Appendix, AppendixRow, Repair, APPENDIX_4, APPENDIX_5};
use crate::names;
use crate::{LoadError, RegistryError};
use gtn_model::{Plate, PlateType, RegionCode};
use std::sync::OnceLock;

/// Реестр серий государственных регистрационных знаков (п. 36, Приложения № 4 и 5).
///
/// Type 3 uses Appendix 4 and type 4А Appendix 5. For type 18 «ТРАНЗИТ»
/// the Rules give no series of their own (public sources on the transit plate's layout disagree); the
/// registry uses the region's type-3 series unless a separate list is
/// loaded with [`Registry::with_transit`].
#[derive(Debug, Clone)]
pub struct Registry {
    appendix4: Appendix,
    appendix5: Appendix,
    transit: Option<Appendix>,
}

impl Registry {
    /// Builds a registry from loaded appendices (an office may load updated files).
    pub fn new(appendix4: Appendix, appendix5: Appendix) -> Self {
        Self {
            appendix4,
            appendix5,
            transit: None,
        }
    }

    /// Loads both appendices from text in the format of `data/appendix4.tsv`.
    pub fn load(appendix4: &str, appendix5: &str) -> Result<Self, LoadError> {
        Ok(Self::new(
            Appendix::parse(4, "Приложение № 4", appendix4)?,
            Appendix::parse(5, "Приложение № 5", appendix5)?,
        ))
    }

    /// Uses a separate series list for type 18 «ТРАНЗИТ».
    pub fn with_transit(mut self, transit: Appendix) -> Self {
        self.transit = Some(transit);
        self
    }

    /// The registry of the built-in appendices, loaded once.
    pub fn builtin() -> &'static Registry {
        static R: OnceLock<Registry> = OnceLock::new();
        R.get_or_init(|| {
            Registry::load(APPENDIX_4, APPENDIX_5).unwrap_or_else(|_| {
                // Unreachable: the built-in files are checked by the tests.
                let empty = |n| Appendix {
                    number: n,
                    rows: Vec::new(),
                    repairs: Vec::new(),
                    meta: Vec::new(),
                };
                Registry::new(empty(4), empty(5))
            })
        })
    }

    /// The appendix that governs a plate type.
    pub fn appendix(&self, t: PlateType) -> &Appendix {
        match t {
            PlateType::Type3 => &self.appendix4,
            PlateType::Type4A => &self.appendix5,
            PlateType::Transit => self.transit.as_ref().unwrap_or(&self.appendix4),
        }
    }

    /// Repairs the loader made to the source text, for every appendix.
    pub fn repairs(&self) -> impl Iterator<Item = &Repair> {
        self.appendix4
            .repairs
            .iter()
            .chain(&self.appendix5.repairs)
            .chain(self.transit.iter().flat_map(|t| &t.repairs))
    }

    /// Series of a region code for a plate type, in the appendix order.
    pub fn series(&self, code: &str, t: PlateType) -> Option<&[String]> {
        self.appendix(t).row(code).map(|r| r.series.as_slice())
    }

    /// Every region code of a plate type, in the appendix order.
    pub fn codes(&self, t: PlateType) -> impl Iterator<Item = &str> {
        self.appendix(t).rows.iter().map(|r| r.code.as_str())
    }

    /// Regions to which a series is assigned for a plate type (a series may
    /// belong to several codes, e.g. КМ: 08, 10, …).
    pub fn regions_for_series(&self, series: &str, t: PlateType) -> Vec<&AppendixRow> {
        let s: Option<String> = series
            .trim()
            .chars()
            .map(gtn_model::plate::plate_letter)
            .collect();
        let Some(s) = s else { return Vec::new() };
        self.appendix(t)
            .rows
            .iter()
            .filter(|r| r.series.contains(&s))
            .collect()
    }

    /// The plate region code for a region name, case-insensitive and tolerant
    /// of «г.», «обл.»: `"г. Москва"` → `77`, `"Республика Крым"` → `82`.
    pub fn code_for_name(&self, name: &str) -> Result<&str, RegistryError> {
        let query = names::forms(name);
        let found: Vec<&AppendixRow> = self
            .appendix4
            .rows
            .iter()
            .filter(|r| names::forms(&r.name).iter().any(|f| query.contains(f)))
            .collect();
        match found.as_slice() {
            [one] => Ok(&one.code),
            [] => Err(RegistryError::UnknownRegion {
                query: name.to_owned(),
                reason: "нет в Приложении № 4".to_owned(),
            }),
            many => Err(RegistryError::UnknownRegion {
                query: name.to_owned(),
                reason: format!(
                    "подходит несколько регионов: {}",
                    many.iter()
                        .map(|r| r.name.as_str())
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
            }),
        }
    }

    /// The plate region code for the region of the owner's registration given
    /// as an ССРФ code (п. 40-41). Plate codes differ from ССРФ codes: Крым
    /// is 91 in ССРФ and 82 on plates, Чечня 20 and 95. Regions without a
    /// code in Appendix 4 (80, 81, 84, 85, 99) are an error.
    pub fn code_for_ssrf(&self, region: RegionCode) -> Result<&str, RegistryError> {
        self.code_for_name(region.name())
            .map_err(|_| RegistryError::UnknownRegion {
                query: format!("{} (ССРФ {})", region.name(), region),
                reason: "за регионом не закреплён код в Приложении № 4".to_owned(),
            })
    }

    /// Checks a plate against the registry: its code exists for its type and
    /// its series is assigned to that code (п. 36).
    pub fn check(&self, plate: &Plate) -> Result<(), RegistryError> {
        let a = self.appendix(plate.plate_type);
        let row = a
            .row(&plate.code)
            .ok_or_else(|| RegistryError::UnknownCode {
                code: plate.code.clone(),
                plate_type: plate.plate_type,
                appendix: a.number,
            })?;
        if !row.series.contains(&plate.series) {
            return Err(RegistryError::SeriesNotAllowed {
                series: plate.series.clone(),
                code: plate.code.clone(),
                plate_type: plate.plate_type,
                appendix: a.number,
                allowed: row.series.join(", "),
            });
        }
        Ok(())
    }

    /// Parses and checks a plate in one step.
    pub fn parse(&self, t: PlateType, input: &str) -> Result<Plate, RegistryError> {
        let p = Plate::parse(t, input)?;
        self.check(&p)?;
        Ok(p)
    }
}
