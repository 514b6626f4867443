//! The questionnaire bundle: what a commune loads first.
fn main() {
    autodiag::start(
        autodiag::route::Bundle::Questionnaire,
        autodiag::pages::questionnaire,
        autodiag::pages::questionnaire_title,
        autodiag::pages::prepare_questionnaire,
    );
}
