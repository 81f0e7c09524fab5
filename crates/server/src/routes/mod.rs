//! The HTTP handlers, one module per resource.

pub mod actions;
pub mod admin;
pub mod config;
pub mod feedback;
pub mod flows;
pub mod funnel;
pub mod health;
pub mod rooms;
