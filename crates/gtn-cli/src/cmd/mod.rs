//! One module per subcommand.

pub mod generate;
pub mod plate;
pub mod validate;
