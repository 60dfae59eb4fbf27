//! Bad input never panics the analyzer and never breaks span invariants; the CLI names the
//! file and line of unreadable input and still processes the rest of the batch.

mod support;

use std::process::Command;

use flashpoint::analysis::Document;
use proptest::prelude::*;

fn run(text: &str) -> flashpoint::model::Analysis {
    let a = support::analyzer().analyze(&Document { id: "t", text, date: None, title_end: 0 });
    support::assert_spans_valid(text, &a);
    a
}

#[test]
fn hostile_inputs() {
    let cases: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("whitespace", " \n\t \u{a0} ".to_owned()),
        (
            "binary junk",
            String::from_utf8_lossy(&(0..=255u8).cycle().take(70_000).collect::<Vec<_>>()).into_owned(),
        ),
        ("no punctuation", "india blamed pakistan for the attack and suspended the treaty ".repeat(2_000)),
        (
            "all capitals",
            "NEW DELHI HAS BLAMED ISLAMABAD FOR THE ATTACK AND SUSPENDED THE INDUS WATERS TREATY.".to_owned(),
        ),
        ("emoji", "🇮🇳 India 💥 attacked 🇵🇰 Pakistan 🔥🔥 killing 26 😢".to_owned()),
        ("right to left", "הודו תקפה את פקיסטן. الهند هاجمت باكستان. India attacked Pakistan.".to_owned()),
        ("repeated actor", "India ".repeat(100_000)),
        ("repeated verb", "attacked ".repeat(50_000)),
        ("long words", "a".repeat(1_000_000)),
        ("lone surrogate-like and controls", "\u{feff}\u{fffd}\u{0}\u{1b}[31mIndia\u{7}".to_owned()),
        ("apostrophes", "’s 's ' ’ ''s India's’s".to_owned()),
        ("ten megabytes", "Pakistan said India attacked its posts, killing 3 soldiers. ".repeat(170_000)),
    ];
    for (name, text) in cases {
        let a = run(&text);
        assert!(a.sentences as usize <= text.len() + 1, "{name}");
    }
}

#[test]
fn all_capitals_still_codes() {
    let a = run("NEW DELHI HAS BLAMED ISLAMABAD FOR THE ATTACK.");
    assert!(
        a.events
            .iter()
            .any(|e| e.cameo.starts_with("11") && e.source_country == "IND" && e.target_country == "PAK")
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn never_panics_and_spans_hold(text in "\\PC{0,400}") {
        run(&text);
    }

    #[test]
    fn news_like_text_never_panics(words in prop::collection::vec(prop::sample::select(vec![
        "India", "Pakistan", "China", "'s", "’s", "army", "troops", "attacked", "blamed", "the", "treaty",
        "suspended", "said", "not", "would", "threatened", "to", ",", ".", "and", "killed", "26", "twenty-six",
        "by", "was", "Islamabad", "New Delhi", "both countries", "its", "it", "(", "FO", ")", "warning", "of",
        "considering", "closure", "airspace", "Hamas", "Israel", "\n\n", "U.S.", "Mr.", "é", "🙂",
    ]), 0..120)) {
        let text = words.join(" ");
        run(&text);
    }
}

#[test]
fn cli_names_bad_lines_and_keeps_the_batch() {
    let dir = std::env::temp_dir().join(format!("fp-robust-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let jsonl = dir.join("batch.jsonl");
    let mut data = b"{\"id\":\"ok1\",\"text\":\"India blamed Pakistan.\"}\n".to_vec();
    data.extend_from_slice(b"{\"id\":\"bad\",\"text\":\"\xff\xfe\"}\n");
    data.extend_from_slice(b"not json at all\n");
    data.extend_from_slice(b"{\"id\":\"ok2\",\"text\":\"\"}\n");
    std::fs::write(&jsonl, data).expect("write");
    let binary = dir.join("junk.txt");
    std::fs::write(&binary, b"ab\ncd\xc3\x28ef").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .args(["analyze", "--json"])
        .arg(&jsonl)
        .arg(&binary)
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "partial failure exits 2");
    let ids: Vec<String> = stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("json")["id"]
                .as_str()
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    assert_eq!(ids, ["ok1", "ok2"]);
    assert!(stderr.contains("batch.jsonl:2: invalid UTF-8"), "{stderr}");
    assert!(stderr.contains("batch.jsonl:3:"), "{stderr}");
    assert!(stderr.contains("junk.txt:2: invalid UTF-8"), "{stderr}");
    std::fs::remove_dir_all(&dir).ok();
}
