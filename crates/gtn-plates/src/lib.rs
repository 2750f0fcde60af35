//! Plate series registry of the Rules of state registration of self-propelled
//! machines (п. 34-44, Appendices 4 and 5): which series each region code may
//! issue, checking a plate against them, and allocating the next free plate.
//!
//! ```
//! use gtn_plates::{Registry, Allocator};
//! use gtn_model::PlateType;
//! let reg = Registry::builtin();
//! assert_eq!(reg.series("47", PlateType::Type3).unwrap()[11], "ХУ"); // source: «XU»
//! let plate = reg.parse(PlateType::Type3, "1234 ab 77")?;
//! assert_eq!(plate.canonical(), "1234АВ77");
//! assert!(reg.parse(PlateType::Type3, "1234 КМ 77").is_err()); // not a Moscow series
//!
//! let mut alloc = Allocator::new(reg, "77", PlateType::Type3, [plate])?;
//! assert_eq!(alloc.next_free()?.to_string(), "0001 АА 77");
//! # Ok::<(), gtn_plates::RegistryError>(())
//! ```
//!
//! The registry knows nothing of owners, applications or XML.

mod allocate;
pub mod appendix;
mod diag;
mod error;
pub mod issued;
mod names;
mod registry;

pub use allocate::Allocator;
pub use appendix::{Appendix, AppendixRow, Repair};
pub use error::{LoadError, RegistryError};
pub use issued::{
    parse_issued, parse_issued_items, IssuedLineError, IssuedList, SkipReason, Skipped,
};
pub use names::normalise as normalise_region_name;
pub use registry::Registry;
