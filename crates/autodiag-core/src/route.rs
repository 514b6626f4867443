//! Screens and their addresses. Routes live in the URL's hash (`#/pilier/mobilite`), so Back
//! works, screens can be bookmarked, and deep links work from any static file server.
//!
//! A hash route read from a signal replaces `leptos_router`, which would add 56 KB gzipped
//! for the same behaviour here (4 routes and `<A>` links in a test app of leptos csr and
//! plotters, wasm and glue, gzip -9, measured 2026-11-28).
//!
//! The screens come in two bundles, two wasm files: the questionnaire, which a commune loads
//! first, and the tools (results, roadmap, report, workshop and territory views), loaded from
//! `outils/` when first opened. A link to the other bundle is an ordinary page load.

/// Added to a pillar's address to resume at its first unanswered question.
const RESUME_QUERY: &str = "?reprendre";
/// Added to a pillar's address, with a question's id, to bring that question into view.
const QUESTION_QUERY: &str = "?question=";
/// Added to the PST's address, with a later assessment's id, to evaluate against it.
const LATER_QUERY: &str = "?apres=";

/// One of the two wasm bundles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    /// `index.html`: home, profile and questionnaire.
    Questionnaire,
    /// `outils/index.html`: everything that reads answers rather than collects them, and the
    /// management of several assessments.
    Tools,
}

/// One screen of the app.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Route {
    #[default]
    Home,
    Assessments,
    Profile,
    Pillar(String),
    Results,
    Roadmap,
    /// The roadmap as PST material: fiches and a table for the commune's PST.
    Pst,
    /// Results opened from a link shared in a workshop, read-only.
    Shared,
    Report,
    Projector,
    Territory,
    Compare,
    Consolidate,
    Import,
    /// Who runs Autodiag, and what happens to the data.
    LegalNotice,
    /// The accessibility statement a public body's tool must publish.
    Accessibility,
    /// Renders a deliberate panic, to test the crash banner end to end.
    PanicTest,
    NotFound(String),
}

/// The non-empty id that follows `query` (`?question=`, `?apres=`) in a `location.hash`.
fn value_after<'h>(hash: &'h str, query: &str) -> Option<&'h str> {
    let at = crate::domain::format::find_str(hash, query)?;
    hash.get(at + query.len()..).filter(|id| !id.is_empty())
}

impl Route {
    /// Reads a `location.hash` such as `#/pilier/mobilite`. Unknown pillars are checked by the
    /// page, which knows the framework.
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let mut parts = path.split('/').filter(|p| !p.is_empty());
        match (parts.next(), parts.next(), parts.next()) {
            (None, _, _) => Route::Home,
            (Some("evaluations"), None, _) => Route::Assessments,
            (Some("profil"), None, _) => Route::Profile,
            (Some("pilier"), Some(id), None) => Route::Pillar(id.to_string()),
            (Some("resultats"), None, _) => Route::Results,
            (Some("feuille-de-route"), None, _) => Route::Roadmap,
            (Some("pst"), None, _) => Route::Pst,
            (Some("partage"), None, _) => Route::Shared,
            (Some("rapport"), None, _) => Route::Report,
            (Some("projection"), None, _) => Route::Projector,
            (Some("territoire"), None, _) => Route::Territory,
            (Some("comparer"), None, _) => Route::Compare,
            (Some("consolider"), None, _) => Route::Consolidate,
            (Some("importer"), None, _) => Route::Import,
            (Some("mentions-legales"), None, _) => Route::LegalNotice,
            (Some("accessibilite"), None, _) => Route::Accessibility,
            (Some("test-panique"), None, _) => Route::PanicTest,
            _ => Route::NotFound(path.to_string()),
        }
    }

    /// The `href` of this screen.
    pub fn href(&self) -> String {
        match self {
            Route::Home => "#/".into(),
            Route::Assessments => "#/evaluations".into(),
            Route::Profile => "#/profil".into(),
            Route::Pillar(id) => format!("#/pilier/{id}"),
            Route::Results => "#/resultats".into(),
            Route::Roadmap => "#/feuille-de-route".into(),
            Route::Pst => "#/pst".into(),
            Route::Shared => "#/partage".into(),
            Route::Report => "#/rapport".into(),
            Route::Projector => "#/projection".into(),
            Route::Territory => "#/territoire".into(),
            Route::Compare => "#/comparer".into(),
            Route::Consolidate => "#/consolider".into(),
            Route::Import => "#/importer".into(),
            Route::LegalNotice => "#/mentions-legales".into(),
            Route::Accessibility => "#/accessibilite".into(),
            Route::PanicTest => "#/test-panique".into(),
            Route::NotFound(path) => format!("#/{path}"),
        }
    }

    /// The bundle that shows this screen.
    pub fn bundle(&self) -> Bundle {
        match self {
            Route::Home
            | Route::Profile
            | Route::Pillar(_)
            | Route::PanicTest
            | Route::NotFound(_) => Bundle::Questionnaire,
            Route::Assessments
            | Route::Results
            | Route::Roadmap
            | Route::Pst
            | Route::Shared
            | Route::Report
            | Route::Projector
            | Route::Territory
            | Route::Compare
            | Route::Consolidate
            | Route::Import
            | Route::LegalNotice
            | Route::Accessibility => Bundle::Tools,
        }
    }

    /// The address of this screen from bundle `here`, asking the page to bring the first
    /// question still to answer into view: how another bundle says « continue here ».
    pub fn href_resuming(&self, here: Bundle) -> String {
        format!("{}{RESUME_QUERY}", self.href_from(here))
    }

    /// Whether a `location.hash` asks to resume at the first question still to answer.
    pub fn asks_to_resume(hash: &str) -> bool {
        hash.ends_with(RESUME_QUERY)
    }

    /// The address of this pillar from bundle `here`, bringing `question` into view: where a
    /// « question à vérifier » links to.
    pub fn href_to_question(&self, question: &str, here: Bundle) -> String {
        format!("{}{QUESTION_QUERY}{question}", self.href_from(here))
    }

    /// The address of `question` on its pillar's page from bundle `here`, bringing it into
    /// view: where a link about one question leads.
    pub fn question_href(
        framework: &crate::domain::content::Framework,
        question: &str,
        here: Bundle,
    ) -> String {
        let pillar = framework
            .pillar_of(question)
            .map(|p| p.id.clone())
            .unwrap_or_default();
        Route::Pillar(pillar).href_to_question(question, here)
    }

    /// The question a `location.hash` asks to bring into view, if any.
    pub fn question_asked(hash: &str) -> Option<&str> {
        value_after(hash, QUESTION_QUERY)
    }

    /// The PST's address, evaluated against the later assessment `later`: where the
    /// before/after screen leads.
    pub fn href_pst_evaluated_with(later: &str) -> String {
        format!("{}{LATER_QUERY}{later}", Route::Pst.href())
    }

    /// The later assessment a `location.hash` asks the PST to be evaluated against, if any.
    pub fn later_asked(hash: &str) -> Option<&str> {
        value_after(hash, LATER_QUERY)
    }

    /// The shared results' address carrying `query` (see `domain::share`).
    pub fn href_shared(query: &str) -> String {
        format!("{}?{query}", Route::Shared.href())
    }

    /// The query of a `location.hash`: what follows its `?`.
    pub fn query(hash: &str) -> &str {
        hash.split_once('?').map_or("", |(_, query)| query)
    }

    /// The address of this screen from a page of bundle `here`.
    pub fn href_from(&self, here: Bundle) -> String {
        match (here, self.bundle()) {
            (Bundle::Questionnaire, Bundle::Tools) => format!("outils/{}", self.href()),
            (Bundle::Tools, Bundle::Questionnaire) => format!("../{}", self.href()),
            _ => self.href(),
        }
    }

    /// Where « continuer » leads for an assessment: its profile while nothing is filled in,
    /// then the first pillar not fully answered, and its results once every question is.
    pub fn to_continue(
        framework: &crate::domain::content::Framework,
        assessment: &crate::domain::assessment::Assessment,
    ) -> Route {
        if assessment.answers.is_empty() && assessment.profile.population.is_none() {
            return Route::Profile;
        }
        crate::domain::scoring::first_unfinished_pillar(framework, assessment)
            .map_or(Route::Results, |p| Route::Pillar(p.id.clone()))
    }

    /// Screens that show the roadmap, which is drafted from the latest answers on arrival.
    pub fn shows_roadmap(&self) -> bool {
        matches!(
            self,
            Route::Roadmap | Route::Pst | Route::Report | Route::Projector
        )
    }

    /// Screens that show one assessment and need one to be open.
    pub fn needs_assessment(&self) -> bool {
        matches!(
            self,
            Route::Profile
                | Route::Pillar(_)
                | Route::Results
                | Route::Roadmap
                | Route::Pst
                | Route::Report
                | Route::Projector
        )
    }
}

#[cfg(test)]
mod tests {
    use super::Route;

    #[test]
    fn every_route_reads_back_from_its_own_address() {
        for route in [
            Route::Home,
            Route::Assessments,
            Route::Profile,
            Route::Pillar("mobilite".into()),
            Route::Results,
            Route::Roadmap,
            Route::Pst,
            Route::Shared,
            Route::Report,
            Route::Projector,
            Route::Territory,
            Route::Compare,
            Route::Consolidate,
            Route::Import,
            Route::LegalNotice,
            Route::Accessibility,
            Route::PanicTest,
        ] {
            assert_eq!(Route::parse(&route.href()), route);
        }
    }

    #[test]
    fn the_pst_and_shared_addresses_read_back() {
        let evaluated = Route::href_pst_evaluated_with("abc");
        assert_eq!(Route::parse(&evaluated), Route::Pst);
        assert_eq!(Route::later_asked(&evaluated), Some("abc"));
        assert_eq!(Route::later_asked(&Route::Pst.href()), None);
        let shared = Route::href_shared("v=1&r=3");
        assert_eq!(Route::parse(&shared), Route::Shared);
        assert_eq!(Route::query(&shared), "v=1&r=3");
        assert_eq!(Route::query("#/partage"), "");
    }

    #[test]
    fn links_cross_bundles_with_relative_addresses() {
        use super::Bundle::*;
        assert_eq!(
            Route::Results.href_from(Questionnaire),
            "outils/#/resultats"
        );
        assert_eq!(Route::Results.href_from(Tools), "#/resultats");
        assert_eq!(Route::Profile.href_from(Tools), "../#/profil");
        assert_eq!(Route::Profile.href_from(Questionnaire), "#/profil");
    }

    #[test]
    fn a_resuming_address_reads_as_its_screen_and_asks_to_resume() {
        let href = Route::Pillar("economie".into()).href_resuming(super::Bundle::Tools);
        assert_eq!(href, "../#/pilier/economie?reprendre");
        let hash = href.trim_start_matches("../");
        assert_eq!(Route::parse(hash), Route::Pillar("economie".into()));
        assert!(Route::asks_to_resume(hash));
        assert!(!Route::asks_to_resume("#/pilier/economie"));
    }

    #[test]
    fn a_question_address_reads_as_its_pillar_and_names_the_question() {
        let href = Route::Pillar("gouvernance".into())
            .href_to_question("gou_donnees_personnelles", super::Bundle::Tools);
        assert_eq!(
            href,
            "../#/pilier/gouvernance?question=gou_donnees_personnelles"
        );
        let hash = href.trim_start_matches("../");
        assert_eq!(Route::parse(hash), Route::Pillar("gouvernance".into()));
        assert_eq!(
            Route::question_asked(hash),
            Some("gou_donnees_personnelles")
        );
        assert_eq!(Route::question_asked("#/pilier/gouvernance"), None);
    }

    #[test]
    fn empty_and_odd_hashes_are_handled() {
        assert_eq!(Route::parse(""), Route::Home);
        assert_eq!(Route::parse("#"), Route::Home);
        assert_eq!(Route::parse("#/profil/"), Route::Profile);
        assert_eq!(Route::parse("#/profil?x=1"), Route::Profile);
        assert_eq!(Route::parse("#/nope"), Route::NotFound("nope".into()));
        assert_eq!(Route::parse("#/pilier"), Route::NotFound("pilier".into()));
    }
}
