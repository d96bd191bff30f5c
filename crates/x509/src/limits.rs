//! Bounds on what one input may hold (a leaf: the parser enforces them, errors name them).

/// The most PEM blocks one input may hold. Chain ordering and verification check each
/// certificate against every other (quadratic signature checks), so a pasted bundle is
/// bounded; real chains have a handful of certificates.
pub const MAX_BLOCKS: usize = 64;
