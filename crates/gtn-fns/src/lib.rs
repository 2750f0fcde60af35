//! The FNS exchange file VO_AVTOTS, format 4.04, part 230_07: the file
//! about registered machines and their owners that offices of гостехнадзор
//! send to the tax service (ФНС), yearly (ГОСТЕХНАДЗОР_ТС_ГОД) and within 10
//! working days of each registration (ГОСТЕХНАДЗОР_ТС_10).
//!
//! * [`FileWriter`]: streaming writer, windows-1251, document by document.
//! * [`generate_jsonl()`]: the whole job from JSON Lines: check every record
//!   and write the file atomically under its FNS name, in one parallel pass;
//!   [`generate()`] does it from parsed records in two passes (the reference).
//! * [`input`]: the sender profile (TOML/JSON) and records (JSON Lines).
//! * [`names`]: every element and attribute name, in one place.
//!
//! The schema is `xsd/VO_AVTOTS_2_230_07_04_04_01.xsd` at the workspace root.
//!
//! The first line written is `<?xml version="1.0" encoding="windows-1251"?>`:
//! the format prints it as `<?xml  version="1.0"  encoding = "windows-1251"?>`,
//! which is the same declaration with other white space (XML 1.0 `Eq ::= S? '=' S?`);
//! we write the form FNS's published files use.

mod diag;
mod fast_record;
mod file_name;
pub mod format;
pub mod generate;
pub mod input;
pub mod names;
mod output;
mod record;
pub mod validate;
mod write;
mod xml;
mod xml_errors;

pub use file_name::{FileName, FileNameError};
pub use generate::{
    generate, generate_jsonl, GenerateError, GenerateRequest, Generated, Observer, Stage,
    Unobserved, MAX_STORED_ERRORS,
};
pub use input::InputError;
pub use output::write_atomically;
pub use record::{InfoType, MachineCodes, Operation, Record, Registration, Responsible, Sender};
pub use write::{
    check_header, check_record, FileHeader, FileWriter, IdSource, RandomGuids, SequentialGuids,
    WriteError,
};
pub use xml::FieldError;
