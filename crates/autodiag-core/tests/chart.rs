//! Chart geometry: for known scores, the shapes sit where they should.

use autodiag_core::chart::{self, BarRow, Bars, Radar, Series};

fn radar(values: Vec<Option<u8>>) -> Radar {
    Radar {
        title: "Maturité par pilier".into(),
        axes: [
            "Mobilité",
            "Qualité de vie",
            "Économie",
            "Énergie & environnement",
            "Gouvernance",
            "Smart Citizens",
        ]
        .map(String::from)
        .to_vec(),
        commune: Series {
            label: "Cette évaluation".into(),
            values,
        },
        target: None,
        comparison: None,
        not_assessed: "non évalué".into(),
        to_confirm: Vec::new(),
        to_confirm_note: "à confirmer".into(),
    }
}

/// The first `points` attribute in `element`, parsed into pixel pairs.
fn points(element: &str) -> Vec<(f64, f64)> {
    let attr = element.find("points=\"").unwrap() + 8;
    let end = element[attr..].find('"').unwrap();
    element[attr..attr + end]
        .split_whitespace()
        .map(|pair| {
            let (x, y) = pair.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect()
}

/// Every `points` attribute of the SVG's polygons, parsed into pixel pairs.
fn polygons(svg: &str) -> Vec<Vec<(f64, f64)>> {
    svg.match_indices("<polygon")
        .map(|(start, _)| points(&svg[start..]))
        .collect()
}

fn close(a: (f64, f64), b: (f64, f64)) -> bool {
    (a.0 - b.0).abs() <= 1.0 && (a.1 - b.1).abs() <= 1.0
}

#[test]
fn radar_polygon_vertices_sit_at_their_scores() {
    let scores = [Some(100), Some(50), Some(0), Some(75), Some(25), Some(100)];
    let svg = chart::radar_svg(&radar(scores.to_vec()));
    let expected: Vec<(f64, f64)> = scores
        .iter()
        .enumerate()
        .map(|(axis, s)| chart::radar_point(axis, 6, f64::from(s.unwrap())))
        .collect();
    let found = polygons(&svg).into_iter().any(|points| {
        points.len() >= 6 && expected.iter().zip(&points).all(|(e, p)| close(*e, *p))
    });
    assert!(found, "no polygon at {expected:?} in\n{svg}");
}

#[test]
fn radar_axis_zero_points_up_and_a_full_score_reaches_the_rim() {
    let (cx, cy) = chart::RADAR_CENTRE;
    assert!(close(
        chart::radar_point(0, 6, 100.0),
        (cx, cy - chart::RADAR_RADIUS)
    ));
    assert!(close(
        chart::radar_point(3, 6, 100.0),
        (cx, cy + chart::RADAR_RADIUS)
    ));
    assert!(close(chart::radar_point(1, 6, 0.0), (cx, cy)));
    // Axis 1 is to the right of the centre: clockwise.
    assert!(chart::radar_point(1, 6, 100.0).0 > cx);
}

#[test]
fn radar_draws_five_band_rings_and_names_the_chart() {
    let svg = chart::radar_svg(&radar(vec![Some(50); 6]));
    let limits = chart::BAND_LIMITS;
    for limit in limits {
        let rim = chart::radar_point(0, 6, limit);
        assert!(
            polygons(&svg)
                .iter()
                .any(|p| p.first().is_some_and(|first| close(*first, rim))),
            "no band ring at {limit}"
        );
    }
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains("<title>Maturité par pilier</title>"));
    // The drawing and each of its texts name the same family, which print and the app's
    // own font fall back from.
    let texts = svg.matches("<text").count();
    assert!(texts >= 6, "{texts} texts");
    assert_eq!(svg.matches("font-family=\"sans-serif\"").count(), texts + 1);
}

#[test]
fn radar_labels_every_pillar_with_its_score_or_not_assessed() {
    let svg = chart::radar_svg(&radar(vec![
        Some(63),
        None,
        Some(0),
        Some(25),
        Some(50),
        Some(100),
    ]));
    for label in [
        "Mobilité",
        "Gouvernance",
        "Smart Citizens",
        "63 / 100",
        "non évalué",
        "0 / 100",
    ] {
        assert!(svg.contains(label), "missing {label}");
    }
}

#[test]
fn radar_marks_each_score_to_confirm_and_no_other() {
    let mut input = radar(vec![Some(63), Some(12), Some(0), Some(25), None, Some(100)]);
    // Mobilité is drawn above the radar, Qualité de vie beside it; a pillar with no score
    // has nothing to confirm.
    input.to_confirm = vec![true, true, false, false, true, false];
    let svg = chart::radar_svg(&input);
    assert!(
        svg.contains(">63 / 100<") && svg.contains(">12 / 100<"),
        "{svg}"
    );
    assert_eq!(svg.matches(">à confirmer<").count(), 2, "{svg}");
    // The projector keeps the labels above and below to two lines: there the note stands in
    // for the score, which its slide lists beside the chart.
    let projector = chart::radar_svg_at(&input, chart::RadarGeometry::PROJECTOR);
    assert!(!projector.contains(">63 / 100<") && projector.contains(">12 / 100<"));
    assert_eq!(projector.matches(">à confirmer<").count(), 2, "{projector}");
    assert!(!chart::radar_svg(&radar(vec![Some(63); 6])).contains("à confirmer"));
}

#[test]
fn radar_labels_stay_inside_the_drawing() {
    let svg = chart::radar_svg(&radar(vec![Some(100); 6]));
    for (start, _) in svg.match_indices("<text") {
        let rest = &svg[start..];
        let number = |name: &str| -> f64 {
            let at = rest.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
            rest[at..at + rest[at..].find('"').unwrap()]
                .parse()
                .unwrap()
        };
        let (x, y) = (number("x"), number("y"));
        let anchor_end = rest
            .find("text-anchor=\"end\"")
            .is_some_and(|i| i < rest.find('>').unwrap());
        let anchor_start = rest
            .find("text-anchor=\"start\"")
            .is_some_and(|i| i < rest.find('>').unwrap());
        // About 0.56 em per character: the longest wrapped line must fit on its side.
        let content = &rest[rest.find('>').unwrap() + 1..rest.find("</text>").unwrap()];
        let width = content.trim().chars().count() as f64 * number("font-size") * 0.56;
        if anchor_end {
            assert!(x - width >= 0.0, "{content} clipped on the left");
        }
        if anchor_start {
            assert!(
                x + width <= f64::from(chart::RADAR_WIDTH),
                "{content} clipped on the right"
            );
        }
        assert!(
            (10.0..=f64::from(chart::RADAR_HEIGHT)).contains(&y),
            "{content} clipped vertically"
        );
    }
}

#[test]
fn radar_overlays_differ_by_line_style_not_only_colour() {
    let mut chart_input = radar(vec![Some(50); 6]);
    chart_input.target = Some(Series {
        label: "Objectif".into(),
        values: vec![Some(75); 6],
    });
    chart_input.comparison = Some(Series {
        label: "Évaluation 2025".into(),
        values: vec![Some(25); 6],
    });
    let svg = chart::radar_svg(&chart_input);
    assert!(svg.contains("Objectif") && svg.contains("Évaluation 2025"));
    // Dashed and dotted lines are drawn as many short segments.
    assert!(svg.matches("<polyline").count() > 20);
}

/// The points of every line drawn in `colour` (`#RRGGBB`), parsed into pixel pairs.
fn lines_in(svg: &str, colour: &str) -> Vec<(f64, f64)> {
    svg.split("<polyline")
        .skip(1)
        .filter(|element| element.split('>').next().unwrap().contains(colour))
        .flat_map(points)
        .collect()
}

#[test]
fn a_median_missing_on_a_pillar_breaks_its_line_rather_than_fall_to_zero() {
    let mut chart_input = radar(vec![Some(50); 6]);
    let median = |values: Vec<Option<u8>>| Series {
        label: "Médiane Charleroi Métropole (6 communes)".into(),
        values,
    };
    let centre = chart::radar_point(0, 6, 0.0);
    chart_input.comparison = Some(median(vec![Some(50); 6]));
    let whole = lines_in(&chart::radar_svg(&chart_input), "#1A1A1A");
    assert!(whole.len() > 20, "the dotted line is drawn");
    // Énergie & environnement has no median: the old closed line ran from Économie down to
    // the centre and back up to Gouvernance.
    chart_input.comparison = Some(median(vec![
        Some(50),
        Some(50),
        Some(50),
        None,
        Some(50),
        Some(50),
    ]));
    let broken = lines_in(&chart::radar_svg(&chart_input), "#1A1A1A");
    assert!(!broken.is_empty(), "the medians that exist are joined");
    // Every point of the line stays on the ring of medians: no closer to the centre than the
    // middle of a side (cos 30° of the median's radius), far from the 0 it would read as.
    let radius = chart::RADAR_RADIUS;
    let far = |p: &(f64, f64)| (p.0 - centre.0).hypot(p.1 - centre.1) > 0.4 * radius;
    assert!(
        broken.iter().all(far),
        "a line towards the centre: {broken:?}"
    );
    // From Gouvernance round to Économie, within a dash of each end.
    let near = |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).hypot(a.1 - b.1) <= 8.0;
    let (start, end) = (
        chart::radar_point(4, 6, 50.0),
        chart::radar_point(2, 6, 50.0),
    );
    assert!(broken.iter().any(|p| near(*p, start)) && broken.iter().any(|p| near(*p, end)));
}

#[test]
fn every_number_in_a_chart_is_written_with_three_decimals_at_most() {
    // Opacities and font sizes are the only fractions: written from integers, so that no
    // bundle compiles core's float printer (`chart_svg`).
    let mut chart_input = radar(vec![Some(50), None, Some(100), Some(0), Some(75), Some(25)]);
    chart_input.target = Some(Series {
        label: "Objectif".into(),
        values: vec![Some(75); 6],
    });
    for svg in [
        chart::radar_svg(&chart_input),
        chart::bars_svg(&bars_sample()),
    ] {
        let mut fractions = 0;
        for value in svg.split('"').skip(1).step_by(2) {
            if value.parse::<f64>().is_err() {
                continue;
            }
            if let Some((_, decimals)) = value.split_once('.') {
                assert!(decimals.len() <= 3 && !decimals.ends_with('0'), "{value}");
                fractions += 1;
            }
        }
        assert!(
            fractions > 0,
            "no opacity below 1 nor fractional font size in\n{svg}"
        );
        for (start, _) in svg.match_indices("opacity=\"") {
            let value = &svg[start + 9..start + 9 + svg[start + 9..].find('"').unwrap()];
            let opacity: f64 = value.parse().unwrap();
            assert!((0.0..=1.0).contains(&opacity) && opacity > 0.0, "{value}");
        }
    }
}

#[test]
fn user_text_is_escaped_in_the_svg() {
    let mut chart_input = radar(vec![Some(50); 6]);
    chart_input.comparison = Some(Series {
        label: "<img src=x onerror=alert(1)>".into(),
        values: vec![Some(25); 6],
    });
    chart_input.title = "<script>".into();
    let svg = chart::radar_svg(&chart_input);
    assert!(!svg.contains("<img") && !svg.contains("<script"));
    assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt;"));
}

#[test]
fn bars_end_at_their_score_and_carry_their_value_as_text() {
    let bars = Bars {
        title: "Scores".into(),
        rows: vec![
            BarRow {
                label: "Mobilité".into(),
                score: Some(75),
                value_text: "75 · Intégré".into(),
                target: Some(100),
                comparison: None,
            },
            BarRow {
                label: "Économie".into(),
                score: None,
                value_text: "non évalué".into(),
                target: None,
                comparison: Some(25),
            },
        ],
        target_label: "Objectif".into(),
        comparison_label: "Avant".into(),
    };
    let svg = chart::bars_svg(&bars);
    let end = chart::bar_x(75.0);
    assert!(
        svg.contains(&format!("width=\"{}\"", end - chart::bar_x(0.0))),
        "{svg}"
    );
    assert!(svg.contains("75 · Intégré") && svg.contains("non évalué"));
    assert!(svg.contains("Objectif") && svg.contains("Avant"));
}

#[test]
fn wrap_splits_long_labels_at_spaces() {
    assert_eq!(
        chart::wrap("Énergie & environnement", 16),
        vec!["Énergie &", "environnement"]
    );
    assert_eq!(chart::wrap("Mobilité", 16), vec!["Mobilité"]);
}

#[test]
fn sample_charts_for_review_are_well_formed_svg_with_all_three_series() {
    // Also written to the temporary folder for a human to look at.
    let mut chart_input = radar(vec![Some(63), Some(25), None, Some(50), Some(13), Some(88)]);
    chart_input.target = Some(Series {
        label: "Objectif".into(),
        values: vec![Some(75); 6],
    });
    chart_input.comparison = Some(Series {
        label: "Évaluation du 12/03/2025".into(),
        values: vec![Some(25), Some(50), Some(25), Some(25), Some(0), Some(50)],
    });
    let svg = chart::radar_svg(&chart_input);
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    for label in ["Objectif", "Évaluation du 12/03/2025", "non évalué"] {
        assert!(svg.contains(label), "missing {label}");
    }
    // One polygon per series, each with a vertex per pillar.
    assert!(polygons(&svg).iter().filter(|p| p.len() >= 6).count() >= 3);
    std::fs::write(std::env::temp_dir().join("autodiag-radar.svg"), svg).unwrap();
}

/// Every `<text>` of an SVG: its x, y, anchor, font size and content.
fn texts(svg: &str) -> Vec<(f64, f64, &str, f64, String)> {
    svg.match_indices("<text")
        .map(|(start, _)| {
            let rest = &svg[start..];
            let tag = &rest[..rest.find('>').unwrap()];
            let attr = |name: &str| -> Option<&str> {
                let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
                Some(&tag[at..at + tag[at..].find('"').unwrap()])
            };
            let number = |name: &str| {
                attr(name)
                    .unwrap()
                    .trim_end_matches("px")
                    .parse::<f64>()
                    .unwrap()
            };
            let content = rest[rest.find('>').unwrap() + 1..rest.find("</text>").unwrap()]
                .trim()
                .replace("&amp;", "&");
            (
                number("x"),
                number("y"),
                attr("text-anchor").unwrap_or("start"),
                number("font-size"),
                content.to_string(),
            )
        })
        .collect()
}

fn bars_sample() -> Bars {
    Bars {
        title: "Score par pilier".into(),
        rows: ["Mobilité", "Énergie & environnement", "Qualité de vie"]
            .iter()
            .zip([Some(100), Some(0), None])
            .map(|(label, score)| BarRow {
                label: label.to_string(),
                score,
                value_text: score.map_or("non évalué".into(), |s| format!("{s} · Exemplaire")),
                target: Some(75),
                comparison: Some(50),
            })
            .collect(),
        target_label: "Objectif".into(),
        comparison_label: "Évaluation du 12/06/2025".into(),
    }
}

#[test]
fn drawn_at_the_width_they_are_shown_charts_keep_12_px_text_inside_the_drawing() {
    for width in [280, 343, 400, 560, 640, 720, 900, 1200] {
        let mut input = radar(vec![
            Some(100),
            None,
            Some(0),
            Some(25),
            Some(50),
            Some(100),
        ]);
        input.target = Some(Series {
            label: "Objectif".into(),
            values: vec![Some(75); 6],
        });
        let geometry = chart::RadarGeometry::fitting(width);
        let bars = chart::BarGeometry::fitting(width);
        for (svg, drawing_width) in [
            (chart::radar_svg_at(&input, geometry), geometry.width),
            (chart::bars_svg_at(&bars_sample(), bars), bars.width),
        ] {
            assert!(drawing_width <= width.max(chart::MIN_CHART_WIDTH) || width >= drawing_width);
            let height: f64 = {
                let at = svg.find("height=\"").unwrap() + 8;
                svg[at..at + svg[at..].find('"').unwrap()].parse().unwrap()
            };
            for (x, y, anchor, size, content) in texts(&svg) {
                assert!(size >= 12.0, "{width}px: « {content} » at {size}px");
                // About 0.6 em per character.
                let span = content.chars().count() as f64 * size * 0.6;
                let (left, right) = match anchor {
                    "end" => (x - span, x),
                    "middle" => (x - span / 2.0, x + span / 2.0),
                    _ => (x, x + span),
                };
                assert!(
                    left >= -1.0 && right <= f64::from(drawing_width) + 1.0,
                    "{width}px: « {content} » leaves the drawing ({left}..{right})"
                );
                assert!(
                    (0.0..=height).contains(&y),
                    "{width}px: « {content} » below the drawing"
                );
            }
        }
    }
}

#[test]
fn a_target_on_one_pillar_is_a_mark_on_its_axis_not_a_needle_from_the_centre() {
    let mut input = radar(vec![Some(50); 6]);
    input.target = Some(Series {
        label: "Objectif".into(),
        values: vec![None, Some(75), None, None, None, None],
    });
    let svg = chart::radar_svg(&input);
    let centre = chart::RADAR_CENTRE;
    // No target shape reaches the centre: every point drawn in the target colour is near 75.
    let target_colour = "#D55E00";
    for (start, _) in svg.match_indices(target_colour) {
        let element_start = svg[..start].rfind('<').unwrap();
        let element = &svg[element_start..start + svg[start..].find('>').unwrap()];
        if element.starts_with("<text") {
            continue;
        }
        if let Some(at) = element.find("points=\"") {
            let points = &element[at + 8..at + 8 + element[at + 8..].find('"').unwrap()];
            for pair in points.split_whitespace() {
                let (x, y) = pair.split_once(',').unwrap();
                let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
                let distance = ((x - centre.0).powi(2) + (y - centre.1).powi(2)).sqrt();
                assert!(
                    distance > chart::RADAR_RADIUS * 0.5,
                    "a target point at {distance:.0}px from the centre: {element}"
                );
            }
        }
    }
    // The diamond sits on pillar 2's axis at 75.
    let mark = chart::radar_point(1, 6, 75.0);
    let on_axis = polygons(&svg).iter().any(|points| {
        let n = points.len() as f64;
        let centroid = points
            .iter()
            .fold((0.0, 0.0), |(x, y), p| (x + p.0 / n, y + p.1 / n));
        points.len() == 4 && close(centroid, mark)
    });
    assert!(on_axis, "a diamond at the target on its axis");
}
