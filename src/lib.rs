//! 党建台账: the core library.
//!
//! Everything the app and the `dangjian` CLI do lives here: the data model and
//! its SQLite [`store`], the checks on what users enter, the JSON [`backup`]
//! format, the [`demo`] hospital, the yearly [`stats`] and the year-end PDF
//! [`report`]s. The shells only
//! parse input, call one function here and map its [`Error`].

#![deny(missing_docs)]

pub mod backup;
pub mod backups;
pub mod databases;
pub mod date;
pub mod demo;
pub mod encryption;
pub mod error;
pub mod export;
pub mod id_number;
pub mod import;
pub mod logging;
pub mod overview;
pub mod private_files;
pub mod report;
pub mod rules;
pub mod store;

pub use error::{Error, ErrorCode, Result};
pub use store::{stats, Store};
