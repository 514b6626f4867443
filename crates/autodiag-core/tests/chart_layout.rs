//! Chart layout as Chromium draws it. Every text is measured in DejaVu Sans, Chromium's
//! sans-serif on Linux and the widest of the common ones, so what fits here fits elsewhere.

use autodiag_core::chart::{self, BarGeometry, BarRow, Bars, Radar, RadarGeometry, Series};
use autodiag_core::domain::{content, scoring};

/// DejaVu Sans advance widths in thousandths of an em, regular then bold, as Chromium
/// measured them.
const DEJAVU_SANS: &[(u16, u16, &str)] = &[
    (275, 306, "'"),
    (278, 343, "ijlìíîï"),
    (295, 372, "IJÌÍÎÏ"),
    (318, 348, " "),
    (318, 380, ",.·’‘"),
    (337, 365, "/\\|¦"),
    (337, 400, ":;"),
    (352, 435, "f"),
    (361, 415, "-"),
    (390, 457, "()[]"),
    (392, 478, "t"),
    (401, 438, "²³¹"),
    (401, 456, "!¡"),
    (411, 493, "r"),
    (460, 521, "\""),
    (471, 564, "ªº"),
    (500, 500, "_`§¨¯°´¸–"),
    (500, 523, "*"),
    (502, 502, "▸"),
    (518, 657, "“”"),
    (521, 595, "s"),
    (525, 582, "z"),
    (531, 580, "?¿"),
    (550, 593, "cç"),
    (557, 637, "L"),
    (575, 683, "F"),
    (579, 665, "k"),
    (590, 639, "•"),
    (592, 645, "x"),
    (592, 652, "vyýÿ"),
    (603, 733, "P"),
    (605, 738, "Þ"),
    (611, 682, "T"),
    (611, 724, "YÝŸ"),
    (612, 646, "«»"),
    (612, 687, "oðòóôõöø"),
    (613, 675, "aàáâãäå"),
    (615, 678, "eèéêë"),
    (630, 719, "ß"),
    (632, 683, "EÈÉÊË"),
    (634, 712, "hnuñùúûü"),
    (635, 716, "bdgpqþ"),
    (635, 720, "S"),
    (636, 636, "¤¶"),
    (636, 696, "$0123456789¢£¥€"),
    (636, 712, "{}"),
    (636, 736, "µ"),
    (656, 775, "K"),
    (684, 774, "AVÀÁÂÃÄÅ"),
    (685, 725, "Z"),
    (685, 771, "X"),
    (686, 762, "B"),
    (695, 770, "R"),
    (698, 734, "CÇ"),
    (732, 812, "UÙÚÛÜ"),
    (748, 837, "NÑ"),
    (752, 837, "H"),
    (770, 830, "D"),
    (775, 821, "G"),
    (775, 838, "Ð"),
    (780, 872, "&"),
    (787, 850, "OQÒÓÔÕÖØ"),
    (818, 924, "w"),
    (838, 838, "#+<=>^~¬±×÷"),
    (863, 995, "M"),
    (950, 1002, "%"),
    (969, 1035, "¼½¾"),
    (974, 1042, "m"),
    (974, 1085, "Æ"),
    (982, 1048, "æ"),
    (989, 1103, "W"),
    (1000, 1000, "@©®—…"),
    (1023, 1094, "œ"),
    (1070, 1167, "Œ"),
];

/// The width of `text` in DejaVu Sans; a character not in the table counts a full em and more.
fn dejavu_width(text: &str, size: f64, bold: bool) -> f64 {
    let thousandths: u32 = text
        .chars()
        .map(|c| {
            let (regular, heavy) = DEJAVU_SANS
                .iter()
                .find(|(_, _, chars)| chars.contains(c))
                .map_or((1000, 1100), |(regular, heavy, _)| (*regular, *heavy));
            u32::from(if bold { heavy } else { regular })
        })
        .sum();
    f64::from(thousandths) / 1000.0 * size
}

#[derive(Debug)]
struct SvgText {
    x: f64,
    y: f64,
    anchor: String,
    size: f64,
    bold: bool,
    fill: String,
    content: String,
}

impl SvgText {
    /// Left and right ends of the text as drawn.
    fn span(&self) -> (f64, f64) {
        let width = dejavu_width(&self.content, self.size, self.bold);
        match self.anchor.as_str() {
            "end" => (self.x - width, self.x),
            "middle" => (self.x - width / 2.0, self.x + width / 2.0),
            _ => (self.x, self.x + width),
        }
    }

    /// Top and bottom of the text: centred on its y, a font size high.
    /// Whether the two texts share no pixel.
    fn apart_from(&self, other: &SvgText) -> bool {
        let ((left, right), (top, bottom)) = (self.span(), self.rows());
        let ((other_left, other_right), (other_top, other_bottom)) = (other.span(), other.rows());
        right <= other_left || other_right <= left || bottom <= other_top || other_bottom <= top
    }

    fn rows(&self) -> (f64, f64) {
        (self.y - self.size / 2.0, self.y + self.size / 2.0)
    }
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[at..at + tag[at..].find('"')?])
}

/// Every `<text>` of an SVG, in the order drawn.
fn texts(svg: &str) -> Vec<SvgText> {
    svg.match_indices("<text")
        .map(|(start, _)| {
            let rest = &svg[start..];
            let tag = &rest[..rest.find('>').unwrap()];
            let number = |name: &str| attribute(tag, name).unwrap().parse::<f64>().unwrap();
            let content = rest[rest.find('>').unwrap() + 1..rest.find("</text>").unwrap()]
                .trim()
                .replace("&apos;", "'")
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            SvgText {
                x: number("x"),
                y: number("y"),
                anchor: attribute(tag, "text-anchor").unwrap_or("start").to_string(),
                size: number("font-size"),
                bold: attribute(tag, "font-weight") == Some("bold"),
                fill: attribute(tag, "fill").unwrap_or_default().to_string(),
                content,
            }
        })
        .collect()
}

/// The drawing's width and height.
fn drawing_size(svg: &str) -> (f64, f64) {
    let tag = &svg[..svg.find('>').unwrap()];
    let number = |name: &str| attribute(tag, name).unwrap().parse::<f64>().unwrap();
    (number("width"), number("height"))
}

/// The drawings the bars are shown at: standard, wide, narrow and on phones.
fn bar_geometries() -> Vec<BarGeometry> {
    [900, 820, 700, 640, 600, 375, 343, 280]
        .map(BarGeometry::fitting)
        .to_vec()
}

/// Every pillar's question titles, in every language, as each pillar's « Détail » chart rows.
fn detail_charts() -> Vec<(String, Vec<String>)> {
    let framework = content::framework();
    content::languages()
        .flat_map(|lang| {
            let texts = content::texts(lang);
            framework.pillars.iter().map(move |pillar| {
                let titles = pillar
                    .questions
                    .iter()
                    .map(|question| texts.question(question).title.clone())
                    .collect();
                (format!("{lang} {}", pillar.id), titles)
            })
        })
        .collect()
}

fn rows_labelled(titles: &[String]) -> Vec<BarRow> {
    titles
        .iter()
        .map(|title| BarRow {
            label: title.clone(),
            score: Some(50),
            value_text: "3 · Structuré".into(),
            target: None,
            comparison: None,
        })
        .collect()
}

/// The row labels of a bar chart without markers: its texts neither bold nor tick numbers.
fn row_labels(svg: &str) -> Vec<SvgText> {
    texts(svg)
        .into_iter()
        .filter(|text| !text.bold && text.anchor != "middle")
        .collect()
}

#[test]
fn every_question_title_fits_between_the_drawing_edge_and_its_bar() {
    for (chart_name, titles) in detail_charts() {
        for g in bar_geometries() {
            let bars = Bars {
                title: chart_name.clone(),
                rows: rows_labelled(&titles),
                target_label: String::new(),
                comparison_label: String::new(),
            };
            let svg = chart::bars_svg_at(&bars, g);
            let (width, _) = drawing_size(&svg);
            let labels = row_labels(&svg);
            assert!(labels.len() >= titles.len(), "{chart_name} at {}", g.width);
            for label in &labels {
                let (left, right) = label.span();
                let at = format!("{chart_name} at {} px: « {} »", g.width, label.content);
                assert!(left >= 0.0, "{at} starts at x = {left:.1}");
                assert!(right <= width, "{at} ends at x = {right:.1}, past {width}");
                assert!(label.size >= 12.0, "{at} at {} px", label.size);
                if label.anchor == "end" {
                    assert!(right < f64::from(g.x(0.0)), "{at} runs into the bars");
                }
            }
            // No two label lines share any pixel.
            for (index, a) in labels.iter().enumerate() {
                for b in &labels[index + 1..] {
                    assert!(
                        a.apart_from(b),
                        "{chart_name} at {}: « {} » on « {} »",
                        g.width,
                        a.content,
                        b.content
                    );
                }
            }
        }
    }
}

#[test]
fn on_the_standard_drawing_every_question_title_is_written_whole_in_16_px() {
    for (chart_name, titles) in detail_charts() {
        let bars = Bars {
            title: chart_name.clone(),
            rows: rows_labelled(&titles),
            target_label: String::new(),
            comparison_label: String::new(),
        };
        let labels = row_labels(&chart::bars_svg(&bars));
        assert!(
            labels.iter().all(|label| label.size == 16.0),
            "{chart_name}"
        );
        let written: Vec<&str> = labels.iter().map(|label| label.content.as_str()).collect();
        assert_eq!(written.join(" "), titles.join(" "), "{chart_name}");
    }
}

#[test]
fn a_label_too_long_for_two_lines_is_shortened_visibly_and_stays_in_the_drawing() {
    let long = "Une question dont le titre est bien trop long pour tenir sur deux lignes \
                dans la colonne des libellés du graphique, même sur un téléphone, et même \
                écrit en 12 px, tant il énumère de choses à vérifier une à une";
    for g in bar_geometries() {
        let bars = Bars {
            title: "Détail".into(),
            rows: rows_labelled(&[long.to_string(), "Mobilité".to_string()]),
            target_label: String::new(),
            comparison_label: String::new(),
        };
        let svg = chart::bars_svg_at(&bars, g);
        let labels = row_labels(&svg);
        let last_line = labels
            .iter()
            .rev()
            .find(|label| label.content != "Mobilité")
            .unwrap();
        assert!(
            last_line.content.ends_with('…'),
            "at {}: {labels:?}",
            g.width
        );
        for label in &labels {
            let (left, right) = label.span();
            assert!(
                left >= 0.0 && right <= f64::from(g.width),
                "at {}: {label:?}",
                g.width
            );
        }
    }
}

/// Half the width of a row's markers: the median's square and the target's diamond.
const MEDIAN_HALF_WIDTH: f64 = 5.0;
const TARGET_HALF_WIDTH: f64 = 7.0;

/// What a row's value reads, and whether its row has a target too. The pillar chart writes a
/// score and its level, in each language, with targets; the « Détail » chart a question's
/// answer, the longest « N · Sous le minimum légal », without.
fn value_texts(score: u8) -> Vec<(String, bool)> {
    let band = usize::from(scoring::band_of(score).get());
    let mut values: Vec<(String, bool)> = content::languages()
        .map(|lang| {
            let level = content::texts(lang).level_name_at(band - 1);
            (format!("{score} · {level}"), true)
        })
        .collect();
    values.push((format!("{band} · Sous le minimum légal"), false));
    values.push(("Not applicable".to_string(), false));
    values
}

#[test]
fn no_median_or_target_marker_crosses_a_value_label_at_any_score() {
    for g in [900, 700, 343].map(BarGeometry::fitting) {
        for score in 0..=100u8 {
            for (value_text, with_target) in value_texts(score) {
                // One row per median; with targets, every other row has one, at all scores.
                let rows: Vec<BarRow> = (0..=100u8)
                    .step_by(2)
                    .map(|median| BarRow {
                        label: "Mobilité".into(),
                        score: Some(score),
                        value_text: value_text.clone(),
                        target: (with_target && median % 4 == 0).then_some(100 - median),
                        comparison: Some(median),
                    })
                    .collect();
                let bars = Bars {
                    title: "Score par pilier".into(),
                    rows: rows.clone(),
                    target_label: "Objectif".into(),
                    comparison_label: "Médiane Charleroi Métropole (30 communes)".into(),
                };
                let svg = chart::bars_svg_at(&bars, g);
                let (width, _) = drawing_size(&svg);
                // A value that fits nowhere on one line takes two, a line apart.
                let mut values: Vec<Vec<SvgText>> = Vec::new();
                for text in texts(&svg).into_iter().filter(|t| t.bold) {
                    match values.last_mut() {
                        Some(lines) if text.x == lines[0].x && text.y - lines[0].y < 16.0 => {
                            assert!(
                                text.y - lines[0].y >= text.size,
                                "{} px: lines apart",
                                g.width
                            );
                            lines.push(text);
                        }
                        _ => values.push(vec![text]),
                    }
                }
                assert_eq!(values.len(), rows.len());
                for (row, lines) in rows.iter().zip(&values) {
                    let written: Vec<&str> =
                        lines.iter().map(|line| line.content.as_str()).collect();
                    let written = written.join(" ");
                    let at = format!(
                        "{} px, score {score}, median {:?}, target {:?}: « {written} »",
                        g.width, row.comparison, row.target
                    );
                    assert_eq!(written, row.value_text, "{at} is not written whole");
                    for line in lines {
                        let (left, right) = line.span();
                        let at = format!("{at} over {left:.0}..{right:.0}");
                        assert!(left >= 0.0 && right <= width, "{at} leaves the drawing");
                        let markers = row
                            .comparison
                            .map(|median| (median, MEDIAN_HALF_WIDTH))
                            .into_iter()
                            .chain(row.target.map(|target| (target, TARGET_HALF_WIDTH)));
                        for (marker, half) in markers {
                            let x = f64::from(g.x(f64::from(marker)));
                            assert!(
                                x + half < left || x - half > right,
                                "{at}: the marker at {marker} (x = {x}) crosses it"
                            );
                        }
                        let end = f64::from(g.x(f64::from(score)));
                        if line.anchor == "end" {
                            // Inside the bar's end, where the band colour is its background.
                            assert!(
                                left > f64::from(g.x(0.0)) && right < end,
                                "{at} leaves its bar"
                            );
                            let band =
                                chart::BAND_COLOURS[usize::from(scoring::band_of(score).get()) - 1];
                            let ratio = contrast(&line.fill, (band.0, band.1, band.2));
                            assert!(
                                ratio >= 4.5,
                                "{at}: {} on its band, {ratio:.2}:1",
                                line.fill
                            );
                        } else {
                            assert!(left > end, "{at} starts on its bar");
                        }
                    }
                }
                for text in texts(&svg) {
                    let (left, right) = text.span();
                    assert!(
                        left >= 0.0 && right <= width,
                        "{}: « {} » leaves the drawing",
                        g.width,
                        text.content
                    );
                }
            }
        }
    }
}

/// The WCAG contrast ratio between a `#RRGGBB` colour and another.
fn contrast(hex: &str, other: (u8, u8, u8)) -> f64 {
    let channel = |at: usize| u8::from_str_radix(&hex[at..at + 2], 16).unwrap();
    let luminance = |(r, g, b): (u8, u8, u8)| {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    };
    let (a, b) = (
        luminance((channel(1), channel(3), channel(5))),
        luminance(other),
    );
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

#[test]
fn a_value_label_with_no_marker_in_its_way_follows_its_bar_end() {
    let g = BarGeometry::STANDARD;
    for score in [0u8, 29, 63, 100] {
        let bars = Bars {
            title: "Score par pilier".into(),
            rows: vec![BarRow {
                label: "Mobilité".into(),
                score: Some(score),
                value_text: format!("{score} · Exemplaire"),
                target: None,
                comparison: Some(if score > 50 { 0 } else { 100 }),
            }],
            target_label: String::new(),
            comparison_label: "Médiane".into(),
        };
        let value = texts(&chart::bars_svg(&bars))
            .into_iter()
            .find(|t| t.bold)
            .unwrap();
        assert_eq!(
            value.x,
            f64::from(g.x(f64::from(score)) + 12),
            "score {score}"
        );
    }
}

fn radar(lang: &str) -> Radar {
    let texts = content::texts(lang);
    Radar {
        title: "Maturité par pilier".into(),
        axes: content::framework()
            .pillars
            .iter()
            .map(|pillar| texts.pillar_name(&pillar.id).to_string())
            .collect(),
        commune: Series {
            label: "Cette évaluation".into(),
            values: vec![Some(29), Some(100), None, Some(88), Some(12), Some(100)],
        },
        target: Some(Series {
            label: "Objectif".into(),
            values: vec![Some(75); 6],
        }),
        comparison: Some(Series {
            label: "Médiane Charleroi Métropole (30 communes)".into(),
            values: vec![Some(50); 6],
        }),
        not_assessed: "non évalué".into(),
        to_confirm: Vec::new(),
        to_confirm_note: interface_text(lang, "results", "radar_to_confirm"),
    }
}

/// A text of the interface, as `locales/<lang>.json` gives it to the app.
fn interface_text(lang: &str, section: &str, key: &str) -> String {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../locales/{lang}.json"));
    let texts: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    texts[section][key].as_str().unwrap().to_string()
}

/// The same radar with every scored pillar resting on too few answers: each label is a line
/// longer, or its score line wider.
fn radar_to_confirm(lang: &str) -> Radar {
    let mut input = radar(lang);
    input.to_confirm = vec![true; input.axes.len()];
    input
}

/// The share of the drawing's height a text of `content` takes.
fn height_share(svg: &str, content: &str) -> f64 {
    let text = texts(svg)
        .into_iter()
        .find(|t| t.content == content)
        .unwrap();
    text.size / drawing_size(svg).1
}

/// The drawings the radar is shown at: fitted to its column's width, standard, projector.
fn radar_geometries() -> impl Iterator<Item = RadarGeometry> {
    [343, 400, 560, 640, 720, 900]
        .map(RadarGeometry::fitting)
        .into_iter()
        .chain([RadarGeometry::STANDARD, RadarGeometry::PROJECTOR])
}

#[test]
fn the_projector_radar_shown_scaled_down_writes_its_labels_about_twice_as_large() {
    // A slide shows the drawing scaled to its height; the standard drawing is the one that
    // read 11 px on a 720p projector.
    let fr = radar("fr");
    let projector = chart::radar_svg_at(&fr, RadarGeometry::PROJECTOR);
    let standard = chart::radar_svg(&fr);
    for (content, factor) in [("Mobilité", 1.8), ("29 / 100", 1.8), ("50", 1.5)] {
        let (now, before) = (
            height_share(&projector, content),
            height_share(&standard, content),
        );
        assert!(
            now >= factor * before,
            "« {content} »: {now:.4} of the height, was {before:.4}"
        );
    }
    // On a 720p projector, about 400 px high: labels of 20 px, as the slide's list nearly,
    // and the legend that tells the commune's line from its objective as large.
    assert!(height_share(&projector, "Mobilité") * 400.0 >= 20.0);
    assert!(height_share(&projector, "Objectif") * 400.0 >= 20.0);
}

#[test]
fn radar_labels_stay_in_the_drawing_clear_of_the_rim_and_of_each_other() {
    for (lang, input) in
        content::languages().flat_map(|lang| [(lang, radar(lang)), (lang, radar_to_confirm(lang))])
    {
        for geometry in radar_geometries() {
            let svg = chart::radar_svg_at(&input, geometry);
            let (width, height) = drawing_size(&svg);
            let all = texts(&svg);
            for text in &all {
                let (left, right) = text.span();
                let (top, bottom) = text.rows();
                let at = format!("{lang} at {} px: « {} »", geometry.width, text.content);
                assert!(
                    left >= 0.0 && right <= width,
                    "{at} over {left:.0}..{right:.0}"
                );
                assert!(
                    top >= 0.0 && bottom <= height,
                    "{at} over {top:.0}..{bottom:.0}"
                );
            }
            let (cx, cy) = geometry.centre;
            // Pillar labels: the texts outside the rim; the others are the ticks and legend.
            let labels: Vec<&SvgText> = all
                .iter()
                .filter(|t| {
                    let distance = ((t.x - cx).powi(2) + (t.y - cy).powi(2)).sqrt();
                    distance > geometry.radius && t.y < cy + geometry.radius * 1.1 + 140.0
                })
                .collect();
            assert!(
                labels.len() >= 12,
                "{lang} at {}: {labels:?}",
                geometry.width
            );
            for label in &labels {
                // The box's point nearest the centre stays outside the rim.
                let (left, right) = label.span();
                let (top, bottom) = label.rows();
                let nearest = (cx.clamp(left, right), cy.clamp(top, bottom));
                let distance = ((nearest.0 - cx).powi(2) + (nearest.1 - cy).powi(2)).sqrt();
                assert!(
                    distance >= geometry.radius * 0.95,
                    "{lang} at {}: « {} » {distance:.0} px from the centre, radius {}",
                    geometry.width,
                    label.content,
                    geometry.radius
                );
            }
            for (index, a) in all.iter().enumerate() {
                for b in &all[index + 1..] {
                    assert!(
                        a.apart_from(b),
                        "{lang} at {}: « {} » on « {} »",
                        geometry.width,
                        a.content,
                        b.content
                    );
                }
            }
        }
    }
}

#[test]
fn no_score_or_target_mark_on_the_first_axis_covers_a_score_tick() {
    // A target of 50 on Mobilité was drawn across the « 50 » written up that axis.
    let input = radar("fr");
    for geometry in radar_geometries() {
        let svg = chart::radar_svg_at(&input, geometry);
        let (cx, _) = geometry.centre;
        // The widest mark across the vertical first axis: the target's line with half its
        // stroke, or a marker's half-width, whichever reaches further (the drawing uses the
        // same constants).
        let reach = chart::axis_mark_reach(geometry.radius);
        let ticks: Vec<SvgText> = texts(&svg)
            .into_iter()
            .filter(|t| ["25", "50", "75"].contains(&t.content.as_str()))
            .collect();
        assert_eq!(ticks.len(), 3, "at {} px", geometry.width);
        for tick in ticks {
            let (left, _) = tick.span();
            assert!(
                left >= cx + reach + 2.0,
                "at {} px: « {} » starts {:.1} px from the axis, marks reach {reach:.1} px",
                geometry.width,
                tick.content,
                left - cx
            );
        }
    }
}
