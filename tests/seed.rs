//! The seed article (April 2025 India–Pakistan crisis) through the real CLI:
//! `flashpoint analyze --json seeds/…` must report what an analyst would see in it.

use std::process::Command;

use serde_json::Value;

const SEED: &str = "seeds/000_dde2283d958822b8.txt";

fn analyze_seed() -> (String, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .args(["analyze", "--json", SEED])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run flashpoint");
    assert!(out.status.success(), "flashpoint failed: {}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(format!("{}/{SEED}", env!("CARGO_MANIFEST_DIR"))).expect("seed");
    let json: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    (text, json)
}

struct Ev<'a> {
    source: &'a str,
    target: &'a str,
    cameo: &'a str,
    goldstein: f64,
    modality: &'a str,
    text: &'a str,
}

fn events(v: &Value) -> Vec<Ev<'_>> {
    v["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| Ev {
            source: e["source"].as_str().expect("source"),
            target: e["target"].as_str().expect("target"),
            cameo: e["cameo"].as_str().expect("cameo"),
            goldstein: e["goldstein"].as_f64().expect("goldstein"),
            modality: e["modality"].as_str().expect("modality"),
            text: e["text"].as_str().expect("text"),
        })
        .collect()
}

fn country(code: &str) -> &str {
    code.get(..3).unwrap_or("")
}

fn factual(m: &str) -> bool {
    m == "asserted" || m == "reported"
}

fn find<'a>(evs: &'a [Ev<'a>], pred: impl Fn(&Ev<'_>) -> bool) -> Option<&'a Ev<'a>> {
    evs.iter().find(|e| pred(e))
}

#[test]
fn spans_quote_the_text_exactly() {
    let (text, v) = analyze_seed();
    for e in v["events"].as_array().expect("events") {
        let s = e["span"][0].as_u64().expect("start") as usize;
        let t = e["span"][1].as_u64().expect("end") as usize;
        assert_eq!(text.get(s..t), e["text"].as_str(), "span {s}..{t}");
    }
}

#[test]
fn india_blames_pakistan() {
    let (_, v) = analyze_seed();
    let evs = events(&v);
    let e =
        find(&evs, |e| country(e.source) == "IND" && country(e.target) == "PAK" && e.cameo.starts_with("11"))
            .expect("an IND→PAK accusation");
    assert!(e.text.contains("blamed"), "{}", e.text);
    assert!(factual(e.modality));
}

#[test]
fn india_takes_punitive_measures() {
    let (_, v) = analyze_seed();
    let evs = events(&v);
    for cue in ["Indus Waters Treaty", "visas", "Wagah-Attari"] {
        let e = find(&evs, |e| {
            country(e.source) == "IND"
                && country(e.target) == "PAK"
                && (e.cameo.starts_with("16") || e.cameo.starts_with("17"))
                && e.text.contains(cue)
        });
        let e = e.unwrap_or_else(|| panic!("IND→PAK 16x/17x event quoting {cue:?}"));
        assert!(factual(e.modality), "{cue}: {}", e.modality);
    }
}

#[test]
fn pakistan_reciprocates_threatens_and_considers() {
    let (_, v) = analyze_seed();
    let evs = events(&v);
    let reciprocal = find(&evs, |e| {
        country(e.source) == "PAK"
            && country(e.target) == "IND"
            && (e.cameo.starts_with("16") || e.cameo.starts_with("17"))
            && factual(e.modality)
    });
    assert!(reciprocal.is_some(), "PAK→IND reciprocal measures");
    let threat = find(&evs, |e| {
        country(e.source) == "PAK"
            && country(e.target) == "IND"
            && e.cameo.starts_with("13")
            && e.text.contains("Simla")
    })
    .expect("PAK→IND threat about the Simla Agreement");
    assert!(factual(threat.modality));
    let suspension =
        find(&evs, |e| country(e.source) == "PAK" && e.cameo.starts_with("16") && e.text.contains("Simla"))
            .expect("the Simla suspension itself");
    assert_eq!(suspension.modality, "threatened", "the suspension is threatened, not asserted");
    let airspace = find(&evs, |e| country(e.source) == "PAK" && e.text.contains("airspace"))
        .expect("the airspace closure");
    assert_eq!(airspace.modality, "considered");
}

#[test]
fn denial_is_not_an_admission() {
    let (_, v) = analyze_seed();
    let evs = events(&v);
    let admitted = find(&evs, |e| {
        country(e.source) == "PAK"
            && factual(e.modality)
            && e.cameo.get(..2).is_some_and(|r| ("18".."21").contains(&r))
    });
    assert!(admitted.is_none(), "Pakistan coded as attacking: {:?}", admitted.map(|e| e.text));
}

#[test]
fn twenty_six_killed() {
    let (_, v) = analyze_seed();
    assert_eq!(v["casualties"]["killed"], 26);
}

#[test]
fn pakistan_and_china_cooperate_and_do_not_clash() {
    let (_, v) = analyze_seed();
    let evs = events(&v);
    let pair = |e: &Ev<'_>| {
        let (s, t) = (country(e.source), country(e.target));
        (s == "PAK" && t == "CHN") || (s == "CHN" && t == "PAK")
    };
    let coop = find(&evs, |e| {
        pair(e)
            && factual(e.modality)
            && e.goldstein > 0.0
            && e.cameo.get(..2).is_some_and(|r| ("03".."06").contains(&r))
    });
    assert!(coop.is_some(), "PAK–CHN consultation or cooperation");
    let conflict = find(&evs, |e| pair(e) && e.goldstein < 0.0);
    assert!(conflict.is_none(), "conflict between PAK and CHN: {:?}", conflict.map(|e| e.text));
    let dyads = v["dyads"].as_array().expect("dyads");
    let ind_pak = dyads.iter().find(|d| d["a"] == "IND" && d["b"] == "PAK").expect("IND–PAK dyad");
    assert!(ind_pak["rung"].as_u64().expect("rung") >= 3);
}
