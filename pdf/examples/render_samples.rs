//! Renders the sample contracts (draft and formal, signed) into a folder:
//! `cargo run -p pdf --release --example render_samples -- /tmp/qy-samples`
#[path = "../tests/common/mod.rs"]
mod common;

use domain::contract::ContractType;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/pdf-samples".into()),
    );
    std::fs::create_dir_all(&out)?;
    let fonts = common::fonts();
    let (identity, _) =
        pdf::SigningIdentity::load_or_create(&out.join("identity"), "示例云计算有限公司")?;
    for kind in ContractType::ALL {
        for formal in [false, true] {
            let doc = common::document(kind, formal);
            let started = std::time::Instant::now();
            let mut bytes = pdf::render(&fonts, &doc)?;
            let rendered = started.elapsed();
            if formal {
                bytes = pdf::sign(&bytes, &identity, common::CREATED + 2_400_000)?;
            }
            let name = format!(
                "{}-{}.pdf",
                kind.as_str(),
                if formal { "formal" } else { "draft" }
            );
            std::fs::write(out.join(&name), &bytes)?;
            println!("{name}: {} bytes, rendered in {rendered:?}", bytes.len());
        }
    }
    std::fs::write(out.join("ca.pem"), identity.ca_certificate_pem())?;
    Ok(())
}
