//! Whole screens.

pub mod guide;
pub mod home;
pub mod wizard;
