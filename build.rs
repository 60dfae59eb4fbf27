//! Compiles `proto/flashpoint/v1/*.proto` with protox (pure Rust, no system `protoc`) and
//! embeds the seed lexicon (`seeds/lexicon/*.toml`) so the binary runs from anywhere.

use std::fmt::Write as _;
use std::path::Path;

use prost::Message as _;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let protos = [
        "proto/flashpoint/v1/article.proto",
        "proto/flashpoint/v1/analysis.proto",
        "proto/flashpoint/v1/alerts.proto",
        "proto/flashpoint/v1/ingest.proto",
    ];
    for proto in protos {
        println!("cargo:rerun-if-changed={proto}");
    }
    let descriptors = protox::compile(protos, ["proto"])?;
    // The encoded descriptor set serves gRPC reflection.
    let out_dir = std::env::var("OUT_DIR")?;
    std::fs::write(Path::new(&out_dir).join("flashpoint_descriptor.bin"), descriptors.encode_to_vec())?;
    tonic_prost_build::configure()
        .build_server(true)
        .build_client(true)
        // Hand-written (src/api/wire.rs) so one encoding serves every subscriber.
        .extern_path(".flashpoint.v1.SubscribeResponse", "crate::api::wire::SubscribeResponse")
        .compile_fds(descriptors)?;

    embed_lexicon(Path::new("seeds/lexicon"))?;
    Ok(())
}

/// Writes `$OUT_DIR/lexicon_files.rs`: a slice of (file name, contents) for every `.toml`
/// file of the seed lexicon, sorted by name.
fn embed_lexicon(dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut out = String::from("&[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().and_then(|n| n.to_str()).ok_or("non-UTF-8 file name")?;
        let abs = std::fs::canonicalize(f)?;
        writeln!(out, "    ({name:?}, include_str!({:?})),", abs.display().to_string())?;
    }
    out.push(']');
    let out_dir = std::env::var("OUT_DIR")?;
    std::fs::write(Path::new(&out_dir).join("lexicon_files.rs"), out)?;
    Ok(())
}
