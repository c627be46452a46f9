//! Files the app writes for people to use elsewhere: roster spreadsheets, the
//! empty roster template, and the error report of an import.

pub mod roster;
