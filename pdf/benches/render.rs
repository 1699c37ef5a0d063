//! Render and sign benchmark (not run in CI): `pdf/bench/run.sh`, or
//! `cargo bench -p pdf --bench render` (baselines need `pdf/bench/setup.sh` first).
//!
//! Renders the ~6-page framework agreement with a 30-row annex table, each iteration
//! for another customer (as successive real documents differ), and signs it; prints
//! medians next to WeasyPrint and typst rendering the same text (HTML and markup
//! generated from the same layout blocks, same font files) in the same run.

#[path = "../tests/common/mod.rs"]
mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use pdf::layout::blocks::{Align, Block};
use pdf::templates::labels;
use pdf::ContractDocument;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let iterations: usize = std::env::var("QY_BENCH_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let baseline_iterations: usize = std::env::var("QY_BASELINE_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/pdf-bench");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();

    let started = Instant::now();
    let fonts = common::fonts();
    let load = started.elapsed();

    // First render in the process: nothing memoised yet.
    let started = Instant::now();
    let first = pdf::render(&fonts, &common::bench_document(10_000)).unwrap();
    let cold = started.elapsed();

    for n in 0..5 {
        pdf::render(&fonts, &common::bench_document(n)).unwrap();
    }
    let mut render_times = Vec::with_capacity(iterations);
    let mut draft = Vec::new();
    for n in 0..iterations {
        let doc = common::bench_document(n);
        let started = Instant::now();
        draft = pdf::render(&fonts, &doc).unwrap();
        render_times.push(started.elapsed());
    }
    let render = median(render_times);

    let (identity, _) =
        pdf::SigningIdentity::load_or_create(&out.join("identity"), "示例云计算有限公司").unwrap();
    let mut formal_doc = common::bench_document(0);
    formal_doc.mode = common::document(domain::contract::ContractType::Framework, true).mode;
    let formal = pdf::render(&fonts, &formal_doc).unwrap();
    let mut sign_times = Vec::with_capacity(iterations);
    let mut signed = Vec::new();
    for n in 0..iterations {
        let started = Instant::now();
        signed = pdf::sign(&formal, &identity, common::CREATED + n as i64).unwrap();
        sign_times.push(started.elapsed());
    }
    let sign = median(sign_times);
    // B-LTA: the signature's time-stamp, the store, the document time-stamp and its
    // TSA's status, with the development TSA and CA answering in-process (issue 30).
    let (pki, _) = pdf::DevelopmentPki::load_or_create(
        &out.join("pki"),
        "示例云计算有限公司",
        "http://127.0.0.1:9/ocsp",
    )
    .unwrap();
    let mut seal_times = Vec::with_capacity(iterations.min(100));
    let mut sealed = Vec::new();
    for n in 0..iterations.min(100) {
        let started = Instant::now();
        sealed = pki
            .seal(&formal, None, common::CREATED + n as i64, pdf::Level::BLTA)
            .unwrap();
        seal_times.push(started.elapsed());
    }
    let seal = median(seal_times);
    let breakdown = seal_breakdown(&pki, &formal, iterations.min(100));
    let verify = {
        let times: Vec<Duration> = (0..iterations.min(50))
            .map(|_| {
                let started = Instant::now();
                assert_eq!(
                    pdf::verify_signature(&signed, &identity),
                    pdf::SignatureCheck::Valid
                );
                started.elapsed()
            })
            .collect();
        median(times)
    };
    std::fs::write(out.join("qianyue-draft.pdf"), &draft).unwrap();
    std::fs::write(out.join("qianyue-formal-signed.pdf"), &signed).unwrap();
    std::fs::write(out.join("qianyue-first.pdf"), &first).unwrap();

    // Baselines: the same documents as HTML and typst markup.
    for n in 0..8 {
        let doc = common::bench_document(n);
        std::fs::write(out.join(format!("contract-{n}.html")), html(&doc)).unwrap();
        std::fs::write(out.join(format!("contract-{n}.typ")), typst(&doc)).unwrap();
    }
    let python = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bench/.venv/bin/python");
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bench/baseline.py");
    let mut baselines: Vec<(String, Option<(f64, PathBuf)>)> = Vec::new();
    if std::env::var_os("QY_SKIP_BASELINES").is_some() {
        eprintln!("baselines skipped (QY_SKIP_BASELINES)");
    } else if python.exists() {
        let result = Command::new(&python)
            .arg(&script)
            .arg(&out)
            .arg(common::font_dir())
            .arg(baseline_iterations.to_string())
            .output()
            .expect("run the baseline script");
        let text = String::from_utf8_lossy(&result.stdout);
        for line in text.lines() {
            let parts: Vec<&str> = line.split_whitespace().collect();
            match parts.as_slice() {
                [name, "missing"] => baselines.push((name.to_string(), None)),
                [name, median, path] => baselines.push((
                    name.to_string(),
                    Some((median.parse().unwrap_or(f64::NAN), PathBuf::from(path))),
                )),
                _ => {}
            }
        }
        if !result.status.success() {
            eprintln!(
                "baseline script failed:\n{}",
                String::from_utf8_lossy(&result.stderr)
            );
        }
    } else {
        eprintln!("baselines skipped: run pdf/bench/setup.sh (WeasyPrint and typst from PyPI)");
    }

    let pages = |path: &Path| -> String {
        Command::new("pdfinfo")
            .arg(path)
            .output()
            .ok()
            .and_then(|o| {
                String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .find_map(|l| l.strip_prefix("Pages:").map(|p| p.trim().to_string()))
            })
            .unwrap_or_else(|| "?".into())
    };
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    println!();
    println!("Qianyue PDF benchmark ({profile}; framework agreement + 30-row table, {iterations} documents)");
    let row =
        |label: &str, value: f64, note: String| println!("  {label:<36} {value:>9.2} ms   {note}");
    row("fonts loaded once", ms(load), String::new());
    row("first render in the process", ms(cold), String::new());
    row(
        "render, median per document",
        ms(render),
        format!(
            "{} pages, {} bytes",
            pages(&out.join("qianyue-draft.pdf")),
            draft.len()
        ),
    );
    row(
        "sign, median",
        ms(sign),
        format!("signed formal: {} bytes", signed.len()),
    );
    row(
        "seal at B-LTA, median",
        ms(seal),
        format!(
            "{} bytes; {:+.2} ms over sign (TSA and OCSP in-process)",
            sealed.len(),
            ms(seal) - ms(sign)
        ),
    );
    for (stage, time) in &breakdown {
        row(&format!("  {stage}"), ms(*time), String::new());
    }
    row("verify_signature, median", ms(verify), String::new());
    for (name, result) in &baselines {
        match result {
            Some((median_ms, path)) => {
                let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
                let note = format!(
                    "{} pages, {} bytes   → Qianyue render is {:.1}× faster",
                    pages(path),
                    size,
                    median_ms / ms(render)
                );
                row(&format!("{name} (same text, in-process)"), *median_ms, note);
            }
            None => println!("  {name:<36} not installed (pdf/bench/setup.sh)"),
        }
    }
    println!("  outputs in {}", out.display());
}

/// The B-LTA seal stage by stage (medians), to see where its time goes.
fn seal_breakdown(
    pki: &pdf::DevelopmentPki,
    formal: &[u8],
    iterations: usize,
) -> Vec<(&'static str, Duration)> {
    let budget = pdf::TOKEN_BUDGET;
    let mut stages: Vec<(&'static str, Vec<Duration>)> = Vec::new();
    let mut time = |stage: &'static str, started: Instant| {
        let elapsed = started.elapsed();
        match stages.iter_mut().find(|(s, _)| *s == stage) {
            Some((_, times)) => times.push(elapsed),
            None => stages.push((stage, vec![elapsed])),
        }
    };
    for n in 0..iterations {
        let at = common::CREATED + n as i64;
        let t = Instant::now();
        let imprint = pdf::signature_imprint(formal, &pki.identity, at, budget).unwrap();
        time("signature imprint", t);
        let t = Instant::now();
        let token = pki.tsa.stamp(&imprint, None, at).unwrap();
        time("TSA stamps (in-process)", t);
        let t = Instant::now();
        pdf::tsp::check_token(&token, &imprint).unwrap();
        time("token checked", t);
        let t = Instant::now();
        let signed = pdf::sign_timestamped(formal, &pki.identity, at, budget, &token).unwrap();
        time("signed with the token", t);
        let t = Instant::now();
        let signer = pki.identity.certificate_der().to_vec();
        let tsa = pki.tsa.certificate_der().to_vec();
        let responses = vec![
            pki.authority.ocsp_good(&signer, at).unwrap(),
            pki.authority.ocsp_good(&tsa, at).unwrap(),
        ];
        time("2 OCSP answers (in-process)", t);
        let ca = pki.authority.certificate_der().unwrap();
        let t = Instant::now();
        for (response, cert) in responses.iter().zip([&signer, &tsa]) {
            pdf::ocsp::check(response, cert, &ca).unwrap();
        }
        time("2 OCSP answers checked", t);
        let t = Instant::now();
        let stored = pdf::add_validation_data(
            &signed,
            &pdf::Validation {
                certificates: vec![signer, ca, tsa],
                ocsp_responses: responses,
                crls: Vec::new(),
            },
        )
        .unwrap();
        time("store appended", t);
        let t = Instant::now();
        let imprint = pdf::document_timestamp_imprint(&stored, budget).unwrap();
        time("document imprint", t);
        let token = pki.tsa.stamp(&imprint, None, at).unwrap();
        let t = Instant::now();
        pdf::add_document_timestamp(&stored, budget, &token).unwrap();
        time("document time-stamp appended", t);
    }
    stages
        .into_iter()
        .map(|(stage, times)| (stage, median(times)))
        .collect()
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The document as HTML for WeasyPrint: same blocks, same font files, A4, running
/// header and footer, repeated table header, diagonal watermark.
fn html(doc: &ContractDocument) -> String {
    let fonts = common::font_dir();
    let footer = labels::footer(1, 2).text;
    let (before, rest) = footer.split_once('1').unwrap();
    let (middle, after) = rest.split_once('2').unwrap();
    let mut h = String::new();
    write!(
        h,
        r#"<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
@font-face {{ font-family: QY; font-weight: 400; src: url("file://{dir}/NotoSansHans-Regular.otf"); }}
@font-face {{ font-family: QY; font-weight: 700; src: url("file://{dir}/NotoSansHans-Bold.otf"); }}
@page {{ size: A4; margin: 30mm 25.4mm 25mm;
  @top-left {{ content: "{title}"; font: 8.5pt QY; color: #666; }}
  @top-right {{ content: "{number}"; font: 8.5pt QY; color: #666; }}
  @bottom-center {{ content: "{before}" counter(page) "{middle}" counter(pages) "{after}"; font: 8.5pt QY; color: #666; }} }}
body {{ font-family: QY; font-size: 10.5pt; line-height: 17.5pt; color: #1a1a1a; }}
h1 {{ text-align: center; font-size: 18pt; margin: 0 0 4pt; }}
.sub {{ text-align: center; font-size: 9pt; color: #666; }}
h2 {{ font-size: 11.5pt; margin: 8pt 0 2pt; break-after: avoid; }}
p {{ margin: 0 0 3pt; text-align: justify; }} p.i {{ text-indent: 2em; }}
.f {{ display: flex; }} .f b {{ width: 7em; flex: none; }}
.note {{ font-size: 9pt; color: #666; }}
table {{ border-collapse: collapse; width: 100%; font-size: 9pt; line-height: 14pt; }}
th, td {{ border: 0.6pt solid #999; padding: 4pt; }} th {{ background: #eef0f3; }}
thead {{ display: table-header-group; }} tr {{ break-inside: avoid; }}
.sign {{ display: flex; gap: 24pt; break-inside: avoid; margin-top: 10pt; }} .sign > div {{ flex: 1; }}
.wm {{ position: fixed; top: 40%; left: 20%; font-size: 130pt; font-weight: 700; color: rgba(176,176,176,.35); transform: rotate(-45deg); }}
</style></head><body><div class="wm">{wm}</div>
"#,
        dir = fonts.display(),
        title = escape_html(pdf::templates::find(&doc.template_version).unwrap().title),
        number = escape_html(&labels::header_number(&doc.number).text),
        wm = labels::WATERMARK,
    )
    .unwrap();
    for block in pdf::body_blocks(doc).unwrap() {
        match block {
            Block::Title(t) => writeln!(h, "<h1>{}</h1>", escape_html(&t.text)),
            Block::Subtitle(t) => writeln!(h, "<p class=\"sub\">{}</p>", escape_html(&t.text)),
            Block::Heading(t) => writeln!(h, "<h2>{}</h2>", escape_html(&t.text)),
            Block::Para { text, indent } => {
                writeln!(
                    h,
                    "<p{}>{}</p>",
                    if indent { " class=\"i\"" } else { "" },
                    escape_html(&text.text)
                )
            }
            Block::Field { label, value, .. } => {
                writeln!(
                    h,
                    "<div class=\"f\"><b>{}</b><span>{}</span></div>",
                    escape_html(&label.text),
                    escape_html(&value.text)
                )
            }
            Block::Note(t) => writeln!(h, "<p class=\"note\">{}</p>", escape_html(&t.text)),
            Block::Table(table) => {
                h.push_str("<table><thead><tr>");
                for c in &table.columns {
                    write!(h, "<th>{}</th>", escape_html(&c.header)).unwrap();
                }
                h.push_str("</tr></thead><tbody>");
                for row in &table.rows {
                    h.push_str("<tr>");
                    for (cell, c) in row.iter().zip(&table.columns) {
                        let align = match c.align {
                            Align::Right => "right",
                            Align::Center => "center",
                            _ => "left",
                        };
                        write!(
                            h,
                            "<td style=\"text-align:{align}\">{}</td>",
                            escape_html(cell)
                        )
                        .unwrap();
                    }
                    h.push_str("</tr>");
                }
                writeln!(h, "</tbody></table>")
            }
            Block::Spacer(_) | Block::PageBreak | Block::Keep { .. } => Ok(()),
        }
        .unwrap();
    }
    let side = |heading: &str, name: &str| {
        format!(
            "<div><p><b>{}</b></p><p>{}</p><p style=\"margin-top:36pt\">{}</p><p>{}{}</p></div>",
            heading,
            escape_html(name),
            labels::SIGN_MARK,
            labels::SIGN_DATE,
            labels::SIGN_DATE_BLANK
        )
    };
    writeln!(
        h,
        "<div class=\"sign\">{}{}</div></body></html>",
        side(labels::SIGN_PARTY_A, &doc.party_a.name),
        side(labels::SIGN_PROVIDER, &doc.provider.name)
    )
    .unwrap();
    h
}

/// A typst string literal.
fn ts(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The document as typst markup: same blocks, same fonts, A4, header and footer,
/// repeated table header, diagonal watermark.
fn typst(doc: &ContractDocument) -> String {
    let footer = labels::footer(1, 2).text;
    let (before, rest) = footer.split_once('1').unwrap();
    let (middle, after) = rest.split_once('2').unwrap();
    let title = pdf::templates::find(&doc.template_version).unwrap().title;
    let mut t = String::new();
    write!(
        t,
        r##"#set text(font: "Noto Sans S Chinese", size: 10.5pt, lang: "zh", fill: rgb("#1a1a1a"))
#set par(justify: true, leading: 7pt, spacing: 6pt)
#set page(paper: "a4", margin: (top: 30mm, bottom: 25mm, x: 25.4mm),
  header: text(8.5pt, fill: luma(102))[#{title} #h(1fr) #{number}],
  footer: context align(center, text(8.5pt, fill: luma(102))[#{before}#counter(page).display()#{middle}#counter(page).final().first()#{after}]),
  background: rotate(-45deg, text(130pt, weight: "bold", fill: luma(176).transparentize(65%))[#{wm}]))
"##,
        title = ts(title),
        number = ts(&labels::header_number(&doc.number).text),
        before = ts(before),
        middle = ts(middle),
        after = ts(after),
        wm = ts(labels::WATERMARK),
    )
    .unwrap();
    for block in pdf::body_blocks(doc).unwrap() {
        match block {
            Block::Title(x) => writeln!(t, "#align(center, text(18pt, weight: \"bold\")[#{}])", ts(&x.text)),
            Block::Subtitle(x) => writeln!(t, "#align(center, text(9pt, fill: luma(102))[#{}])", ts(&x.text)),
            Block::Heading(x) => writeln!(t, "#block(above: 12pt, below: 6pt, sticky: true, text(11.5pt, weight: \"bold\")[#{}])", ts(&x.text)),
            Block::Para { text, indent } => {
                writeln!(t, "#par(first-line-indent: (amount: {}, all: true))[#{}]", if indent { "2em" } else { "0em" }, ts(&text.text))
            }
            Block::Field { label, value, .. } => {
                writeln!(t, "#grid(columns: (7em, 1fr), text(weight: \"bold\")[#{}], [#{}])", ts(&label.text), ts(&value.text))
            }
            Block::Note(x) => writeln!(t, "#text(9pt, fill: luma(102))[#{}]", ts(&x.text)),
            Block::Table(table) => {
                let shares: Vec<String> = table.columns.iter().map(|c| format!("{}fr", c.share)).collect();
                write!(t, "#text(9pt, table(columns: ({},), stroke: 0.6pt + luma(153), inset: 4pt, table.header(", shares.join(", ")).unwrap();
                for c in &table.columns {
                    write!(t, "table.cell(fill: rgb(\"#eef0f3\"), align: center, text(weight: \"bold\")[#{}]), ", ts(&c.header)).unwrap();
                }
                t.push_str("), ");
                for row in &table.rows {
                    for (cell, c) in row.iter().zip(&table.columns) {
                        let align = match c.align {
                            Align::Right => "right",
                            Align::Center => "center",
                            _ => "left",
                        };
                        write!(t, "table.cell(align: {align})[#{}], ", ts(cell)).unwrap();
                    }
                }
                writeln!(t, "))")
            }
            Block::Spacer(_) | Block::PageBreak | Block::Keep { .. } => Ok(()),
        }
        .unwrap();
    }
    let side = |heading: &str, name: &str| {
        format!(
            "[#text(weight: \"bold\")[#{}] \\ #{} #v(36pt) #{} \\ #{}]",
            ts(heading),
            ts(name),
            ts(labels::SIGN_MARK),
            ts(&format!("{}{}", labels::SIGN_DATE, labels::SIGN_DATE_BLANK))
        )
    };
    writeln!(
        t,
        "#block(breakable: false, above: 16pt, grid(columns: (1fr, 1fr), gutter: 24pt, {}, {}))",
        side(labels::SIGN_PARTY_A, &doc.party_a.name),
        side(labels::SIGN_PROVIDER, &doc.provider.name)
    )
    .unwrap();
    t
}
