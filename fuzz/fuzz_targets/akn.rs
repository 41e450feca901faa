//! Arbitrary bytes read as Akoma Ntoso (seeded with the exports of the samples): no panic; a document read
//! back keeps every span invariant; its export never panics and always reads back.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if !mandates_core::akn::looks_like_xml(data) {
        return;
    }
    let Ok(doc) = mandates_core::parse("fuzz.xml", data, &Default::default()) else { return };
    mandates_fuzz::check(&doc);
    for inst in &doc.instruments {
        let xml = mandates_core::akn::export(&doc, inst);
        if let Err(e) = mandates_core::parse("again.xml", xml.as_bytes(), &Default::default()) {
            panic!("the export of a document read back does not read back: {e}\n{xml}");
        }
    }
});
