//! Reading articles from files: JSON Lines (`{"id", "title"?, "text", "published_at"?}`),
//! a JSON object or array of them, or plain text. Unreadable input yields an error naming
//! the file and line, and the rest of the batch is still read.

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Deserialize;

use crate::model::Article;

/// One article read from a file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ArticleRecord {
    /// Identifier; derived from the file name (and line) when absent.
    #[serde(default)]
    pub id: String,
    /// Headline.
    #[serde(default)]
    pub title: Option<String>,
    /// Body text (also accepted as `body`).
    #[serde(alias = "body")]
    pub text: String,
    /// Publication time, RFC 3339 or `YYYY-MM-DD`.
    #[serde(default)]
    pub published_at: Option<String>,
}

impl ArticleRecord {
    /// The publication time in seconds since the Unix epoch, if `published_at` parses
    /// (a bare date is midnight UTC).
    pub fn published_time(&self) -> Option<i64> {
        published_time(self.published_at.as_deref()?)
    }

    /// The publication date (UTC), if `published_at` parses.
    pub fn date(&self) -> Option<Date> {
        let s = self.published_at.as_deref()?.trim();
        if let Ok(ts) = s.parse::<jiff::Timestamp>() {
            return Some(ts.to_zoned_datetime(jiff::tz::TimeZone::UTC).date());
        }
        s.get(..10).and_then(|d| d.parse::<Date>().ok())
    }

    /// The article to read: `text` is its body, `published_at` (when it parses) its
    /// publication time; `received` is when it reached us, if anyone asked the clock.
    pub fn into_article(self, received: Option<i64>) -> Article {
        let published = self.published_time();
        Article { id: self.id, title: self.title.unwrap_or_default(), body: self.text, published, received }
    }
}

/// A `published_at` value in seconds since the Unix epoch: RFC 3339, or a bare date
/// (`YYYY-MM-DD`, midnight UTC).
pub fn published_time(published_at: &str) -> Option<i64> {
    let s = published_at.trim();
    if let Ok(ts) = s.parse::<jiff::Timestamp>() {
        return Some(ts.as_second());
    }
    let d = s.get(..10)?.parse::<Date>().ok()?;
    d.to_zoned_datetime(jiff::tz::TimeZone::UTC).ok().map(|z| z.timestamp().as_second())
}

/// A problem with one input, named by file and line; the batch goes on.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A line (or the whole file) is not valid UTF-8.
    #[error("{path}:{line}: invalid UTF-8")]
    Utf8 {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
    },
    /// A JSON record is malformed.
    #[error("{path}:{line}: {message}")]
    Json {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// Streams the articles of a file to `f`, one at a time (see [`records`]).
pub fn for_each(path: &Path, f: impl FnMut(Result<ArticleRecord, InputError>)) {
    records(path).for_each(f);
}

/// The articles of a file, one at a time: JSON Lines are read line by line, so memory stays
/// bounded whatever the file's size; other files are read whole.
pub fn records(path: &Path) -> Records {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if !matches!(ext, "jsonl" | "ndjson") {
        let (records, errors) = read_file(path);
        let all: Vec<_> = records.into_iter().map(Ok).chain(errors.into_iter().map(Err)).collect();
        return Records(Source::Whole(all.into_iter()));
    }
    match std::fs::File::open(path) {
        Ok(file) => Records(Source::Lines {
            path: path.to_path_buf(),
            stem: path.file_stem().and_then(|s| s.to_str()).unwrap_or("article").to_owned(),
            reader: std::io::BufReader::new(file),
            buf: Vec::new(),
            line: 0,
        }),
        Err(source) => {
            let error = InputError::Read { path: path.to_path_buf(), source };
            Records(Source::Whole(vec![Err(error)].into_iter()))
        }
    }
}

/// The articles of one file, in file order (see [`records`]).
#[derive(Debug)]
pub struct Records(Source);

#[derive(Debug)]
enum Source {
    Lines {
        path: PathBuf,
        stem: String,
        reader: std::io::BufReader<std::fs::File>,
        buf: Vec<u8>,
        line: usize,
    },
    Whole(std::vec::IntoIter<Result<ArticleRecord, InputError>>),
    Done,
}

impl Iterator for Records {
    type Item = Result<ArticleRecord, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        let Source::Lines { path, stem, reader, buf, line } = &mut self.0 else {
            return match &mut self.0 {
                Source::Whole(all) => all.next(),
                _ => None,
            };
        };
        loop {
            buf.clear();
            match std::io::BufRead::read_until(reader, b'\n', buf) {
                Ok(0) => break,
                Ok(_) => {}
                Err(source) => {
                    let error = InputError::Read { path: path.clone(), source };
                    self.0 = Source::Done;
                    return Some(Err(error));
                }
            }
            *line += 1;
            if let Some(r) = parse_jsonl_line(path, buf, stem, *line) {
                return Some(r);
            }
        }
        self.0 = Source::Done;
        None
    }
}

/// Parses one JSON Lines record; `None` for a blank line.
fn parse_jsonl_line(
    path: &Path,
    raw: &[u8],
    stem: &str,
    line: usize,
) -> Option<Result<ArticleRecord, InputError>> {
    let Ok(s) = std::str::from_utf8(raw) else {
        return Some(Err(InputError::Utf8 { path: path.to_path_buf(), line }));
    };
    if s.trim().is_empty() {
        return None;
    }
    Some(match serde_json::from_str::<ArticleRecord>(s) {
        Ok(mut r) => {
            if r.id.is_empty() {
                r.id = format!("{stem}:{line}");
            }
            Ok(r)
        }
        Err(e) => Err(InputError::Json { path: path.to_path_buf(), line, message: e.to_string() }),
    })
}

/// Reads every article of a file: JSON Lines when the name ends in `.jsonl` or `.ndjson`,
/// JSON when `.json`, plain text otherwise (the whole file is one article).
pub fn read_file(path: &Path) -> (Vec<ArticleRecord>, Vec<InputError>) {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(source) => {
            return (Vec::new(), vec![InputError::Read { path: path.to_path_buf(), source }]);
        }
    };
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("article").to_owned();
    match ext {
        "jsonl" | "ndjson" => read_jsonl(path, &bytes, &stem),
        "json" => read_json(path, &bytes, &stem),
        _ => match std::str::from_utf8(&bytes) {
            Ok(text) => {
                let meta = sidecar(path);
                let (meta, errors) = match meta {
                    Ok(m) => (m.unwrap_or_default(), Vec::new()),
                    Err(e) => (Sidecar::default(), vec![e]),
                };
                let id = meta.id.unwrap_or(stem);
                let record = ArticleRecord {
                    id,
                    title: meta.title,
                    text: text.to_owned(),
                    published_at: meta.published_at,
                };
                (vec![record], errors)
            }
            Err(e) => {
                let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
                (Vec::new(), vec![InputError::Utf8 { path: path.to_path_buf(), line }])
            }
        },
    }
}

/// Reads JSON Lines; each bad line is an error of its own.
pub fn read_jsonl(path: &Path, bytes: &[u8], stem: &str) -> (Vec<ArticleRecord>, Vec<InputError>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        match parse_jsonl_line(path, raw, stem, i + 1) {
            Some(Ok(r)) => out.push(r),
            Some(Err(e)) => errors.push(e),
            None => {}
        }
    }
    (out, errors)
}

fn read_json(path: &Path, bytes: &[u8], stem: &str) -> (Vec<ArticleRecord>, Vec<InputError>) {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(ArticleRecord),
        Many(Vec<ArticleRecord>),
    }
    match serde_json::from_slice::<OneOrMany>(bytes) {
        Ok(OneOrMany::One(mut r)) => {
            if r.id.is_empty() {
                r.id = stem.to_owned();
            }
            (vec![r], Vec::new())
        }
        Ok(OneOrMany::Many(v)) => {
            let v = v
                .into_iter()
                .enumerate()
                .map(|(i, mut r)| {
                    if r.id.is_empty() {
                        r.id = format!("{stem}:{}", i + 1);
                    }
                    r
                })
                .collect();
            (v, Vec::new())
        }
        Err(e) => (
            Vec::new(),
            vec![InputError::Json { path: path.to_path_buf(), line: e.line(), message: e.to_string() }],
        ),
    }
}

/// What a plain-text article's sidecar (`NAME.meta.toml` beside `NAME.txt`) may say.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sidecar {
    id: Option<String>,
    title: Option<String>,
    published_at: Option<String>,
}

fn sidecar(text_path: &Path) -> Result<Option<Sidecar>, InputError> {
    let path = text_path.with_extension("meta.toml");
    let Ok(text) = std::fs::read_to_string(&path) else { return Ok(None) };
    toml::from_str(&text).map(Some).map_err(|e| {
        let line = e.span().map_or(1, |s| text[..s.start].lines().count().max(1));
        InputError::Json { path, line, message: e.message().to_owned() }
    })
}

/// Extensions taken from directories: plain text, JSON, JSON Lines.
const ARTICLE_EXTENSIONS: &[&str] = &["txt", "text", "md", "json", "jsonl", "ndjson"];

/// Expands paths: files as they are, directories recursively (sorted), taking article files
/// (`.txt`, `.text`, `.md`, `.json`, `.jsonl`, `.ndjson`) and skipping hidden entries.
pub fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        walk(p, &mut files, &mut errors);
    }
    (files, errors)
}

fn walk(p: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    if p.is_dir() {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(p) {
            Ok(rd) => rd.filter_map(Result::ok).map(|e| e.path()).collect(),
            Err(source) => {
                errors.push(InputError::Read { path: p.to_path_buf(), source });
                return;
            }
        };
        entries.sort();
        for e in entries {
            if e.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')) {
                continue;
            }
            let article =
                e.extension().and_then(|x| x.to_str()).is_some_and(|x| ARTICLE_EXTENSIONS.contains(&x));
            if e.is_dir() || article {
                walk(&e, files, errors);
            }
        }
    } else {
        files.push(p.to_path_buf());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_errors_name_lines_and_keep_the_rest() {
        let data = b"{\"id\":\"a\",\"text\":\"x\"}\nnot json\n\xff\xfe\n{\"text\":\"y\"}\n";
        let (recs, errs) = read_jsonl(Path::new("f.jsonl"), data, "f");
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[1].id, "f:4");
        assert_eq!(errs.len(), 2);
        assert!(errs[0].to_string().starts_with("f.jsonl:2:"));
        assert_eq!(errs[1].to_string(), "f.jsonl:3: invalid UTF-8");
    }

    #[test]
    fn dates_parse() {
        let mut r = ArticleRecord {
            id: "a".into(),
            title: None,
            text: String::new(),
            published_at: Some("2025-04-27T10:00:00Z".into()),
        };
        assert_eq!(r.date().map(|d| d.to_string()), Some("2025-04-27".to_owned()));
        r.published_at = Some("2025-04-27".into());
        assert_eq!(r.date().map(|d| d.to_string()), Some("2025-04-27".to_owned()));
        r.published_at = Some("yesterday".into());
        assert_eq!(r.date(), None);
    }
}
