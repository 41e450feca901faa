//! Integration tests of mandates-core on the real documents in `samples/`.
