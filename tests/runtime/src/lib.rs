//! Integration tests of the real Bazaar runtime live in `tests/`; this crate has no library code.
