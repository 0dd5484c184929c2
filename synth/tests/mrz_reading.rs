//! The MRZ reader reads generated documents exactly, and never passes a wrong reading off as
//! valid: each sample's reading is compared with the lines the generator printed.

use kyc_preflight::mrz;
use kyc_preflight::vision;
use kyc_synth::document::DocKind;
use kyc_synth::{Spec, generate};

/// Read the MRZ of a generated clean sample; its lines and the truth.
fn read(kind: DocKind, seed: u64) -> (Option<mrz::MrzReading>, Vec<String>) {
    let sample = generate(&Spec {
        seed,
        kind,
        defect: None,
        frame: Some((1600, 1200)),
        fill: Some(0.8),
        quality: Some(90),
    });
    let truth = sample.label.mrz.expect("the kind shows an MRZ").lines;
    let img = image::load_from_memory(&sample.bytes).unwrap();
    let view = vision::view_photo(&img).expect("the document is found");
    (mrz::read_document(&img, &view), truth)
}

#[test]
fn clean_documents_of_each_layout_are_read_exactly_or_said_to_be_unclear() {
    let mut exact = 0;
    let kinds = [DocKind::Td3Page, DocKind::Td2, DocKind::Td1Back];
    for kind in kinds {
        for seed in 1..=4 {
            let (reading, truth) = read(kind, seed);
            let reading = reading.unwrap_or_else(|| panic!("{kind:?} {seed}: no MRZ read"));
            if reading.uncertain.is_empty() {
                assert_eq!(reading.lines, truth, "{kind:?} {seed}: a confident misread");
                assert!(reading.is_valid(), "{kind:?} {seed}");
                exact += 1;
            }
        }
    }
    // Most are read outright (the harness measures the rate on 300 samples).
    assert!(exact >= 9, "only {exact} of 12 read exactly");
}
