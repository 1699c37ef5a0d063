//! The console frame: top bar with the account menu, left navigation, breadcrumb, toasts.
//! Signed-out visitors are sent to the login page (the server does the same before
//! rendering; this covers navigation inside the running app).

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

use crate::api::auth::Logout;
use crate::components::public::LanguageSwitch;
use crate::components::toast::ToastRegion;
use crate::current_user::CurrentUser;
use crate::dto::SessionUser;
use crate::i18n::console::Console;
use crate::i18n::console_text;
use crate::nav::hard_navigate;

/// Which side navigation a console page shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Nav {
    #[default]
    Customer,
    Operator,
}

impl Nav {
    /// `(href, label)` of each item.
    fn items(self, txt: &'static Console) -> Vec<(&'static str, &'static str)> {
        match self {
            Nav::Customer => vec![
                ("/contracts", txt.nav_contracts),
                ("/party-a", txt.nav_party_a),
                ("/esign", txt.nav_esign),
                ("/account", txt.nav_account),
            ],
            Nav::Operator => vec![("/ops", txt.nav_ops)],
        }
    }
}

#[component]
pub fn ConsoleLayout(
    #[prop(into)] title: String,
    #[prop(into)] crumb: String,
    /// The side navigation: the customer's by default, the operator's on `/ops`.
    #[prop(optional)]
    nav: Nav,
    children: Children,
) -> impl IntoView {
    let txt = console_text();
    let me = expect_context::<CurrentUser>().0;
    let location = use_location();
    let nav_open = RwSignal::new(false);
    let path = location.pathname;

    view! {
        <Title text=format!("{title} · {}", txt.app_name)/>
        <Meta name="description" content=txt.console_description/>
        <div class="console">
            <header class="topbar">
                <button class="menu-toggle" type="button" aria-label=txt.nav_menu
                    aria-expanded=move || nav_open.get().to_string()
                    on:click=move |_| nav_open.update(|open| *open = !*open)>"☰"</button>
                // A phone shows the brand's short form (style/main.css): a clipped brand reads
                // as a broken word.
                <a class="brand" href="/contracts"><span class="brand-mark">"◆"</span>
                    <span class="brand-full">{txt.brand_console}</span><span class="brand-short">{txt.brand_short}</span></a>
                <span class="spacer"></span>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        match me.await {
                            Ok(Some(user)) => view! { <AccountMenu user/> }.into_any(),
                            _ => {
                                let next = path.get_untracked();
                                view! { <Redirect path=format!("/login?next={next}")/> }.into_any()
                            }
                        }
                    })}
                </Transition>
            </header>
            <div class="console-body">
                <nav class="sidenav" class:open=move || nav_open.get() aria-label=txt.nav_label>
                    {nav.items(txt).into_iter().map(|(href, label)| view! {
                        <a class="nav-item" href=href
                            aria-current=move || nav_current(&path.get(), href)>{label}</a>
                    }).collect_view()}
                </nav>
                <main class="content" id="main">
                    <nav class="breadcrumb" aria-label=txt.breadcrumb_label>{crumb}</nav>
                    <h1 class="page-title">{title}</h1>
                    {children()}
                </main>
            </div>
            <ToastRegion/>
        </div>
    }
}

/// A navigation item is the current page on its own path and the current section on
/// the pages below it (a contract, the creation wizard), so the reader always sees where
/// they are.
fn nav_current(path: &str, href: &str) -> Option<&'static str> {
    if path == href {
        Some("page")
    } else if path
        .strip_prefix(href)
        .is_some_and(|rest| rest.starts_with('/'))
    {
        Some("true")
    } else {
        None
    }
}

#[component]
fn AccountMenu(user: SessionUser) -> impl IntoView {
    let txt = console_text();
    let logout = ServerAction::<Logout>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = logout.value().get() {
            hard_navigate("/");
        }
    });
    let role = match user.role {
        domain::account::Role::Operator => txt.role_operator,
        domain::account::Role::Customer => txt.account_kind(user.kind),
    };
    // "企业：" / "Enterprise: " before the name, which is the account's own data. Each in
    // an element of its own: a text node followed by an element hydrates in a debug build
    // but not in the release one (tachys finds no text node where it expects one).
    let lead = txt.labelled(role, "");
    let name = user.display_name;
    view! {
        <details class="account-menu">
            // On a phone the summary is the icon alone (style/main.css): the label stays
            // for screen readers, and the open menu shows it in full on top.
            <summary>
                // Drawn by the stylesheet: markup here is code in every console page's bundle.
                <span class="account-icon" aria-hidden="true"></span>
                <span class="account-label"><span>{lead.clone()}</span><span translate="no">{name.clone()}</span></span>
            </summary>
            <div class="menu">
                <p class="menu-who" aria-hidden="true"><span>{lead}</span><span translate="no">{name}</span></p>
                <a class="menu-item" href="/account">{txt.menu_account}</a>
                <LanguageSwitch/>
                <ActionForm action=logout>
                    <button class="menu-item" type="submit">{txt.menu_logout}</button>
                </ActionForm>
            </div>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::nav_current;

    #[test]
    fn the_section_of_a_nested_page_is_current() {
        assert_eq!(nav_current("/contracts", "/contracts"), Some("page"));
        assert_eq!(
            nav_current("/contracts/new/order", "/contracts"),
            Some("true")
        );
        assert_eq!(nav_current("/ops/contracts/QY-1", "/ops"), Some("true"));
        assert_eq!(nav_current("/contracts-archive", "/contracts"), None);
        assert_eq!(nav_current("/party-a", "/contracts"), None);
    }
}
