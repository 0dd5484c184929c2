//! `--annotate DIR`: a picture per photo in DIR, never next to or over an input.

mod common;

use common::{check, check_json, fixture, os};

#[test]
fn each_photo_gets_a_picture_in_the_folder_and_inputs_are_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("annotated");
    let glare = fixture("photos/td1_back_glare_fail.jpg");
    let clean = fixture("photos/td3_clean_pass.jpg");
    let before = (
        std::fs::read(&glare).unwrap(),
        std::fs::read(&clean).unwrap(),
    );
    let (run, report) = check_json(&[os(&glare), os(&clean), os("--annotate"), os(&out)]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "td1_back_glare_fail.jpg.annotated.png",
            "td3_clean_pass.jpg.annotated.png"
        ]
    );
    let picture = image::open(out.join("td1_back_glare_fail.jpg.annotated.png")).unwrap();
    assert!(picture.width() <= 1200 && picture.height() > picture.width() / 2);
    assert_eq!(
        (
            std::fs::read(&glare).unwrap(),
            std::fs::read(&clean).unwrap()
        ),
        before
    );
    // The JSON says which document was judged; the picture draws the same outline.
    let document = report.files[0].document.as_ref().expect("a document");
    assert_eq!(document.kind, "td1-back");
    assert!(document.mrz_zone.is_some());
    assert!(!document.fills_frame);
}

#[test]
fn an_input_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    // An input whose name is what the picture of another input would be called.
    let photo = dir.path().join("card.jpg");
    std::fs::copy(fixture("photos/td1_front_clean_pass.jpg"), &photo).unwrap();
    let trap = dir.path().join("card.jpg.annotated.png");
    std::fs::copy(fixture("photos/png_named_jpg_warn.jpg"), &trap).unwrap();
    let kept = std::fs::read(&trap).unwrap();
    let run = check(&[os(&photo), os(&trap), os("--annotate"), os(dir.path())]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("card.jpg") && run.stderr.contains("never overwritten"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert_eq!(std::fs::read(&trap).unwrap(), kept);
    // The other input was still annotated.
    assert!(
        dir.path()
            .join("card.jpg.annotated.png.annotated.png")
            .exists()
    );
}

#[test]
fn files_that_cannot_be_decoded_are_not_annotated() {
    let dir = tempfile::tempdir().unwrap();
    let heic = fixture("photos/iphone_heic_not_decoded_error.heic");
    let run = check(&[os(&heic), os("--annotate"), os(dir.path())]);
    assert_eq!(run.code, 2, "not evaluated: {}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("HEIC/HEIF files are not decoded"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
