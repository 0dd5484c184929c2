//! Development aid: read the MRZ of saved samples (`eval synth --out DIR`) whose label expects
//! `document.mrz` to pass, and count, per true character, what it was read as and how often it
//! was unsure: `mrz_confusions DIR`.
use std::collections::BTreeMap;

use kyc_preflight::mrz;
use kyc_preflight::vision;

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("a folder"));
    let mut wrong: BTreeMap<(char, char), u32> = BTreeMap::new();
    let mut unsure: BTreeMap<(char, char), u32> = BTreeMap::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        let label: kyc_synth::Label =
            serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        let Some(truth) = &label.mrz else { continue };
        if label
            .expected
            .get("document.mrz")
            .is_none_or(|s| s != "pass")
        {
            continue;
        }
        let image_path = ["jpg", "png"]
            .iter()
            .map(|e| path.with_extension(e))
            .find(|p| p.exists())
            .unwrap();
        let img = image::open(&image_path).unwrap();
        let name = image_path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let Some(view) = vision::view_photo(&img) else {
            println!("{name}: no document");
            continue;
        };
        let Some(r) = mrz::read_document(&img, &view) else {
            println!("{name}: no MRZ read");
            continue;
        };
        let unsure_at: std::collections::HashSet<(usize, usize)> =
            r.uncertain.iter().cloned().collect();
        let mut notes = Vec::new();
        for (i, (read, want)) in r.lines.iter().zip(&truth.lines).enumerate() {
            for (j, (a, b)) in read.chars().zip(want.chars()).enumerate() {
                if a != b {
                    *wrong.entry((b, a)).or_default() += 1;
                    notes.push(format!(
                        "{}:{} {b}->{a}{} ({:.3})",
                        i + 1,
                        j + 1,
                        if unsure_at.contains(&(i + 1, j + 1)) {
                            "?"
                        } else {
                            ""
                        },
                        r.margins[i][j]
                    ));
                } else if unsure_at.contains(&(i + 1, j + 1)) {
                    *unsure.entry((b, a)).or_default() += 1;
                    notes.push(format!(
                        "{}:{} {b} unsure ({:.3})",
                        i + 1,
                        j + 1,
                        r.margins[i][j]
                    ));
                }
            }
        }
        if !notes.is_empty() {
            println!(
                "{name} ({:.0} dpi, weakest {:.2}/{:.3}): {}",
                label.document_dpi.unwrap_or(0.0),
                r.weakest_score,
                r.weakest_margin,
                notes.join(", ")
            );
        }
    }
    println!("wrong (truth->read): {wrong:?}");
    println!("right but unsure: {unsure:?}");
}
