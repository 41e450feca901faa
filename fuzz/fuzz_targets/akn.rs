//! Arbitrary bytes read as Akoma Ntoso (seeded with the exports of the samples): no panic; a document read
//! back keeps every span invariant; its export never panics, always reads back, and is a fixed point: what
//! the export writes, read and exported again, is the same bytes.
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
        let back = match mandates_core::parse("again.xml", xml.as_bytes(), &Default::default()) {
            Ok(back) => back,
            Err(e) => panic!("the export of a document read back does not read back: {e}\n{xml}"),
        };
        let again = mandates_core::akn::export(&back, &back.instruments[0]);
        assert!(again == xml, "export -> read -> export differs:\n{xml}\n----\n{again}");
    }
});
