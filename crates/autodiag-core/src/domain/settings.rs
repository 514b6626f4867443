//! What the intercommunale sets in `content/settings.toml`: who runs the tool and where
//! summaries go. The build checks each value and writes it here as a constant.

/// The body that publishes Autodiag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operator {
    pub name: &'static str,
    pub territory: &'static str,
    /// The programme's public site, which is also the contact while no address is set.
    pub website: &'static str,
    /// Receives the communes' summaries; empty until the intercommunale confirms one.
    pub summary_email: &'static str,
    /// Receives accessibility problems; empty means the website is the contact.
    pub accessibility_email: &'static str,
    /// `YYYY-MM-DD` of the accessibility statement's last review.
    pub accessibility_reviewed: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/settings.rs"));

impl Operator {
    /// The website as people read it, without its scheme.
    pub fn website_shown(&self) -> &'static str {
        self.website
            .strip_prefix("https://")
            .unwrap_or(self.website)
    }

    /// A `mailto:` link to the summary address with a subject and a body, or `None` while no
    /// address is set: the app then says to send the file to the commune's contact instead.
    pub fn summary_mail_link(&self, subject: &str, body: &str) -> Option<String> {
        mail_link(self.summary_email, subject, body)
    }
}

/// `mailto:address?subject=…&body=…`, percent-encoded as RFC 6068 asks, so accents, line
/// breaks and `&` reach the mail program intact.
pub fn mail_link(address: &str, subject: &str, body: &str) -> Option<String> {
    (!address.is_empty()).then(|| {
        format!(
            "mailto:{address}?subject={}&body={}",
            percent_encode(subject),
            percent_encode(&body.replace('\n', "\r\n"))
        )
    })
}

/// Every byte but RFC 3986's unreserved characters, as `%XX`.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_address_means_no_mail_link() {
        assert_eq!(mail_link("", "Sujet", "Corps"), None);
    }

    #[test]
    fn subject_and_body_are_percent_encoded() {
        let link = mail_link("contact@example.be", "Résumé & co", "Ligne 1\nLigne 2").unwrap();
        assert_eq!(
            link,
            "mailto:contact@example.be?subject=R%C3%A9sum%C3%A9%20%26%20co&body=Ligne%201%0D%0ALigne%202"
        );
    }

    #[test]
    fn the_shipped_settings_invent_no_address() {
        // Until IGRETEC confirms an address, the shipped settings leave it empty (issue #17).
        // Whoever sets a real one changes this test in the same commit, knowingly.
        assert_eq!(OPERATOR.summary_email, "");
        assert!(OPERATOR.website.starts_with("https://"));
        assert_eq!(OPERATOR.name, "IGRETEC");
    }
}
