//! Flashpoint reads the news as it is published and warns when a conflict between states or
//! armed groups is escalating. This crate holds the pure core (lexicon, analysis, model)
//! and, around it, the service.

pub mod alerts;
pub mod analysis;
pub mod api;
pub mod config;
pub mod corpus;
pub mod error;
pub mod escalation;
pub mod eval;
pub mod hub;
pub mod lexicon;
pub mod model;
pub mod pipeline;
pub mod reading;
pub mod server;
pub mod store;
pub mod telemetry;
pub mod text;

/// Generated protobuf types (`proto/flashpoint/v1`). Only `api/` converts to and from them.
pub mod proto {
    #![allow(missing_docs, clippy::all, unused_qualifications)]
    tonic::include_proto!("flashpoint.v1");
}
