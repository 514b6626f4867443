//! The tools bundle: results, roadmap, report, workshop and territory views.
fn main() {
    autodiag::start(
        autodiag::route::Bundle::Tools,
        autodiag::pages::tools,
        autodiag::pages::tools_title,
        autodiag::pages::prepare_tools,
    );
}
