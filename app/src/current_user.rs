//! The signed-in user, as every component of a page reads it.

use crate::dto::SessionUser;
use crate::error::AppError;

/// The signed-in user, loaded once per page load and shared by every component.
#[derive(Clone, Copy)]
pub struct CurrentUser(pub crate::resource::Data<Result<Option<SessionUser>, AppError>>);
