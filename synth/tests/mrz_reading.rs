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

/// A dark mark just left of the zone's lines (a shadow, the edge of a sleeve) widens the ink
/// the cells are placed by; the reader must still find where the text starts, not read the
/// mark as a character and lose the last one.
#[test]
fn a_mark_beside_the_lines_does_not_shift_the_reading() {
    let sample = generate(&Spec {
        seed: 1,
        kind: DocKind::Td3Page,
        defect: None,
        frame: Some((1600, 1200)),
        fill: Some(0.8),
        quality: Some(90),
    });
    let truth = sample
        .label
        .mrz
        .expect("a passport page shows an MRZ")
        .lines;
    let mut img = image::load_from_memory(&sample.bytes).unwrap().to_rgb8();
    let view = vision::view_photo(&image::DynamicImage::ImageRgb8(img.clone())).unwrap();
    let clean = mrz::read_document(&image::DynamicImage::ImageRgb8(img.clone()), &view).unwrap();
    assert_eq!(clean.lines, truth, "the unmarked photo is read exactly");
    // The zone spans the 44 characters and 2.5 pitches of room each side; paint a bar from
    // 1.2 to 0.3 pitches before the first character, over the height of both lines.
    let [tl, tr, br, bl] = [clean.zone[0], clean.zone[1], clean.zone[2], clean.zone[3]];
    let pitches = 44.0 + 5.0;
    let lerp =
        |a: [f64; 2], b: [f64; 2], t: f64| [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
    for step in 0..=200 {
        let across = (2.5 - 1.2 + 0.9 * f64::from(step) / 200.0) / pitches;
        let (top, bottom) = (lerp(tl, tr, across), lerp(bl, br, across));
        for k in 0..=200 {
            let [x, y] = lerp(top, bottom, 0.2 + 0.6 * f64::from(k) / 200.0);
            img.put_pixel(x as u32, y as u32, image::Rgb([45, 45, 50]));
        }
    }
    let marked = image::DynamicImage::ImageRgb8(img);
    let reading = mrz::read_document(&marked, &view).expect("the zone is still read");
    assert_eq!(reading.lines, truth);
    assert!(reading.is_valid());
}
