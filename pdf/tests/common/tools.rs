//! Running poppler and NSS tools from tests. A missing tool fails the test with the
//! Debian package to install (scripts/setup.sh --test installs both).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

pub const POPPLER: &str = "poppler-utils";
pub const NSS_TOOLS: &str = "libnss3-tools";

pub fn run(tool: &str, package: &str, args: &[&str]) -> Output {
    match Command::new(tool).args(args).output() {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            panic!("`{tool}` is not installed: install the Debian package `{package}` (scripts/setup.sh --test does)")
        }
        Err(e) => panic!("cannot run {tool}: {e}"),
    }
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn path(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

/// A fresh directory under cargo's scratch folder for integration tests (target/tmp).
pub fn temp_dir(name: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let base = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let dir = base.join(format!("qianyue-pdf-{}-{name}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// pyHanko's judgement of every signature of `file`, trusting only `roots` and checking
/// no revocation (a file without long-term validation data), as `--pretty-print` words
/// it. pyHanko lives in a virtual environment `scripts/setup.sh --test` makes.
pub fn pyhanko_validate(file: &Path, roots: &[&Path]) -> String {
    let pyhanko = pyhanko();
    let mut args = vec![
        "sign",
        "validate",
        "--pretty-print",
        "--no-revocation-check",
        "--trust-replace",
    ];
    for root in roots {
        args.extend(["--trust", path(root)]);
    }
    args.push(path(file));
    text(&run(pyhanko, "pyhanko (PyPI)", &args))
}

/// pyHanko, in the virtual environment `scripts/setup.sh --test` makes.
fn pyhanko() -> &'static str {
    let pyhanko = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../target/pyhanko-venv/bin/pyhanko"
    );
    assert!(
        Path::new(pyhanko).exists(),
        "pyHanko is not installed: run scripts/setup.sh --test (it makes target/pyhanko-venv)"
    );
    pyhanko
}

/// Asserts pyHanko's AdES verdict on `file` trusting `root`, as of `days` after a minute
/// from now (see [`pyhanko_adesverify_now`]) for each of `days`: the signature fields
/// `fields`, in this order, each VALID, and nothing INVALID.
pub fn assert_ades_valid(file: &Path, root: &Path, fields: &[&str], days: &[i64]) {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_millis() as i64;
    for day in days {
        let at = iso_utc(now + 60_000 + day * 86_400_000);
        let verdict = pyhanko_adesverify(file, root, Some(&at));
        let positions: Vec<Option<usize>> = fields
            .iter()
            .map(|field| verdict.find(&format!("{field}:")))
            .collect();
        assert!(
            positions.iter().all(Option::is_some) && positions.is_sorted(),
            "as of {at}, {fields:?} in order: {verdict}"
        );
        assert_eq!(
            verdict.matches(":VALID").count(),
            fields.len(),
            "as of {at}: {verdict}"
        );
        assert!(!verdict.contains(":INVALID"), "as of {at}: {verdict}");
    }
}

/// `pdftotext` of the whole file or one page (1-based).
pub fn pdftotext(file: &Path, page: Option<usize>) -> String {
    let page_text = page.map(|p| p.to_string());
    let mut args = vec![];
    if let Some(p) = &page_text {
        args.extend(["-f", p.as_str(), "-l", p.as_str()]);
    }
    args.extend([path(file), "-"]);
    let output = run("pdftotext", POPPLER, &args);
    assert!(
        output.status.success(),
        "pdftotext failed: {}",
        text(&output)
    );
    String::from_utf8(output.stdout).expect("pdftotext prints UTF-8")
}

pub fn pdffonts(file: &Path) -> String {
    let output = run("pdffonts", POPPLER, &[path(file)]);
    assert!(
        output.status.success(),
        "pdffonts failed: {}",
        text(&output)
    );
    text(&output)
}

pub fn page_count(file: &Path) -> usize {
    let output = run("pdfinfo", POPPLER, &[path(file)]);
    text(&output)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().unwrap()))
        .expect("pdfinfo prints the page count")
}

/// `pdfsig` output (it exits 0 whether or not the signature is valid).
pub fn pdfsig(file: &Path, nss_dir: Option<&Path>) -> String {
    let db = nss_dir.map(|d| format!("sql:{}", path(d)));
    let mut args = vec![];
    if let Some(db) = &db {
        args.extend(["-nssdir", db.as_str()]);
    }
    args.push(path(file));
    text(&run("pdfsig", POPPLER, &args))
}

/// A new NSS database trusting `ca_pem` for signing.
pub fn nss_db_trusting(ca_pem: &Path) -> PathBuf {
    let dir = temp_dir("nssdb");
    let db = format!("sql:{}", path(&dir));
    let out = run(
        "certutil",
        NSS_TOOLS,
        &["-N", "-d", &db, "--empty-password"],
    );
    assert!(out.status.success(), "certutil -N: {}", text(&out));
    let out = run(
        "certutil",
        NSS_TOOLS,
        &[
            "-A",
            "-d",
            &db,
            "-n",
            "qianyue-dev-ca",
            "-t",
            "CT,C,C",
            "-i",
            path(ca_pem),
        ],
    );
    assert!(out.status.success(), "certutil -A: {}", text(&out));
    dir
}

/// An RGB raster of one page.
pub struct Raster {
    pub width: usize,
    pub height: usize,
    pub rgb: Vec<u8>,
}

impl Raster {
    pub fn pixels(&self) -> impl Iterator<Item = (u8, u8, u8)> + '_ {
        self.rgb.chunks_exact(3).map(|p| (p[0], p[1], p[2]))
    }
    /// Pixels clearly darker than white.
    pub fn inked(&self) -> usize {
        self.pixels()
            .filter(|&(r, g, b)| (r as u32 + g as u32 + b as u32) < 600)
            .count()
    }
    /// Seal-red pixels.
    pub fn red(&self) -> usize {
        self.pixels()
            .filter(|&(r, g, b)| r > 170 && g < 120 && b < 120)
            .count()
    }
}

/// Every page rendered by `pdftoppm -r <dpi>` (PPM).
pub fn rasterize(file: &Path, dpi: u32) -> Vec<Raster> {
    let dir = temp_dir("ppm");
    let prefix = dir.join("page");
    let dpi = dpi.to_string();
    let out = run(
        "pdftoppm",
        POPPLER,
        &["-r", &dpi, path(file), path(&prefix)],
    );
    assert!(out.status.success(), "pdftoppm failed: {}", text(&out));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let pages = files
        .iter()
        .map(|f| parse_ppm(&std::fs::read(f).unwrap()))
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    pages
}

fn parse_ppm(bytes: &[u8]) -> Raster {
    // "P6" width height maxval, whitespace separated, then one whitespace byte.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(std::str::from_utf8(&bytes[start..at]).unwrap().to_string());
    }
    assert_eq!(fields[0], "P6");
    let (width, height): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let rgb = bytes[at + 1..at + 1 + width * height * 3].to_vec();
    Raster { width, height, rgb }
}

/// Text without any whitespace, for substring checks across line breaks.
pub fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// pyHanko's AdES verdict on each signature of `file` (`FIELD:…:VALID|INVALID` lines),
/// trusting only `root`, optionally as of `validation_time` (ISO 8601): the long-term
/// validation path, which needs the file's own revocation data and time-stamps.
pub fn pyhanko_adesverify(file: &Path, root: &Path, validation_time: Option<&str>) -> String {
    let pyhanko = pyhanko();
    let mut args = vec![
        "sign",
        "adesverify",
        "--executive-summary",
        "--trust-replace",
        "--trust",
        path(root),
    ];
    if let Some(at) = validation_time {
        args.extend(["--validation-time", at]);
    }
    args.push(path(file));
    text(&run(pyhanko, "pyhanko (PyPI)", &args))
}

/// UTC epoch ms as ISO 8601 (`2026-12-06T10:15:00Z`), for a validator's `--validation-time`.
pub fn iso_utc(ms: i64) -> String {
    let secs = ms / 1000;
    let (y, m, d) = domain::calendar::civil_from_days(secs.div_euclid(86_400));
    let rest = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// pyHanko's long-term verdict on `file` as of a minute from now: pyHanko fixes the
/// validation time first and dates what no time-stamp covers (a document's last store)
/// when it reads it, a moment later, which would make that store count as not yet
/// existing at "now".
pub fn pyhanko_adesverify_now(file: &Path, root: &Path) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_millis() as i64;
    pyhanko_adesverify(file, root, Some(&iso_utc(now + 60_000)))
}
