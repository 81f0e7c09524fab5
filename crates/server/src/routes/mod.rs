//! The HTTP handlers, one module per resource.

pub mod actions;
pub mod config;
pub mod health;
