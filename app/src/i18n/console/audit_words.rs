//! The timeline's words in the page's language, from the catalog (`catalog::audit`).

use domain::{ActorKind, AuditAction, AuditDetail};

use super::Console;

impl Console {
    /// Who did it, for the timeline.
    pub fn actor(&self, kind: ActorKind) -> &'static str {
        catalog::audit::actor(self.lang, kind)
    }

    /// A timeline entry's action; an action this build does not know reads as such.
    pub fn audit_action(&self, action: Option<AuditAction>) -> &'static str {
        catalog::audit::action(self.lang, action)
    }

    /// What an event adds to its action, for the timeline.
    pub fn audit_detail(&self, detail: &AuditDetail) -> String {
        catalog::audit::detail(self.lang, detail)
    }
}
