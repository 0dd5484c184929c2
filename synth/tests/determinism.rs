//! The generator is deterministic and its labels tell the truth about its images.

use std::path::Path;

use kyc_preflight::mrz::check_digit;
use kyc_synth::defects::{Defect, DefectChoice};
use kyc_synth::document::DocKind;
use kyc_synth::{Spec, generate};

#[test]
fn the_same_seed_gives_byte_identical_images_and_labels() {
    for index in 0..6 {
        let spec = Spec::nth(7, index);
        let (a, b) = (generate(&spec), generate(&spec));
        assert!(a.bytes == b.bytes, "{}: images differ", spec.slug());
        assert_eq!(a.label, b.label);
        assert_eq!(
            serde_json::to_string(&a.label).unwrap(),
            serde_json::to_string(&b.label).unwrap()
        );
    }
    let other = generate(&Spec {
        seed: 8,
        ..Spec::nth(7, 0)
    });
    assert!(
        other.bytes != generate(&Spec::nth(7, 0)).bytes,
        "another seed, another image"
    );
}

#[test]
fn committed_fixtures_regenerate_byte_identically() {
    let dir = tempfile::tempdir().unwrap();
    let written = kyc_synth::fixtures::write_all(dir.path(), false).unwrap();
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures");
    let mut compared = 0;
    for sub in ["photos", "profiles"] {
        for entry in std::fs::read_dir(dir.path().join(sub)).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().into_string().unwrap();
            let fresh = std::fs::read(entry.path()).unwrap();
            let kept = std::fs::read(committed.join(sub).join(&name))
                .unwrap_or_else(|_| panic!("{sub}/{name} is generated but not committed"));
            assert!(
                fresh == kept,
                "{sub}/{name} differs from the committed fixture"
            );
            compared += 1;
        }
    }
    assert!(
        compared > written.len(),
        "images, labels and profiles all compared"
    );
}

/// Every check digit of a composed MRZ, recomputed independently of the composer.
fn check_digits_valid(lines: &[String]) -> bool {
    let ok = |field: &str, digit: char| {
        check_digit(field) == Some(digit) || (digit == '<' && field.chars().all(|c| c == '<'))
    };
    let c = |line: &str, i: usize| line.chars().nth(i).unwrap();
    match lines.len() {
        3 => {
            let (l1, l2) = (&lines[0], &lines[1]);
            let composite = format!("{}{}{}{}", &l1[5..30], &l2[0..7], &l2[8..15], &l2[18..29]);
            ok(&l1[5..14], c(l1, 14))
                && ok(&l2[0..6], c(l2, 6))
                && ok(&l2[8..14], c(l2, 14))
                && ok(&composite, c(l2, 29))
        }
        2 => {
            let l2 = &lines[1];
            let last = l2.len() - 1;
            let composite = if l2.len() == 44 {
                format!("{}{}{}", &l2[0..10], &l2[13..20], &l2[21..43])
            } else {
                format!("{}{}{}", &l2[0..10], &l2[13..20], &l2[21..35])
            };
            ok(&l2[0..9], c(l2, 9))
                && ok(&l2[13..19], c(l2, 19))
                && ok(&l2[21..27], c(l2, 27))
                && ok(&composite, c(l2, last))
        }
        _ => false,
    }
}

#[test]
fn labels_describe_the_image() {
    for index in 0..40 {
        let spec = Spec::nth(11, index);
        let sample = generate(&spec);
        let label = &sample.label;
        let img = image::load_from_memory(&sample.bytes).unwrap();
        assert_eq!(
            (img.width(), img.height()),
            (label.width, label.height),
            "{}",
            spec.slug()
        );
        assert_eq!(label.bytes, sample.bytes.len() as u64);
        assert_eq!(
            label.expected.len(),
            17,
            "every catalogued check has an expectation"
        );
        if let Some(mrz) = &label.mrz {
            assert_eq!(mrz.lines.len(), mrz.format.lines());
            assert!(
                mrz.lines
                    .iter()
                    .all(|l| l.len() == mrz.format.line_length())
            );
            assert_eq!(
                check_digits_valid(&mrz.lines),
                mrz.valid,
                "{}: {:?}",
                spec.slug(),
                mrz.lines
            );
        }
        let corners = label.corners;
        match spec.defect {
            Some(DefectChoice::NoDocument) => assert!(corners.is_none()),
            Some(DefectChoice::CutOff) => {
                assert!(label.defects.iter().any(|d| matches!(d, Defect::CutOff { corners_outside } if !corners_outside.is_empty())));
                assert_eq!(label.expected["photo.corners"], "fail");
            }
            _ => {
                let inside = corners.unwrap().iter().all(|p| {
                    p[0] >= 0.0
                        && p[1] >= 0.0
                        && p[0] <= label.width as f32
                        && p[1] <= label.height as f32
                });
                assert!(inside, "{}: {:?}", spec.slug(), corners);
            }
        }
        if spec.kind == DocKind::Td1Front {
            assert!(label.mrz.is_none());
            assert_eq!(label.expected["document.mrz"], "skip");
        }
    }
}

#[test]
fn a_wrong_check_digit_is_labelled_invalid() {
    let sample = generate(&Spec {
        seed: 3,
        kind: DocKind::Td3Page,
        defect: Some(DefectChoice::WrongCheckDigit),
        frame: Some((1600, 1200)),
        fill: Some(0.8),
        quality: None,
    });
    let mrz = sample.label.mrz.as_ref().unwrap();
    assert!(!mrz.valid);
    assert!(!check_digits_valid(&mrz.lines));
    assert_eq!(sample.label.expected["document.mrz"], "fail");
}
