//! multipartner: a server-rendered portal for the Cloud Solution Provider multi-partner
//! capability of Partner Center operated by 21Vianet.

pub mod auth;
pub mod config;
pub mod db;
pub mod demo_idp;
pub mod doctor;
pub mod domain;
pub mod flows;
pub mod forms;
pub mod i18n;
#[cfg(test)]
mod layering_tests;
pub mod listing;
pub mod metrics;
pub mod policy;
pub mod security;
pub mod seed;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod views;
pub mod web;
