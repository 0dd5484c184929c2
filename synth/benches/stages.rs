//! Where the time of one `check` goes, stage by stage, on a generated 12-megapixel phone photo
//! of a passport page (4000 × 3000, JPEG q90): `cargo bench -p kyc-synth --bench stages`.
//!
//! Each stage is timed on its own with what it needs already computed, so the numbers add up
//! to the whole check: the decode (the floor), the file-structure scan, the proxy (the one
//! area-averaging pass over every pixel), the document search on the proxy, locating (the
//! rectified document and its layout), the light on the document, the MRZ reading, and then
//! every photo and file check on a scene where all of that is already cached (the check's own
//! work). `whole_check` and `decode_only` run side by side for the ratio the README records.

use std::sync::LazyLock;

use divan::Bencher;
use kyc_preflight::checks::{REGISTRY, Run};
use kyc_preflight::load::{self, LoadLimits};
use kyc_preflight::scene::Scene;
use kyc_preflight::vision::{self, document, lighting, proxy};
use kyc_preflight::{Options, Selection};
use kyc_synth::document::DocKind;
use kyc_synth::{Spec, generate};

fn main() {
    divan::main();
}

/// The photo every stage is timed on.
static PHOTO: LazyLock<Vec<u8>> = LazyLock::new(|| {
    generate(&Spec {
        seed: 9000,
        kind: DocKind::Td3Page,
        defect: None,
        frame: Some((4000, 3000)),
        fill: None,
        quality: Some(90),
    })
    .bytes
});

fn options() -> Options {
    Options::new(jiff::civil::date(2026, 11, 22))
}

/// A scene of the photo with every shared stage computed.
fn prepared() -> Scene {
    let limits = LoadLimits::default();
    let scene = Scene::new(
        load::from_bytes(PHOTO.clone(), Some("jpg"), &limits),
        limits,
    );
    let _ = scene.lighting();
    let _ = scene.mrz();
    scene
}

#[divan::bench]
fn decode_only() {
    kyc_synth::decode_only(&PHOTO);
}

#[divan::bench]
fn whole_check() -> kyc_preflight::FileReport {
    let selection = Selection::new(&[], &[]).expect("no selection");
    kyc_preflight::check_bytes("photo.jpg", PHOTO.clone(), &options(), &selection)
}

#[divan::bench]
fn integrity() -> load::Integrity {
    load::inspect_integrity(load::Format::Jpeg, &PHOTO)
}

#[divan::bench]
fn proxy(bencher: Bencher) {
    let scene = prepared();
    let pixels = scene.pixels().expect("decodes");
    bencher.bench_local(|| proxy::proxy(pixels, document::SEARCH_LONG_SIDE));
}

#[divan::bench]
fn find_document(bencher: Bencher) {
    let scene = prepared();
    let p = scene.proxy().expect("decodes");
    bencher.bench_local(|| document::find_document(&p.grey, p.scale));
}

#[divan::bench]
fn locate(bencher: Bencher) {
    let scene = prepared();
    let (pixels, p, search) = (
        scene.pixels().expect("decodes"),
        scene.proxy().expect("decodes"),
        scene.search().expect("searched"),
    );
    bencher.bench_local(|| vision::locate(pixels, p, search));
}

#[divan::bench]
fn light(bencher: Bencher) {
    let scene = prepared();
    let r = &scene.document().expect("found").rectified;
    bencher.bench_local(|| lighting::measure(&r.grey, Some(&r.valid)));
}

#[divan::bench]
fn mrz_read(bencher: Bencher) {
    let scene = prepared();
    let (pixels, view) = (
        scene.pixels().expect("decodes"),
        scene.document().expect("found"),
    );
    bencher.bench_local(|| kyc_preflight::mrz::read_document(pixels, view));
}

/// The ids of the file and photo checks, from the registry.
fn file_checks() -> Vec<&'static str> {
    REGISTRY
        .iter()
        .filter(|c| matches!(c.run, Run::File(_)))
        .map(|c| c.id)
        .collect()
}

/// One check's own work, everything it shares with others already computed.
#[divan::bench(args = file_checks())]
fn check(bencher: Bencher, id: &str) {
    let check = REGISTRY
        .iter()
        .find(|c| c.id == id)
        .expect("a registered check");
    let Run::File(run) = check.run else {
        panic!("{id} is not a file check");
    };
    let (scene, options) = (prepared(), options());
    bencher.bench_local(|| run(&scene, &options));
}
