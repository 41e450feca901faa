//! Arbitrary bytes that are not a zip, parsed as text: no panic, every span valid, and `parse_owned` (the
//! CLI's road, which takes the bytes as the text once they are found to be UTF-8) reads them as `parse` does.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.starts_with(b"PK\x03\x04") || data.starts_with(b"PK\x05\x06") {
        return;
    }
    let options = Default::default();
    let borrowed = mandates_core::parse("fuzz.txt", data, &options);
    let owned = mandates_core::parse_owned("fuzz.txt", data.to_vec(), &options);
    match (borrowed, owned) {
        (Ok(a), Ok(b)) => {
            mandates_fuzz::check(&a);
            mandates_fuzz::check(&b);
            assert_eq!(a.text.as_str(), b.text.as_str(), "parse and parse_owned decode different texts");
            assert_eq!(a.source.encoding, b.source.encoding);
            assert_eq!(a.references.len(), b.references.len());
            assert_eq!(a.instruments.len(), b.instruments.len());
        }
        (Err(_), Err(_)) => {}
        (a, b) => panic!("parse gave {:?}, parse_owned {:?}", a.err(), b.err()),
    }
});
