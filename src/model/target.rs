//! Who sees a message: one endpoint of one application, and ids safe to use as file names.

use std::fmt;

/// One endpoint of one application.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Target {
    pub app: String,
    pub endpoint: String,
}

impl Target {
    pub fn new(app: impl Into<String>, endpoint: impl Into<String>) -> Self {
        Self {
            app: app.into(),
            endpoint: endpoint.into(),
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} › {}", self.app, self.endpoint)
    }
}

/// An id that can name one file inside its folder: no separators, no `..`, no hidden files.
pub fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('.')
        && !id.contains(['/', '\\', '\0'])
        && !id.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_leave_the_folder_are_refused() {
        for bad in ["", "..", ".hidden", "a/b", "a\\b", "a\0b", "a\nb"] {
            assert!(!is_safe_id(bad), "{bad:?}");
        }
        assert!(is_safe_id("android-pixel"));
        assert!(is_safe_id("5f3c0a1b2c"));
    }
}
