//! The drawing pad of an individual's signature (R11): pointer events, so a mouse, a pen
//! and a finger all work; points are stored normalised to 0..1 of the pad, which is what
//! the server validates and the PDF scales into its signature box.

use crate::i18n::console_text;
use domain::mark::Stroke;
use leptos::prelude::*;

/// The pad's drawing resolution; CSS scales the element, points are normalised anyway.
const WIDTH: u32 = 600;
const HEIGHT: u32 = 200;

#[component]
pub fn SignaturePad(
    strokes: RwSignal<Vec<Stroke>>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let txt = console_text();
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let drawing = StoredValue::new(false);
    let point = move |ev: &leptos::ev::PointerEvent| -> Option<(f32, f32)> {
        let c = canvas.get_untracked()?;
        let (w, h) = (c.client_width() as f32, c.client_height() as f32);
        (w > 0.0 && h > 0.0).then(|| {
            (
                (ev.offset_x() as f32 / w).clamp(0.0, 1.0),
                (ev.offset_y() as f32 / h).clamp(0.0, 1.0),
            )
        })
    };
    let down = move |ev: leptos::ev::PointerEvent| {
        ev.prevent_default();
        if let Some(c) = canvas.get_untracked() {
            // Keep receiving moves when the pointer leaves the pad mid-stroke.
            let _ = c.set_pointer_capture(ev.pointer_id());
        }
        if let Some(p) = point(&ev) {
            drawing.set_value(true);
            strokes.update(|s| s.push(vec![p]));
        }
    };
    let moved = move |ev: leptos::ev::PointerEvent| {
        if drawing.get_value() {
            if let Some(p) = point(&ev) {
                strokes.update(|s| {
                    if let Some(last) = s.last_mut() {
                        last.push(p);
                    }
                });
            }
        }
    };
    let up = move |_| drawing.set_value(false);

    // Redraw whenever the strokes change (a few thousand points at most).
    Effect::new(move |_| {
        strokes.with(|s| {
            if let Some(c) = canvas.get() {
                paint(&c, s);
            }
        })
    });

    let invalid = move || error.get().map(|_| "true");
    view! {
        <div class="field">
            <span class="label" id="signature-label">{txt.signature_pad_label}<span class="required" aria-hidden="true">"*"</span></span>
            <canvas class="signature-pad" id="signature-pad" node_ref=canvas width=WIDTH height=HEIGHT
                aria-labelledby="signature-label" aria-invalid=invalid
                on:pointerdown=down on:pointermove=moved on:pointerup=up on:pointercancel=up></canvas>
            <div class="signature-actions">
                <p class="field-hint">{txt.signature_hint}</p>
                <button class="btn btn-sm" type="button" id="signature-clear" on:click=move |_| strokes.set(Vec::new())>{txt.signature_clear}</button>
            </div>
            {move || error.get().map(|e| view! { <p class="field-error" id="f-signature-error">{e}</p> })}
        </div>
    }
}

#[cfg(feature = "hydrate")]
fn paint(canvas: &web_sys::HtmlCanvasElement, strokes: &[Stroke]) {
    use leptos::wasm_bindgen::JsCast;
    let Some(ctx) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    let (w, h) = (f64::from(WIDTH), f64::from(HEIGHT));
    ctx.clear_rect(0.0, 0.0, w, h);
    ctx.set_line_width(4.0);
    ctx.set_line_cap("round");
    ctx.set_line_join("round");
    ctx.set_stroke_style_str("#1d2129");
    for stroke in strokes {
        let mut points = stroke.iter();
        let Some(&(x, y)) = points.next() else {
            continue;
        };
        ctx.begin_path();
        ctx.move_to(f64::from(x) * w, f64::from(y) * h);
        // A tap draws a dot.
        ctx.line_to(f64::from(x) * w + 0.1, f64::from(y) * h);
        for &(x, y) in points {
            ctx.line_to(f64::from(x) * w, f64::from(y) * h);
        }
        ctx.stroke();
    }
}

#[cfg(not(feature = "hydrate"))]
fn paint(_canvas: &leptos::web_sys::HtmlCanvasElement, _strokes: &[Stroke]) {}
