//! Development aid: how low the reader's margin threshold could go. Reads the MRZ of every
//! saved sample with a true zone (`eval synth --out DIR`) through the whole pipeline and, for
//! each reading with a wrong character, its weakest margin (below which it would have been
//! reported with confidence), beside the readings a lower threshold would turn exact:
//! `mrz_margins DIR`. `DETAIL=1` lists every close call, `WRONG=1` every wrong character with
//! its margin.
use kyc_preflight::mrz::{MIN_PHOTO_PITCH_PX, MIN_SCORE};
use kyc_preflight::{load, scene::Scene};

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("a folder"));
    let limits = load::LoadLimits::default();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    entries.sort();
    let (mut danger, mut gains) = (Vec::new(), Vec::new());
    for path in entries {
        let label: kyc_synth::Label =
            serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let Some(truth) = &label.mrz else { continue };
        let image_path = ["jpg", "png"]
            .iter()
            .map(|e| path.with_extension(e))
            .find(|p| p.exists())
            .unwrap();
        let file = load::read_file(&image_path, &limits).unwrap();
        let scene = Scene::new(file, limits.clone());
        let Ok(Some(r)) = scene.mrz() else { continue };
        if r.photo_pitch < MIN_PHOTO_PITCH_PX {
            continue;
        }
        let weakest = r.margins.iter().flatten().copied().fold(f32::MAX, f32::min);
        let low_score = r.weakest_score < MIN_SCORE;
        let wrong = r.lines != truth.lines;
        let name = image_path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        if std::env::var_os("DETAIL").is_some() && weakest < 0.03 {
            for (i, line) in r.margins.iter().enumerate() {
                for (j, m) in line.iter().enumerate() {
                    if *m < 0.03 {
                        let read = r.lines[i].as_bytes()[j] as char;
                        let want = truth
                            .lines
                            .get(i)
                            .and_then(|l| l.as_bytes().get(j))
                            .map_or('?', |&b| b as char);
                        println!(
                            "{name} {}:{} read {read} truth {want} margin {m:.4}",
                            i + 1,
                            j + 1
                        );
                    }
                }
            }
        }
        if wrong && !low_score {
            if std::env::var_os("WRONG").is_some() {
                for (i, (read, want)) in r.lines.iter().zip(&truth.lines).enumerate() {
                    for (j, (a, b)) in read.chars().zip(want.chars()).enumerate() {
                        if a != b {
                            let m = r.margins[i].get(j).copied().unwrap_or(f32::NAN);
                            println!(
                                "{name} wrong {}:{} read {a} truth {b} margin {m:.4}",
                                i + 1,
                                j + 1
                            );
                        }
                    }
                }
            }
            danger.push((weakest, name));
        } else if !wrong && !low_score && weakest < 0.03 {
            gains.push((weakest, name));
        }
    }
    danger.sort_by(|a, b| b.0.total_cmp(&a.0));
    gains.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!("wrong readings, weakest margin (highest first):");
    for (m, n) in danger.iter().take(15) {
        println!("  {m:.4} {n}");
    }
    println!("right readings held back by the margin alone:");
    for (m, n) in &gains {
        println!("  {m:.4} {n}");
    }
}
