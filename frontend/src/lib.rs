//! The browser entry point: hydrates the server-rendered HTML with the same `App`.

use any_spawner::Executor;
use leptos::task::spawn_local;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    else {
        return;
    };
    // Each page's code is fetched on demand (app/src/routes.rs), so hydration waits for
    // the page's piece of the bundle, as `leptos::mount::hydrate_lazy` does; unlike it,
    // this sets the marker once hydration has finished. An Err from the executor's setup
    // only says it was already set up.
    let _ = Executor::init_wasm_bindgen();
    spawn_local(async move {
        leptos::mount::hydrate_from_async(body.clone(), app::App)
            .await
            .forget();
        // A marker for end-to-end tests (and curious humans) that the page is interactive.
        let _ = body.set_attribute("data-hydrated", "true");
    });
}
