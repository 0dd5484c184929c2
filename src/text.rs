//! Small text helpers for safe, readable output: escaping names before they reach a terminal,
//! locating parser errors without quoting the input, and wrapping long explanations.

use std::path::Path;

/// Escape control, bidi-override and invisible characters as `\u{…}` so that a file name (or a
/// mistyped key) cannot move the cursor, recolour the terminal or reorder the line it is
/// printed on. Backslashes are escaped too, so the escaping is unambiguous.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe_char(c) => out.push_str(&format!("\\u{{{:04x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Serialized JSON with every character [`is_unsafe_char`] flags written as a `\uXXXX`
/// escape. serde_json escapes C0 controls only, so a bidi override or zero-width character in
/// a file name would reach a terminal raw; outside strings JSON is ASCII, and inside them the
/// escape parses back to the same character, so the document means exactly the same.
pub fn json_escape_unsafe(json: String) -> String {
    // Line breaks and tabs between tokens are the layout of pretty-printed JSON; inside
    // strings serde_json has escaped them already.
    let unsafe_in_json = |c: char| is_unsafe_char(c) && !matches!(c, '\n' | '\r' | '\t');
    if !json.chars().any(unsafe_in_json) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if unsafe_in_json(c) {
            // Every unsafe character is in the Basic Multilingual Plane: one \u escape.
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// A path for a one-line message: lossy UTF-8 (invalid bytes become U+FFFD), then escaped.
pub fn display_path(path: &Path) -> String {
    escape(&path.to_string_lossy())
}

/// Characters that must never be printed raw: C0/C1 controls, bidirectional formatting
/// characters (the "Trojan Source" set), and zero-width or invisible characters.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..floor_char_boundary(text, offset.min(text.len()))];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit_once('\n')
        .map_or(before, |(_, last)| last)
        .chars()
        .count()
        + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Greedy word wrap to `width` columns, each line prefixed by `indent`.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    for paragraph in text.split("\n\n") {
        if !out.is_empty() {
            out.push('\n');
        }
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty()
                && indent.len() + line.chars().count() + 1 + word.chars().count() > width
            {
                out.push_str(indent);
                out.push_str(&line);
                out.push('\n');
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        if !line.is_empty() {
            out.push_str(indent);
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_tricks_but_keeps_ordinary_text() {
        assert_eq!(escape("passport 张.jpg"), "passport 张.jpg");
        assert_eq!(escape("a\nb"), "a\\nb");
        assert_eq!(escape("\u{1b}[31mred"), "\\u{001b}[31mred");
        assert_eq!(escape("gpj.\u{202E}exe"), "gpj.\\u{202e}exe");
        assert_eq!(escape("zero\u{200B}width"), "zero\\u{200b}width");
        assert_eq!(escape("back\\slash"), "back\\\\slash");
    }

    #[test]
    fn json_escaping_keeps_the_document_and_hides_the_tricks() {
        let json = serde_json::to_string(&["gpj.\u{202E}exe", "a\u{85}b", "张"]).unwrap();
        let safe = json_escape_unsafe(json.clone());
        assert!(!safe.chars().any(is_unsafe_char), "{safe}");
        assert!(safe.contains("\\u202e"));
        let back: Vec<String> = serde_json::from_str(&safe).unwrap();
        let original: Vec<String> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, original);
    }

    #[test]
    fn line_column_counts_characters_from_one() {
        let text = "a = 1\nsurname = 张\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        let offset = text.find('张').unwrap() + 1; // inside the character
        assert_eq!(line_column(text, offset), (2, 11));
        assert_eq!(line_column(text, 1000), (3, 1));
    }

    #[test]
    fn wrap_breaks_at_width_and_keeps_paragraphs() {
        let wrapped = wrap("one two three four\n\nfive", 12, "  ");
        assert_eq!(wrapped, "  one two\n  three four\n\n  five\n");
    }
}
