//! `file.size`: is the file within the size range upload forms accept?

use super::{Check, Outcome, Run};
use crate::options::Options;
use crate::report::Category;
use crate::scene::Scene;

pub static CHECK: Check = Check {
    id: "file.size",
    category: Category::File,
    title: "File size",
    summary: "The file is no larger than upload forms accept (10 MB) and not suspiciously small (30 KB).",
    what: "Compares the file's size in bytes with the largest size upload forms commonly accept \
           (fail above 10 MB) and the size below which a photo is almost certainly a thumbnail or \
           a heavily recompressed copy (warn below 30 KB). Both are `max_file_bytes` and \
           `min_file_bytes` in --config.",
    why: "Upload forms refuse files over their limit (10 MB is common; some allow only 4 MB). A \
          very small file has usually been shrunk by a messaging app or a screenshot tool, which \
          blurs the small print and the machine-readable zone that reviewers must read.",
    fix: "For a file that is too large, export it again at JPEG quality around 85, or at 2000 to \
          3000 pixels across, keeping the document sharp. For a file that is too small, upload \
          the original photo from the camera, not a copy sent through a messaging app.",
    hint: "Upload the original photo from the camera, not a compressed copy.",
    run: Run::File(run),
};

fn run(scene: &Scene, options: &Options) -> Outcome {
    let size = scene.file.size;
    let t = &options.thresholds;
    let shown = format!("{} ({size} bytes)", human(size));
    if size > t.max_file_bytes {
        Outcome::fail(format!(
            "The file is {shown}, over the {} limit.",
            human(t.max_file_bytes)
        ))
        .hint("Export it again at JPEG quality about 85, or 2000–3000 px across, keeping it sharp.")
        .measured(size as f64, t.max_file_bytes as f64, "bytes")
    } else if size == 0 {
        Outcome::fail("The file is empty (0 bytes).")
            .hint("Copy or export the photo again; this file holds no data.")
            .measured(0.0, t.min_file_bytes as f64, "bytes")
    } else if size < t.min_file_bytes {
        Outcome::warn(format!(
            "The file is only {shown}; a photo this small is usually a thumbnail or a \
             recompressed copy (below {}).",
            human(t.min_file_bytes)
        ))
        .measured(size as f64, t.min_file_bytes as f64, "bytes")
    } else {
        Outcome::pass(format!(
            "{shown}, within {}–{}.",
            human(t.min_file_bytes),
            human(t.max_file_bytes)
        ))
        .measured(size as f64, t.max_file_bytes as f64, "bytes")
    }
}

/// Decimal units, as upload forms state their limits.
fn human(bytes: u64) -> String {
    match bytes {
        b if b >= 1_000_000_000 => format!("{:.1} GB", b as f64 / 1e9),
        b if b >= 1_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        b if b >= 1_000 => format!("{:.0} KB", b as f64 / 1e3),
        b => format!("{b} bytes"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_read_as_upload_forms_state_them() {
        assert_eq!(super::human(10_000_000), "10.0 MB");
        assert_eq!(super::human(30_000), "30 KB");
        assert_eq!(super::human(512), "512 bytes");
        assert_eq!(super::human(4_294_967_296), "4.3 GB");
    }
}
