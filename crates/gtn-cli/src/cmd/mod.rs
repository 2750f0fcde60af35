//! One module per subcommand.

pub mod check;
pub mod generate;
pub mod meta;
pub mod plate;
pub mod validate;
