//! `gtn generate`.

use crate::{Failure, Outcome};
use clap::Args;

#[derive(Args)]
pub struct GenerateArgs {}

/// Runs `gtn generate`.
pub fn run(_a: GenerateArgs) -> Result<Outcome, Failure> {
    Err(Failure("not yet".into()))
}
