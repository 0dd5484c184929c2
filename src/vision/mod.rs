//! Measuring photos: where the document is, and (later) how sharp, lit and coloured it is.
//!
//! Everything here computes numbers and shapes and knows nothing of thresholds; the checks
//! turn them into findings.

pub mod document;
