//! Whole `check` of 12-megapixel JPEGs against decoding them alone, one thread:
//! `cargo bench -p kyc-synth --bench check_12mp`.
//!
//! Five generated 4000 × 3000 phone photos (clean, glare, cut off, finger, defocus), each
//! checked `ROUNDS` times; prints the median per photo of decode-only (the floor: `image`
//! decoding to pixels, into a reused buffer as the check does), the document search on the
//! decoded photo, the whole `check` (its own decode included) and the ratio of that to the
//! decode; then, for the floor of any useful check, `check --only photo.document` (decode,
//! proxy, search, rectified views, layout) and `check --only document.mrz` (all that and the
//! zone), each as a ratio to the decode. A benchmark, not a test: the machines are shared, so
//! read ratios from one run, not absolute times across runs.

use std::time::{Duration, Instant};

use kyc_preflight::vision::{document, proxy};
use kyc_preflight::{Options, Selection};
use kyc_synth::defects::DefectChoice;
use kyc_synth::document::DocKind;
use kyc_synth::{Spec, generate};

const ROUNDS: usize = 7;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn timed<T>(mut run: impl FnMut() -> T) -> Duration {
    median(
        (0..ROUNDS)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(run());
                start.elapsed()
            })
            .collect(),
    )
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let cases = [
        (DocKind::Td3Page, None),
        (DocKind::Td1Back, Some(DefectChoice::Glare)),
        (DocKind::Td1Front, Some(DefectChoice::CutOff)),
        (DocKind::Td1Back, Some(DefectChoice::Finger)),
        (DocKind::Td3Page, Some(DefectChoice::Defocus)),
    ];
    let options = Options::new(jiff::civil::date(2026, 11, 22));
    let selection = Selection::new(&[], &[]).expect("no selection");
    let only = |id: &str| Selection::new(&[id.to_string()], &[]).expect("a registered check");
    let (document_only, mrz_only) = (only("photo.document"), only("document.mrz"));
    println!(
        "| photo (4000 × 3000 JPEG) | decode only | find document | whole check | ratio \
         | `--only photo.document` | `--only document.mrz` |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let mut ratios = Vec::new();
    for (i, (kind, defect)) in cases.into_iter().enumerate() {
        let sample = generate(&Spec {
            seed: 9000 + i as u64,
            kind,
            defect,
            frame: Some((4000, 3000)),
            fill: None,
            quality: Some(90),
        });
        let bytes = sample.bytes;
        let decode = timed(|| kyc_synth::decode_only(&bytes));
        let decoded = image::load_from_memory(&bytes).expect("decodes");
        let find = timed(|| {
            let p = proxy::proxy(&decoded, document::SEARCH_LONG_SIDE);
            document::find_document(&p.grey, p.scale)
        });
        let check = |selection: &Selection| {
            timed(|| kyc_preflight::check_bytes("photo.jpg", bytes.clone(), &options, selection))
        };
        let per_decode = |d: Duration| d.as_secs_f64() / decode.as_secs_f64();
        let whole = check(&selection);
        let ratio = per_decode(whole);
        ratios.push(ratio);
        let (document, mrz) = (check(&document_only), check(&mrz_only));
        let name = format!(
            "{}{}",
            kind.slug(),
            defect.map_or(String::new(), |d| format!(", {}", d.slug()))
        );
        println!(
            "| {name} ({} KB) | {:.0} ms | {:.0} ms | {:.0} ms | {ratio:.2} | {:.0} ms ({:.2}) \
             | {:.0} ms ({:.2}) |",
            bytes.len() / 1024,
            ms(decode),
            ms(find),
            ms(whole),
            ms(document),
            per_decode(document),
            ms(mrz),
            per_decode(mrz)
        );
    }
    ratios.sort_by(f64::total_cmp);
    println!(
        "\nMedian of {ROUNDS} rounds per photo, one thread. Whole check / decode only: median {:.2}.",
        ratios[ratios.len() / 2]
    );
}
