//! `token_enum!`: one declaration per public enum gives its variants, the stable
//! lower-case token used in the database, URLs and JSON (`as_str` / `parse` / serde),
//! and its zh-CN label (from `text.rs`). Keeping the three together means they cannot
//! drift apart.

macro_rules! token_enum {
    // Tokens only: the words are elsewhere (a public page's catalog).
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $token:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $token)] $variant, )+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: [$name; token_enum!(@count $($variant)+)] = [$($name::$variant),+];

            /// The stable token (database column, URL, JSON).
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $token, )+
                }
            }

            /// The inverse of [`Self::as_str`]; `None` for an unknown token.
            pub fn parse(token: &str) -> Option<Self> {
                match token {
                    $( $token => Some($name::$variant), )+
                    _ => None,
                }
            }
        }
    };
    // Tokens with the zh-CN label of each.
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $token:literal, $label:expr; )+
        }
    ) => {
        token_enum! {
            $(#[$meta])*
            pub enum $name {
                $( $(#[$vmeta])* $variant => $token; )+
            }
        }

        impl $name {
            /// The zh-CN label shown to users.
            pub fn label(self) -> &'static str {
                match self {
                    $( $name::$variant => $label, )+
                }
            }
        }
    };
    (@count) => { 0usize };
    (@count $head:ident $($tail:ident)*) => { 1usize + token_enum!(@count $($tail)*) };
}

pub(crate) use token_enum;

/// Asserts that `as_str`/`parse` round-trip, tokens are unique snake_case and every
/// label is non-empty (unless `allow_empty_label` names the one variant allowed one).
#[cfg(test)]
macro_rules! assert_token_enum {
    ($name:ty) => {
        assert_token_enum!($name, None::<$name>)
    };
    ($name:ty, $allow_empty_label:expr) => {{
        let allow: Option<$name> = $allow_empty_label;
        let mut seen = std::collections::HashSet::new();
        for v in <$name>::ALL {
            assert_eq!(<$name>::parse(v.as_str()), Some(v));
            assert!(seen.insert(v.as_str()), "duplicate token {}", v.as_str());
            assert!(v
                .as_str()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'));
            if Some(v) != allow {
                assert!(!v.label().is_empty(), "{v:?} has no label");
            }
        }
        assert_eq!(<$name>::parse("no_such_token"), None);
    }};
}

#[cfg(test)]
pub(crate) use assert_token_enum;
