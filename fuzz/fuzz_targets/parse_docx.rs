//! Arbitrary bytes parsed as a file (seeded with real and generated .docx): no panic, every span valid.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    mandates_fuzz::parse_and_check("fuzz.docx", data);
});
