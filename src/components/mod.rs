//! Pieces of the wizard's screens.

pub mod answers;
pub mod checklist;
pub mod confirm;
pub mod diagram;
pub mod number;
pub mod outcome;
pub mod question;
pub mod trainer;
