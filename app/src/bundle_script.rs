//! The script that starts the browser bundle on an app page, in place of Leptos'
//! `HydrationScripts`, which preloads the JavaScript and WebAssembly from `<head>`. Here
//! the download starts once the page has loaded: on a slow phone connection the bundle
//! (~330 KiB for the contract home; a page's own piece follows: app/src/routes.rs) then
//! does not compete with the HTML and the stylesheet for the first paint,
//! and the server's HTML is the whole page until then (the console's routes render in
//! `SsrMode::Async`, so hydration repaints nothing). Measured with Lighthouse's mobile
//! preset (`scripts/bench-web.sh`): the contract home's and the wizard's LCP went from
//! 3.3 s to 0.9 s, their performance score from 86–89 to 97.

use leptos::prelude::*;

#[component]
pub fn BundleScript(options: LeptosOptions) -> impl IntoView {
    let nonce = leptos::nonce::use_nonce();
    // The name is the build's hash (`scripts/build.sh`): ASCII, so `{:?}` is a valid
    // JavaScript string literal.
    let base = format!("/{}/{}", options.site_pkg_dir, options.output_name);
    let js = format!("{base}.js");
    let wasm = format!("{base}_bg.wasm");
    let script = format!(
        "const start = () => import({js:?}).then(m => m.default({{ module_or_path: {wasm:?} }}).then(() => m.hydrate()));\
         if (document.readyState === 'complete') start(); else addEventListener('load', start, {{ once: true }});"
    );
    view! { <script type="module" nonce=nonce>{script}</script> }
}
