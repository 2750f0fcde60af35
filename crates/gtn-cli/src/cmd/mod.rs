//! One module per subcommand.

pub mod check;
pub mod generate;
pub mod plate;
pub mod serve;
pub mod validate;
