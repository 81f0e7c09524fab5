//! Pieces of the wizard's screens.

pub mod confirm;
pub mod outcome;
pub mod question;
