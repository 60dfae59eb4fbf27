//! The key of a dyad: its two parties in order. Written `A|B`, in snapshots too, so keys of
//! older snapshots (plain strings) read back as they were. Depends on nothing in the crate.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The two parties of a dyad, the smaller first, kept as the text `A|B`: it orders and
/// hashes as that text did when keys were strings, so iteration order (of dyads, of the
/// alerts a step evaluates) is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DyadKey {
    /// `first|second`.
    joined: String,
    /// Byte offset of the `|`.
    bar: usize,
}

impl DyadKey {
    /// The key of two parties, in either order.
    pub fn new(x: &str, y: &str) -> DyadKey {
        let (a, b) = if x <= y { (x, y) } else { (y, x) };
        DyadKey { joined: format!("{a}|{b}"), bar: a.len() }
    }

    /// The key of an alert's dyad (already in order).
    pub fn of_pair(dyad: &[String; 2]) -> DyadKey {
        DyadKey::new(&dyad[0], &dyad[1])
    }

    /// The first party (the smaller).
    pub fn first(&self) -> &str {
        &self.joined[..self.bar]
    }

    /// The second party.
    pub fn second(&self) -> &str {
        &self.joined[self.bar + 1..]
    }

    /// Both parties, as an alert names them.
    pub fn pair(&self) -> [String; 2] {
        [self.first().to_owned(), self.second().to_owned()]
    }
}

impl fmt::Display for DyadKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.joined)
    }
}

/// A text that is not `A|B`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("dyad key {0:?} is not two parties joined by '|'")]
pub struct BadDyadKey(pub String);

impl std::str::FromStr for DyadKey {
    type Err = BadDyadKey;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.split_once('|') {
            Some((a, b)) if !a.is_empty() && !b.is_empty() && !b.contains('|') => Ok(DyadKey::new(a, b)),
            _ => Err(BadDyadKey(s.to_owned())),
        }
    }
}

impl Serialize for DyadKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.joined)
    }
}

impl<'de> Deserialize<'de> for DyadKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parties_in_order_either_way() {
        let k = DyadKey::new("PAK", "IND");
        assert_eq!(k, DyadKey::new("IND", "PAK"));
        assert_eq!((k.first(), k.second()), ("IND", "PAK"));
        assert_eq!(k.to_string(), "IND|PAK");
        assert_eq!(k.pair(), ["IND".to_owned(), "PAK".to_owned()]);
        assert_eq!("IND|PAK".parse::<DyadKey>(), Ok(k));
    }

    #[test]
    fn orders_as_the_joined_text() {
        // The order string keys had: '|' sorts after letters, so "INDCVL|X" < "IND|PAK".
        let mut keys =
            [DyadKey::new("IND", "PAK"), DyadKey::new("INDCVL", "INDREB"), DyadKey::new("AFG", "USA")];
        keys.sort();
        let text: Vec<String> = keys.iter().map(ToString::to_string).collect();
        let mut strings = text.clone();
        strings.sort();
        assert_eq!(text, strings);
    }

    #[test]
    fn serialises_as_the_string_it_was() {
        let k = DyadKey::new("ISR", "PSE");
        let bytes = rmp_serde::to_vec_named(&k).expect("encode");
        assert_eq!(bytes, rmp_serde::to_vec_named("ISR|PSE").expect("encode"));
        let back: DyadKey = rmp_serde::from_slice(&bytes).expect("decode");
        assert_eq!(back, k);
        for bad in ["", "ISR", "|PSE", "ISR|", "A|B|C"] {
            assert!(bad.parse::<DyadKey>().is_err(), "{bad:?}");
        }
    }
}
