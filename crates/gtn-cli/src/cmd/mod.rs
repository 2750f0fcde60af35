//! One module per subcommand.

pub mod args;
pub mod check;
pub mod explain;
pub mod generate;
pub mod meta;
pub mod plate;
pub mod serve;
pub mod validate;
