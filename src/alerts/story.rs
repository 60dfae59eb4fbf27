//! Story dedup: the same wire story from many outlets counts once. MinHash signatures (one
//! permutation, densified) of word bigrams estimate how much two texts share; an LSH band index finds near neighbours
//! without comparing every pair; a sliding window of event time keeps memory bounded.

use std::collections::VecDeque;
use std::hash::Hasher;

use rustc_hash::{FxHashMap, FxHasher};
use serde::{Deserialize, Serialize};

/// Words per shingle.
const SHINGLE: usize = 2;
/// Bins of a signature (one-permutation MinHash).
pub const HASHES: usize = 32;
/// Rows per LSH band: texts sharing most shingles share a band with high probability.
const ROWS: usize = 4;
/// Bands of the index.
const BANDS: usize = HASHES / ROWS;

/// Texts with fewer shingles than this are copies only when identical: a headline shares
/// half its bigrams with many headlines that are other stories.
const MIN_SHINGLES: usize = 8;

/// A MinHash signature: the minima, and how many shingles the text had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    /// Minimum hash per bin, empty bins filled from their neighbours.
    pub mins: [u32; HASHES],
    /// Shingles in the text.
    pub shingles: u32,
}

/// The MinHash signature of a text over lower-cased word bigrams (a text of one word is one
/// shingle of that word).
pub fn signature(text: &str) -> Signature {
    let mut sig = [u32::MAX; HASHES];
    // The previous word's hash state, reused by the shingle it starts; and two buffers for
    // the lower-cased words, so nothing is allocated per word.
    let (mut prev, mut cur) = (String::new(), String::new());
    let mut prev_state = FxHasher::default();
    let mut words = 0usize;
    for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        lower_into(w, &mut cur);
        let mut state = FxHasher::default();
        state.write(cur.as_bytes());
        state.write_u8(0xff);
        if words > 0 {
            let mut h = prev_state.clone();
            h.write(cur.as_bytes());
            h.write_u8(0xff);
            add_shingle(&mut sig, h.finish());
        }
        words += 1;
        prev_state = state;
        std::mem::swap(&mut prev, &mut cur);
    }
    if words == 1 {
        add_shingle(&mut sig, prev_state.finish());
    }
    densify(&mut sig);
    let n = words.saturating_sub(SHINGLE - 1).max(usize::from(words > 0));
    Signature { mins: sig, shingles: u32::try_from(n).unwrap_or(u32::MAX) }
}

/// Folds one shingle's base hash into the signature, one-permutation MinHash: the hash's
/// top bits choose one of the [`HASHES`] bins, its low 32 bits compete for the bin's
/// minimum. One hash per shingle instead of one per bin.
fn add_shingle(sig: &mut [u32; HASHES], base: u64) {
    let x = mix(base);
    let bin = usize::try_from(x >> (64 - BIN_BITS)).unwrap_or(0);
    sig[bin] = sig[bin].min(x as u32);
}

/// Bits of a hash that choose its bin.
const BIN_BITS: u32 = HASHES.trailing_zeros();
const _: () = assert!(HASHES.is_power_of_two());

/// An empty bin.
const EMPTY: u32 = u32::MAX;

/// Fills the bins no shingle fell into (a short text leaves many) from the next filled bin
/// to the right, circularly, offset by the distance (densification by rotation, Shrivastava
/// and Li 2014): two texts agree on an empty bin as often as on the bins it borrows from.
fn densify(sig: &mut [u32; HASHES]) {
    let orig = *sig;
    if orig.iter().all(|&v| v == EMPTY) {
        return;
    }
    for (j, slot) in sig.iter_mut().enumerate() {
        if orig[j] != EMPTY {
            continue;
        }
        let mut d = 1;
        while orig[(j + d) % HASHES] == EMPTY {
            d += 1;
        }
        let step = u32::try_from(d).unwrap_or(0).wrapping_mul(0x9e37_79b9);
        *slot = orig[(j + d) % HASHES].wrapping_add(step);
    }
}

/// `word` lower-cased into `out` (as `str::to_lowercase` does it, without allocating for
/// ASCII words).
fn lower_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.push_str(&word.to_lowercase());
    }
}

/// The estimated Jaccard similarity of the shingle sets behind two signatures.
pub fn similarity(a: &Signature, b: &Signature) -> f64 {
    let same = a.mins.iter().zip(&b.mins).filter(|(x, y)| x == y).count();
    #[allow(clippy::cast_precision_loss)]
    let s = same as f64 / HASHES as f64;
    s
}

/// A 64-bit finaliser (SplitMix64) so every output bit depends on every input bit.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn band(sig: &Signature, b: usize) -> (u8, u64) {
    let mut h = FxHasher::default();
    for v in &sig.mins[b * ROWS..(b + 1) * ROWS] {
        h.write_u32(*v);
    }
    (u8::try_from(b).unwrap_or(u8::MAX), h.finish())
}

/// A story: the first article seen and the copies that followed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// Story id, increasing.
    pub id: u64,
    /// MinHash signature of the first article.
    pub signature: Signature,
    /// Event time of the first article (seconds).
    pub time: i64,
    /// The first article.
    pub first_article: String,
    /// Articles carrying the story (the first included), at most [`StoryIndex::MAX_SOURCES`].
    pub articles: Vec<String>,
    /// How many articles carried it.
    pub sources: u32,
}

/// What an article turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seen {
    /// A new story with this id.
    New(u64),
    /// A near-duplicate copy of this story.
    Copy(u64),
}

/// Near-duplicate detection over a sliding window of event time.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StoryIndex {
    stories: FxHashMap<u64, Story>,
    bands: FxHashMap<(u8, u64), Vec<u64>>,
    order: VecDeque<(i64, u64)>,
    next_id: u64,
    min_similarity: f64,
    window_secs: i64,
    max_stories: usize,
}

impl StoryIndex {
    /// Articles remembered per story.
    pub const MAX_SOURCES: usize = 32;

    /// An index that calls two texts the same story when they share at least
    /// `min_similarity` of their bigrams (estimated) and are within `window_secs` of each
    /// other; it forgets the oldest beyond `max_stories`.
    pub fn new(min_similarity: f64, window_secs: i64, max_stories: usize) -> Self {
        StoryIndex { min_similarity, window_secs, max_stories: max_stories.max(1), ..Self::default() }
    }

    /// Number of stories held.
    pub fn len(&self) -> usize {
        self.stories.len()
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.stories.is_empty()
    }

    /// A story by id.
    pub fn get(&self, id: u64) -> Option<&Story> {
        self.stories.get(&id)
    }

    /// Files an article by its text: a copy of a story within the window, or a new story.
    pub fn observe(&mut self, article_id: &str, text: &str, time: i64) -> Seen {
        self.observe_signature(article_id, &signature(text), time)
    }

    /// Files an article by its MinHash signature.
    pub fn observe_signature(&mut self, article_id: &str, sig: &Signature, time: i64) -> Seen {
        self.expire(time);
        // The most similar story that shares a band, ties to the oldest.
        let mut best: Option<(u64, u64)> = None;
        for b in 0..BANDS {
            for id in self.bands.get(&band(sig, b)).into_iter().flatten() {
                let Some(s) = self.stories.get(id) else { continue };
                let sim = similarity(&s.signature, sig);
                let short = (s.signature.shingles as usize).min(sig.shingles as usize) < MIN_SHINGLES;
                let needed = if short { 1.0 } else { self.min_similarity };
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let score = (sim * 1e6) as u64;
                if sim >= needed
                    && (time - s.time).abs() <= self.window_secs
                    && best.is_none_or(|(bs, bid)| (score, u64::MAX - *id) > (bs, u64::MAX - bid))
                {
                    best = Some((score, *id));
                }
            }
        }
        if let Some((_, id)) = best
            && let Some(s) = self.stories.get_mut(&id)
        {
            s.sources += 1;
            if s.articles.len() < Self::MAX_SOURCES {
                s.articles.push(article_id.to_owned());
            }
            return Seen::Copy(id);
        }
        let id = self.next_id;
        self.next_id += 1;
        for b in 0..BANDS {
            self.bands.entry(band(sig, b)).or_default().push(id);
        }
        self.stories.insert(
            id,
            Story {
                id,
                signature: *sig,
                time,
                first_article: article_id.to_owned(),
                articles: vec![article_id.to_owned()],
                sources: 1,
            },
        );
        self.order.push_back((time, id));
        while self.stories.len() > self.max_stories {
            let Some((_, old)) = self.order.pop_front() else { break };
            self.remove(old);
        }
        Seen::New(id)
    }

    /// Forgets stories older than the window before `now`.
    fn expire(&mut self, now: i64) {
        while let Some(&(t, id)) = self.order.front() {
            if now - t <= self.window_secs {
                break;
            }
            self.order.pop_front();
            self.remove(id);
        }
    }

    fn remove(&mut self, id: u64) {
        if let Some(s) = self.stories.remove(&id) {
            for b in 0..BANDS {
                let key = band(&s.signature, b);
                if let Some(v) = self.bands.get_mut(&key) {
                    v.retain(|x| *x != id);
                    if v.is_empty() {
                        self.bands.remove(&key);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "New Delhi has blamed Islamabad for the attack without providing any evidence and has \
        taken several punitive actions, including suspending the Indus Waters Treaty, revoking Pakistani visas, \
        and closing the Wagah-Attari border crossing. Pakistan has responded by taking reciprocal measures.";

    #[test]
    fn light_edits_are_the_same_story() {
        let edited = STORY.replace("New Delhi", "India").replace("several", "a number of");
        let mut idx = StoryIndex::new(0.5, 3600, 1000);
        assert_eq!(idx.observe("a", STORY, 0), Seen::New(0));
        let sim = similarity(&signature(STORY), &signature(&edited));
        assert!(sim >= 0.5, "similarity {sim}");
        assert_eq!(idx.observe("b", &edited, 10), Seen::Copy(0));
        assert_eq!(idx.get(0).map(|s| s.sources), Some(2));
    }

    #[test]
    fn different_stories_and_old_copies_are_new() {
        let mut idx = StoryIndex::new(0.5, 3600, 1000);
        idx.observe("a", STORY, 0);
        let other =
            "Hamas fired rockets at southern Israel, and Israeli aircraft struck targets in Gaza overnight.";
        assert_eq!(idx.observe("b", other, 5), Seen::New(1));
        // The same text outside the window is a new story.
        assert_eq!(idx.observe("c", STORY, 10_000), Seen::New(2));
    }

    #[test]
    fn short_texts_are_copies_only_when_identical() {
        let mut idx = StoryIndex::new(0.5, 3600, 1000);
        assert_eq!(idx.observe("a", "India accused Pakistan of aggression.", 0), Seen::New(0));
        assert_eq!(idx.observe("b", "India accused China of aggression.", 1), Seen::New(1));
        assert_eq!(idx.observe("c", "India accused Pakistan of aggression.", 2), Seen::Copy(0));
    }

    /// The signature as first written: every word lower-cased into a new string, each
    /// shingle hashed from scratch. The faster one must give the same minima.
    fn signature_reference(text: &str) -> Signature {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let mut sig = [u32::MAX; HASHES];
        let n = words.len().saturating_sub(SHINGLE - 1).max(usize::from(!words.is_empty()));
        for i in 0..n {
            let mut h = FxHasher::default();
            for w in words.iter().skip(i).take(SHINGLE) {
                h.write(w.as_bytes());
                h.write_u8(0xff);
            }
            let x = mix(h.finish());
            let bin = (x >> 59) as usize;
            sig[bin] = sig[bin].min(x as u32);
        }
        densify(&mut sig);
        Signature { mins: sig, shingles: u32::try_from(n).unwrap_or(u32::MAX) }
    }

    #[test]
    fn signature_matches_the_reference() {
        let cases = [
            ("empty", ""),
            ("punctuation only", " -- !! "),
            ("one word", "Pakistan"),
            ("two words", "India, Pakistan"),
            ("story", STORY),
            ("accents and capitals", "ÉLYSÉE Palace: Macron met Erdoğan in İstanbul"),
            ("final sigma", "ΟΔΥΣΣΕΥΣ ΚΑΙ ΣΙΣΥΦΟΣ"),
            ("digits", "killed 26 in 2025 attack"),
        ];
        for (name, text) in cases {
            assert_eq!(signature(text), signature_reference(text), "{name}");
        }
    }

    #[test]
    fn short_texts_fill_every_bin_and_similarity_follows_overlap() {
        // Six shingles leave most of the 32 bins empty: densified, none stays empty.
        let short = signature("India closed the border with Pakistan today");
        assert!(short.mins.iter().all(|&v| v != EMPTY), "{:?}", short.mins);
        assert_eq!(similarity(&short, &short), 1.0);
        // A long text and the same text with its second half replaced: about a third of the
        // shingles are shared (Jaccard 1/3); the estimate lands near it.
        let words: Vec<String> = (0..400).map(|i| format!("w{i}")).collect();
        let half: Vec<String> =
            words[..200].iter().cloned().chain((0..200).map(|i| format!("x{i}"))).collect();
        let s = similarity(&signature(&words.join(" ")), &signature(&half.join(" ")));
        assert!((0.15..0.55).contains(&s), "estimate {s} for a Jaccard of 1/3");
        assert!(similarity(&signature(&words.join(" ")), &signature("other words entirely here now")) < 0.2);
    }

    #[test]
    fn memory_is_bounded() {
        let mut idx = StoryIndex::new(0.5, i64::MAX / 4, 100);
        for i in 0..1000 {
            idx.observe(&format!("a{i}"), &format!("story number {i} about topic {}", i * 7919), i);
        }
        assert!(idx.len() <= 100);
        assert!(idx.bands.values().map(Vec::len).sum::<usize>() <= 100 * BANDS);
    }
}
