//! Charts as pure functions from scores to an SVG string, drawn with plotters' SVG backend.
//!
//! Nothing here touches the DOM, so the geometry is tested natively. The UI inlines the string
//! and offers it as an SVG or PNG download. Colour never carries meaning alone: every series
//! also differs by line style and marker shape, and every value is written as text.

use crate::chart_svg::SvgBackend;
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Okabe–Ito colours, distinguishable with the common forms of colour blindness.
pub const COMMUNE_COLOUR: RGBColor = RGBColor(0x00, 0x72, 0xB2);
pub const TARGET_COLOUR: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
pub const COMPARISON_COLOUR: RGBColor = RGBColor(0x1A, 0x1A, 0x1A);
const INK: RGBColor = RGBColor(0x1F, 0x29, 0x37);
const GRID: RGBColor = RGBColor(0x6B, 0x72, 0x80);
/// Viridis, from band 1 to band 5: ordered in lightness, so it also reads in grey.
pub const BAND_COLOURS: [RGBColor; 5] = [
    RGBColor(0x44, 0x01, 0x54),
    RGBColor(0x3B, 0x52, 0x8B),
    RGBColor(0x21, 0x91, 0x8C),
    RGBColor(0x5E, 0xC9, 0x62),
    RGBColor(0xFD, 0xE7, 0x25),
];
/// Alternating shades behind the radar's bands.
const BAND_SHADES: [RGBColor; 2] = [RGBColor(0xF3, 0xF4, 0xF6), RGBColor(0xFF, 0xFF, 0xFF)];
/// Score boundaries between bands, as in `scoring::band_of`.
pub const BAND_LIMITS: [f64; 5] = [12.5, 37.5, 62.5, 87.5, 100.0];
/// The family itself, not its name: plotters reads a name through `to_lowercase`, whose
/// Unicode case tables cost the tools bundle 8.6 KB gzipped (measured).
const FONT: FontFamily<'static> = FontFamily::SansSerif;

/// A labelled series of scores (0 to 100) per axis; `None` means not assessed.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub label: String,
    pub values: Vec<Option<u8>>,
}

/// What the radar chart shows: the commune's scores and optional overlays.
#[derive(Debug, Clone, PartialEq)]
pub struct Radar {
    /// Accessible name of the chart.
    pub title: String,
    /// One label per axis (the pillar names), clockwise from the top.
    pub axes: Vec<String>,
    pub commune: Series,
    pub target: Option<Series>,
    pub comparison: Option<Series>,
    /// Written next to an axis whose pillar has no answer yet.
    pub not_assessed: String,
    /// The axes whose score rests on fewer than half of their questions, marked with
    /// `to_confirm_note`, so a slide never shows such a score as firm.
    pub to_confirm: Vec<bool>,
    pub to_confirm_note: String,
}

/// The narrowest drawing: a 320 px phone, less its margins.
pub const MIN_CHART_WIDTH: u32 = 280;

/// The smallest text a chart writes, in pixels as shown.
const MIN_FONT: u32 = 12;

/// Where the radar sits in its drawing. The UI draws it at the width it is shown, so its text
/// keeps its pixel size (at least 12 px) on a phone as on a wide screen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RadarGeometry {
    pub width: u32,
    pub height: u32,
    /// Centre and radius of the radar, in SVG pixels.
    pub centre: (f64, f64),
    pub radius: f64,
    label_font: u32,
    label_chars: usize,
    line_height: f64,
    /// The lines above and below the radar for its top and bottom labels, score included.
    centred_lines: usize,
    /// The scores written up the first axis.
    tick_font: u32,
    legend_font: u32,
    legend_row: i32,
}

impl RadarGeometry {
    /// The projector's drawing. A slide shows it scaled down (about 400 px high at 720p), so
    /// its text takes about twice the share of the drawing it takes in the standard one: 30 px
    /// labels around a 140 px radius, the top and bottom ones on a single line above their
    /// score, and a legend as large, read from the back of the room like the labels.
    pub const PROJECTOR: RadarGeometry = RadarGeometry {
        width: 784,
        height: 582,
        centre: (392.0, 232.0),
        radius: 140.0,
        label_font: 30,
        label_chars: 14,
        line_height: 35.0,
        centred_lines: 2,
        tick_font: 18,
        legend_font: 30,
        legend_row: 38,
    };

    /// The standard drawing: wide screens, downloads and print, shown at about its own size.
    pub const STANDARD: RadarGeometry = RadarGeometry {
        width: 720,
        height: 600,
        centre: (360.0, 280.0),
        radius: 180.0,
        label_font: 17,
        label_chars: 16,
        line_height: 20.0,
        centred_lines: 3,
        tick_font: 12,
        legend_font: 15,
        legend_row: 24,
    };

    /// A drawing `width` pixels wide; from the standard width up, the standard drawing.
    pub fn fitting(width: u32) -> RadarGeometry {
        if width >= Self::STANDARD.width {
            return Self::STANDARD;
        }
        let width = width.max(MIN_CHART_WIDTH);
        let w = f64::from(width);
        let (label_font, label_chars, line_height) = match width {
            ..340 => (12, 11, 15.0),
            340..560 => (14, 11, 17.0),
            _ => (16, 14, 19.0),
        };
        // A side label starts just outside the rim (0.95 of the radius out, at 60°) and needs
        // its widest line, about 0.6 em per character, before the edge.
        let side = label_chars as f64 * f64::from(label_font) * 0.6 + 6.0;
        let radius = ((w / 2.0 - side) / 0.95).clamp(50.0, 180.0).floor();
        let labels = 3.0 * line_height + 8.0;
        let cy = (radius * 1.1 + labels).round();
        let legend = 3.0 * 24.0 + 8.0;
        RadarGeometry {
            width,
            height: (cy + radius * 1.1 + labels + legend).round() as u32,
            centre: (w / 2.0, cy),
            radius,
            label_font,
            label_chars,
            line_height,
            centred_lines: 3,
            tick_font: MIN_FONT,
            legend_font: 15,
            legend_row: 24,
        }
    }

    /// The point of an axis at a score, in SVG pixels. Axis 0 points up; axes run clockwise.
    pub fn point(&self, axis: usize, axis_count: usize, score: f64) -> (f64, f64) {
        let (x, y) = unit_point(axis, axis_count, score / 100.0);
        (
            self.centre.0 + x * self.radius,
            self.centre.1 - y * self.radius,
        )
    }
}

pub const RADAR_WIDTH: u32 = RadarGeometry::STANDARD.width;
pub const RADAR_HEIGHT: u32 = RadarGeometry::STANDARD.height;
pub const RADAR_CENTRE: (f64, f64) = RadarGeometry::STANDARD.centre;
pub const RADAR_RADIUS: f64 = RadarGeometry::STANDARD.radius;

/// The point of an axis at a score on the standard drawing.
pub fn radar_point(axis: usize, axis_count: usize, score: f64) -> (f64, f64) {
    RadarGeometry::STANDARD.point(axis, axis_count, score)
}

fn unit_point(axis: usize, axis_count: usize, radius: f64) -> (f64, f64) {
    let angle =
        std::f64::consts::FRAC_PI_2 - axis as f64 * std::f64::consts::TAU / axis_count as f64;
    let (sin, cos) = axis_sin_cos(angle);
    (radius * cos, radius * sin)
}

/// The sine and cosine of an axis angle (within two turns of zero), to 1e-15: a quarter-turn
/// reduction, then Taylor series. The standard library's own reduce any argument through a
/// 5 KB routine and its tables: 3 KB of the tools bundle gzipped (measured).
fn axis_sin_cos(angle: f64) -> (f64, f64) {
    let quarter_turns = (angle / std::f64::consts::FRAC_PI_2).round();
    // Within an eighth of a turn of zero, where the terms below fall under 1e-16.
    let x = angle - quarter_turns * std::f64::consts::FRAC_PI_2;
    let x2 = x * x;
    // Horner's form of the series: x (1 - x²/(2·3) (1 - x²/(4·5) (1 - …))).
    let series = |first: f64, denominators: &[f64]| {
        first
            * denominators
                .iter()
                .rev()
                .fold(1.0, |rest, d| 1.0 - x2 / d * rest)
    };
    let sin = series(x, &[6.0, 20.0, 42.0, 72.0, 110.0, 156.0, 210.0]);
    let cos = series(1.0, &[2.0, 12.0, 30.0, 56.0, 90.0, 132.0, 182.0, 240.0]);
    match (quarter_turns as i64).rem_euclid(4) {
        0 => (sin, cos),
        1 => (cos, -sin),
        2 => (-sin, -cos),
        _ => (-cos, sin),
    }
}

type Plane<'a> = DrawingArea<SvgBackend<'a>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The radar (spider) chart, on a cartesian plane where the radius 1 is a score of 100.
pub fn radar_svg(radar: &Radar) -> String {
    radar_svg_at(radar, RadarGeometry::STANDARD)
}

/// The radar drawn on a given geometry, for example `RadarGeometry::fitting(shown_width)`.
pub fn radar_svg_at(radar: &Radar, geometry: RadarGeometry) -> String {
    let mut svg = String::new();
    {
        let (width, height) = (geometry.width, geometry.height);
        let root = SvgBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let r = geometry.radius;
        let (cx, cy) = geometry.centre;
        let plane: Plane =
            root.apply_coord_spec(Cartesian2d::<RangedCoordf64, RangedCoordf64>::new(
                -cx / r..(f64::from(width) - cx) / r,
                -(f64::from(height) - cy) / r..cy / r,
                // Pixel rows grow downwards, so the y range is given from the bottom up.
                (0..width as i32, height as i32..0),
            ));
        let n = radar.axes.len().max(3);
        let ring =
            |radius: f64| -> Vec<(f64, f64)> { (0..n).map(|i| unit_point(i, n, radius)).collect() };

        // Bands, outermost first so inner ones paint over.
        for (index, limit) in BAND_LIMITS.iter().enumerate().rev() {
            let shade = BAND_SHADES[index % 2];
            draw(&plane, Polygon::new(ring(limit / 100.0), shade.filled()));
            draw(
                &plane,
                PathElement::new(closed(ring(limit / 100.0)), GRID.mix(0.5).stroke_width(1)),
            );
        }
        for i in 0..n {
            draw(
                &plane,
                PathElement::new(
                    vec![(0.0, 0.0), unit_point(i, n, 1.0)],
                    GRID.mix(0.6).stroke_width(1),
                ),
            );
        }
        // Score ticks at each level's exact score; small, so data drawn over them stays legible.
        // The rim is 100 and the top label sits just above it, so 100 is not written. They
        // start past the widest mark a score or target draws on the first axis.
        let tick_x = (axis_mark_reach(geometry.radius) + 4.0) / geometry.radius;
        for level in 1..=3 {
            let y = f64::from(level) * 0.25;
            draw(
                &plane,
                Text::new(
                    (level * 25).to_string(),
                    (tick_x, y),
                    text_style(geometry.tick_font, GRID, HPos::Left, VPos::Bottom),
                ),
            );
        }

        if let Some(comparison) = &radar.comparison {
            draw_series(
                &plane,
                comparison,
                n,
                COMPARISON_COLOUR,
                LineKind::Dotted,
                Marker::Square,
            );
        }
        if let Some(target) = &radar.target {
            draw_target_marks(&plane, target, n);
        }
        draw_series(
            &plane,
            &radar.commune,
            n,
            COMMUNE_COLOUR,
            LineKind::Solid,
            Marker::Circle,
        );

        for axis in 0..radar.axes.len() {
            draw_axis_label(&plane, &geometry, (axis, n), radar);
        }
        let mut legend = vec![(
            &radar.commune,
            COMMUNE_COLOUR,
            LineKind::Solid,
            Marker::Circle,
        )];
        if let Some(target) = &radar.target {
            legend.push((target, TARGET_COLOUR, LineKind::Dashed, Marker::Diamond));
        }
        if let Some(comparison) = &radar.comparison {
            legend.push((
                comparison,
                COMPARISON_COLOUR,
                LineKind::Dotted,
                Marker::Square,
            ));
        }
        draw_legend(&root, &geometry, &legend);
        // `expect` would format the error with `Debug`, and compile `std::io`'s messages for it.
        assert!(root.present().is_ok(), "drawing into a string cannot fail");
    }
    finish(svg, &radar.title)
}

#[derive(Clone, Copy)]
enum LineKind {
    Solid,
    Dashed,
    Dotted,
}

#[derive(Clone, Copy)]
enum Marker {
    Circle,
    Diamond,
    Square,
}

fn draw_series(
    plane: &Plane,
    series: &Series,
    n: usize,
    colour: RGBColor,
    line: LineKind,
    marker: Marker,
) {
    let points: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let score = series.values.get(i).copied().flatten().unwrap_or(0);
            unit_point(i, n, f64::from(score) / 100.0)
        })
        .collect();
    let present: Vec<bool> = (0..n)
        .map(|i| series.values.get(i).copied().flatten().is_some())
        .collect();
    match present.iter().position(|p| !p) {
        Some(gap) if !matches!(line, LineKind::Solid) => {
            // An overlay without a value on an axis (a median too few communes support, a
            // pillar the earlier round left out) breaks there: a line down to the centre would
            // read as a score of 0. Each run of values is one path, from just after a gap.
            let mut run: Vec<(f64, f64)> = Vec::new();
            for step in 1..=n {
                let i = (gap + step) % n;
                if present[i] {
                    run.push(points[i]);
                } else if !run.is_empty() {
                    draw_line(plane, std::mem::take(&mut run), colour, line, 3);
                }
            }
        }
        _ => {
            if let LineKind::Solid = line {
                draw(
                    plane,
                    Polygon::new(points.clone(), colour.mix(0.22).filled()),
                );
            }
            draw_line(plane, closed(points.clone()), colour, line, 3);
        }
    }
    for (i, point) in points.iter().enumerate() {
        if series.values.get(i).copied().flatten().is_some() {
            draw_marker(plane, *point, colour, marker);
        }
    }
}

fn draw_line(plane: &Plane, points: Vec<(f64, f64)>, colour: RGBColor, line: LineKind, width: u32) {
    let style = colour.stroke_width(width);
    match line {
        LineKind::Solid => draw(plane, PathElement::new(points, style)),
        LineKind::Dashed => draw(plane, DashedPathElement::new(points, 12, 7, style)),
        LineKind::Dotted => draw(plane, DashedPathElement::new(points, 3, 5, style)),
    }
}

fn draw_marker<DB: DrawingBackend, CT: CoordTranslate<From = (f64, f64)>>(
    area: &DrawingArea<DB, CT>,
    (x, y): (f64, f64),
    colour: RGBColor,
    marker: Marker,
) {
    let _ = match marker {
        Marker::Circle => area.draw(&Circle::new((x, y), 6, colour.filled())),
        Marker::Square => area.draw(
            &(EmptyElement::at((x, y)) + Rectangle::new([(-5, -5), (5, 5)], colour.filled())),
        ),
        Marker::Diamond => area.draw(
            &(EmptyElement::at((x, y))
                + Polygon::new(
                    vec![
                        (0, -DIAMOND_HALF_PX),
                        (DIAMOND_HALF_PX, 0),
                        (0, DIAMOND_HALF_PX),
                        (-DIAMOND_HALF_PX, 0),
                    ],
                    colour.filled(),
                )),
        ),
    };
}

/// How far a target's mark reaches across its axis, as a share of the radius.
pub const FIRST_AXIS_MARK_REACH: f64 = 0.07;
/// The target's mark's stroke, in pixels: its ends reach half of it further.
pub const TARGET_STROKE_PX: u32 = 4;
/// The diamond's half-width, in pixels: the widest marker drawn on a point.
pub const DIAMOND_HALF_PX: i32 = 7;

/// How far, in pixels, the widest mark drawn on an axis reaches across it, on a radar of
/// `radius` pixels: the target's line with its stroke, or a marker.
pub fn axis_mark_reach(radius: f64) -> f64 {
    (FIRST_AXIS_MARK_REACH * radius + f64::from(TARGET_STROKE_PX) / 2.0)
        .max(f64::from(DIAMOND_HALF_PX))
}

/// A target as a mark across its own axis: a target set on one pillar only must not read as a
/// needle from the centre, as a polygon through zeros would.
fn draw_target_marks(plane: &Plane, target: &Series, n: usize) {
    for (axis, value) in target.values.iter().enumerate().take(n) {
        let Some(score) = value else { continue };
        let radius = f64::from(*score) / 100.0;
        let (x, y) = unit_point(axis, n, radius);
        // Across the axis: along the perpendicular direction, 0.07 of the radius each way.
        let (dx, dy) = unit_point(axis, n, FIRST_AXIS_MARK_REACH);
        let across = vec![(x - dy, y + dx), (x + dy, y - dx)];
        draw(
            plane,
            PathElement::new(across, TARGET_COLOUR.stroke_width(TARGET_STROKE_PX)),
        );
        draw_marker(plane, (x, y), TARGET_COLOUR, Marker::Diamond);
    }
}

/// Pillar names outside the rim, anchored away from the centre so they never overlap the
/// chart; long names wrap onto two lines. Under the name: the score, and whether it is still
/// to be confirmed.
fn draw_axis_label(
    plane: &Plane,
    geometry: &RadarGeometry,
    (axis, n): (usize, usize),
    radar: &Radar,
) {
    let label = &radar.axes[axis];
    let score = radar.commune.values.get(axis).copied().flatten();
    // Only a score can be to confirm.
    let to_confirm = score.is_some() && radar.to_confirm.get(axis) == Some(&true);
    let (lx, ly) = unit_point(axis, n, 1.1);
    let (x, y) = (lx, ly / 1.1);
    let h = if x.abs() < 0.05 {
        HPos::Center
    } else if x > 0.0 {
        HPos::Left
    } else {
        HPos::Right
    };
    let centred = matches!(h, HPos::Center);
    // The note goes on a line under the score, except above or below a radar that keeps
    // those labels to two lines (the projector's, whose slide lists the scores beside it):
    // there it stands in for the score, which would not fit beside it.
    let note_instead = to_confirm && centred && geometry.centred_lines < 3;
    let mut lines = if centred {
        // Above or below the radar, a label has the drawing's width but only its own lines.
        let room = f64::from(geometry.width) - 32.0;
        let name_lines = geometry.centred_lines - 1 - usize::from(to_confirm && !note_instead);
        wrap_within(label, room, geometry.label_font, false, name_lines)
            .unwrap_or_else(|| shortened(label, room, geometry.label_font, name_lines))
    } else {
        wrap(label, geometry.label_chars)
    };
    lines.push(match score {
        Some(_) if note_instead => radar.to_confirm_note.clone(),
        Some(score) => format!("{score} / 100"),
        None => radar.not_assessed.clone(),
    });
    let score_line = lines.len() - 1;
    if to_confirm && !note_instead {
        lines.push(radar.to_confirm_note.clone());
    }
    let line_height = geometry.line_height / geometry.radius;
    let total = line_height * lines.len() as f64;
    // Top labels grow upwards, bottom labels downwards, side labels centre on the axis.
    let first_y = if y > 0.5 {
        ly + total - line_height
    } else if y < -0.5 {
        ly
    } else {
        ly + (total - line_height) / 2.0
    };
    // Below the middle, a side label's note lifts it by its line, towards the middle where
    // there is room, rather than pushing it down onto the label under the radar.
    let first_y = if !centred && y < 0.0 {
        first_y + line_height * (lines.len() - score_line - 1) as f64
    } else {
        first_y
    };
    for (index, line) in lines.iter().enumerate() {
        let style = if index == score_line {
            bold_text_style(geometry.label_font, INK, h, VPos::Center)
        } else {
            text_style(geometry.label_font, INK, h, VPos::Center)
        };
        draw(
            plane,
            Text::new(
                line.clone(),
                (lx, first_y - index as f64 * line_height),
                style,
            ),
        );
    }
}

/// The legend under the radar, its last row at the bottom of the drawing.
fn draw_legend(
    root: &DrawingArea<SvgBackend, Shift>,
    geometry: &RadarGeometry,
    entries: &[(&Series, RGBColor, LineKind, Marker)],
) {
    let row_height = geometry.legend_row;
    let top = geometry.height as i32 - row_height * entries.len() as i32 - 4;
    for (row, (series, colour, line, marker)) in entries.iter().enumerate() {
        let y = top + row as i32 * row_height + row_height / 2 - 2;
        let style = colour.stroke_width(3);
        let points = vec![(16, y), (56, y)];
        let _ = match line {
            LineKind::Solid => root.draw(&PathElement::new(points, style)),
            LineKind::Dashed => root.draw(&DashedPathElement::new(points, 12, 7, style)),
            LineKind::Dotted => root.draw(&DashedPathElement::new(points, 3, 5, style)),
        };
        draw_pixel_marker(root, (36, y), *colour, *marker);
        let room = f64::from(geometry.width as i32 - 66 - 4);
        let (size, text) = fit_line(&series.label, room, geometry.legend_font);
        let _ = root.draw(&Text::new(
            text,
            (66, y),
            text_style(size, INK, HPos::Left, VPos::Center),
        ));
    }
}

fn draw_pixel_marker(
    root: &DrawingArea<SvgBackend, Shift>,
    at: (i32, i32),
    colour: RGBColor,
    marker: Marker,
) {
    let _ = match marker {
        Marker::Circle => root.draw(&Circle::new(at, 6, colour.filled())),
        Marker::Square => root.draw(&Rectangle::new(
            [(at.0 - 5, at.1 - 5), (at.0 + 5, at.1 + 5)],
            colour.filled(),
        )),
        Marker::Diamond => root.draw(&Polygon::new(
            vec![
                (at.0, at.1 - 7),
                (at.0 + 7, at.1),
                (at.0, at.1 + 7),
                (at.0 - 7, at.1),
            ],
            colour.filled(),
        )),
    };
}

/// One horizontal bar per row, scored 0 to 100, coloured by band and labelled in text.
#[derive(Debug, Clone, PartialEq)]
pub struct Bars {
    pub title: String,
    pub rows: Vec<BarRow>,
    /// The legend label of target ticks, when any row has a target.
    pub target_label: String,
    /// The legend label of comparison ticks, when any row has one.
    pub comparison_label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BarRow {
    pub label: String,
    pub score: Option<u8>,
    /// Written after the bar, for example "63 · Intégré" or "Je ne sais pas".
    pub value_text: String,
    pub target: Option<u8>,
    pub comparison: Option<u8>,
}

pub const BAR_WIDTH: u32 = 900;

/// Where the bars sit in their drawing, drawn at the width they are shown (see `RadarGeometry`).
/// Wide, each label sits left of its bar; narrow, on its own lines above it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BarGeometry {
    pub width: u32,
    /// Where every bar starts, in SVG pixels.
    label_width: i32,
    /// Room after the longest bar for its value, such as « 100 · Exemplaire », after a marker.
    value_width: i32,
    row_height: i32,
    top: i32,
    font: u32,
    /// Labels on their own line, above the bar.
    stacked: bool,
}

/// Between a bar's end, or a marker, and the value written after it.
const VALUE_GAP: i32 = 12;
/// Between the two lines of a stacked label.
const STACKED_LINE_STEP: i32 = 17;

impl BarGeometry {
    pub const STANDARD: BarGeometry = BarGeometry {
        width: BAR_WIDTH,
        label_width: 300,
        value_width: 190,
        row_height: 46,
        top: 36,
        font: 16,
        stacked: false,
    };

    /// A drawing `width` pixels wide; from the standard width up, the standard drawing.
    pub fn fitting(width: u32) -> BarGeometry {
        if width >= BAR_WIDTH {
            return Self::STANDARD;
        }
        let width = width.max(MIN_CHART_WIDTH);
        if width >= 640 {
            return BarGeometry {
                width,
                label_width: ((f64::from(width) * 0.4) as i32).min(Self::STANDARD.label_width),
                ..Self::STANDARD
            };
        }
        BarGeometry {
            width,
            label_width: 8,
            value_width: 165,
            row_height: 68,
            top: 36,
            font: 14,
            stacked: true,
        }
    }

    /// Below 800 px, the two legend entries take a line each.
    fn legend_stacked(&self) -> bool {
        self.width < 800
    }

    /// Pixel x of a score.
    pub fn x(&self, score: f64) -> i32 {
        let span = self.width as i32 - self.label_width - self.value_width;
        self.label_width + (score / 100.0 * f64::from(span)).round() as i32
    }

    pub fn height(&self, rows: usize) -> u32 {
        let legend = if self.legend_stacked() { 56 + 26 } else { 56 };
        (self.top + rows as i32 * self.row_height + legend) as u32
    }

    /// How wide a row label's lines may be: the column left of the bars, or the whole drawing
    /// when stacked.
    fn label_room(&self) -> f64 {
        if self.stacked {
            f64::from(self.width as i32 - 2 * self.label_width)
        } else {
            // Right-aligned 12 px before the bars, with 4 px left at the drawing's edge.
            f64::from(self.label_width - 16)
        }
    }
}

/// Pixel x of a score on the standard bar chart's scale.
pub fn bar_x(score: f64) -> i32 {
    BarGeometry::STANDARD.x(score)
}

pub fn bars_height(rows: usize) -> u32 {
    BarGeometry::STANDARD.height(rows)
}

/// A horizontal bar chart: used for the pillar scores and for one pillar's questions.
pub fn bars_svg(bars: &Bars) -> String {
    bars_svg_at(bars, BarGeometry::STANDARD)
}

/// Every row label wrapped to its room in at most two lines, all in one size: the chart's font
/// or, for the longest labels, smaller down to 12 px; past that, shortened with « … ».
fn row_labels(rows: &[BarRow], g: &BarGeometry) -> (u32, Vec<Vec<String>>) {
    let room = g.label_room();
    // Plain loops: iterator chains here cost the tools bundle kilobytes of generic code.
    let mut size = g.font;
    'sizes: while size >= MIN_FONT {
        let mut fitted = Vec::with_capacity(rows.len());
        for row in rows {
            match wrap_within(&row.label, room, size, false, 2) {
                Some(lines) => fitted.push(lines),
                None => {
                    size -= 1;
                    continue 'sizes;
                }
            }
        }
        return (size, fitted);
    }
    let mut lines = Vec::with_capacity(rows.len());
    for row in rows {
        lines.push(shortened(&row.label, room, MIN_FONT, 2));
    }
    (MIN_FONT, lines)
}

/// How far a value's text keeps from a marker's line: 8 px before it, the usual gap after.
const MARKER_CLEARANCE: (i32, i32) = (8, VALUE_GAP);

/// The stretches of `from..to` clear of every marker's line, left to right.
fn free_stretches(from: i32, to: i32, markers: &[i32]) -> Vec<(i32, i32)> {
    let (before, after) = MARKER_CLEARANCE;
    let mut stretches = vec![(from, to)];
    for &x in markers {
        // Each stretch keeps its parts left and right of this marker.
        let mut split = Vec::with_capacity(stretches.len() * 2);
        for (left, right) in stretches {
            for part in [(left, right.min(x - before)), (left.max(x + after), right)] {
                if part.0 < part.1 {
                    split.push(part);
                }
            }
        }
        stretches = split;
    }
    stretches
}

/// The room a row's value may take, clear of its markers: after the bar's end, left to right,
/// and inside the bar.
struct ValueRoom {
    after: Vec<(i32, i32)>,
    inside: Vec<(i32, i32)>,
}

impl ValueRoom {
    /// `bar` spans the bar's start and end pixels.
    fn of(bar: (i32, i32), markers: &[i32], right_edge: i32) -> ValueRoom {
        let (start, end) = bar;
        ValueRoom {
            after: free_stretches(end + VALUE_GAP, right_edge, markers),
            inside: free_stretches(start + 4, end - VALUE_GAP / 2, markers),
        }
    }

    /// Where a value `width` pixels wide goes, and its anchor: the first stretch after the
    /// bar's end, or after a marker, that holds it; failing that, right-aligned inside the bar,
    /// as far right as it fits between markers.
    fn place(&self, width: f64) -> Option<(i32, HPos)> {
        for &(left, right) in &self.after {
            if f64::from(right - left) >= width {
                return Some((left, HPos::Left));
            }
        }
        for &(left, right) in self.inside.iter().rev() {
            if f64::from(right - left) >= width {
                return Some((right, HPos::Right));
            }
        }
        None
    }

    /// The widest stretch, after the bar or inside it, for a value that fits none;
    /// `fallback` when there is none at all.
    fn widest(&self, fallback: (i32, i32)) -> (i32, i32, HPos) {
        let mut widest = (fallback.0, fallback.1, HPos::Left);
        let mut widest_width = i32::MIN;
        for (stretches, h) in [(&self.after, HPos::Left), (&self.inside, HPos::Right)] {
            for &(left, right) in stretches {
                // The last of equally wide stretches, as `max_by_key` chose.
                if right - left >= widest_width {
                    widest_width = right - left;
                    widest = (left, right, h);
                }
            }
        }
        widest
    }
}

/// The vertical offset of line `index` of `count` lines `step` apart, centred on a point.
fn line_offset(index: usize, count: usize, step: i32) -> i32 {
    (2 * index as i32 + 1 - count as i32) * step / 2
}

/// The bars drawn on a given geometry, for example `BarGeometry::fitting(shown_width)`.
pub fn bars_svg_at(bars: &Bars, g: BarGeometry) -> String {
    let (label_font, labels) = row_labels(&bars.rows, &g);
    let mut g = g;
    let label_lines = labels.iter().map(Vec::len).max().unwrap_or(1) as i32;
    if g.stacked {
        // Stacked labels take one line, or two when any label needs them.
        g.row_height += (label_lines - 1) * STACKED_LINE_STEP;
    }
    let height = g.height(bars.rows.len());
    let right_edge = g.width as i32 - 4;
    let mut svg = String::new();
    {
        let root = SvgBackend::with_string(&mut svg, (g.width, height)).into_drawing_area();
        let bottom = g.top + bars.rows.len() as i32 * g.row_height;
        for tick in [0, 25, 50, 75, 100] {
            let x = g.x(f64::from(tick));
            let _ = root.draw(&PathElement::new(
                vec![(x, g.top - 6), (x, bottom)],
                GRID.mix(0.35).stroke_width(1),
            ));
            let _ = root.draw(&Text::new(
                tick.to_string(),
                (x, g.top - 10),
                text_style(13, GRID, HPos::Center, VPos::Bottom),
            ));
        }
        let (mut any_target, mut any_comparison) = (false, false);
        for (index, (row, lines)) in bars.rows.iter().zip(&labels).enumerate() {
            let row_top = g.top + index as i32 * g.row_height + 8;
            // Stacked, the label takes the row's first lines and the bar the rest.
            let top = if g.stacked {
                row_top + 26 + (label_lines - 1) * STACKED_LINE_STEP
            } else {
                row_top
            };
            let middle = top + 15;
            for (line_index, line) in lines.iter().enumerate() {
                let (at, h) = if g.stacked {
                    let y = row_top + 8 + line_index as i32 * STACKED_LINE_STEP;
                    ((g.label_width, y), HPos::Left)
                } else {
                    // Two lines sit a line apart, centred on the bar.
                    let offset = line_offset(line_index, lines.len(), label_font as i32 + 2);
                    ((g.label_width - 12, middle + offset), HPos::Right)
                };
                let _ = root.draw(&Text::new(
                    line.clone(),
                    at,
                    text_style(label_font, INK, h, VPos::Center),
                ));
            }
            let end = g.x(row.score.map_or(0.0, f64::from));
            let bar_height = if g.stacked { 24 } else { 30 };
            let band = row
                .score
                .map(|score| super::domain::scoring::band_of(score).get() as usize);
            if let Some(band) = band {
                let corners = [
                    (g.label_width, top),
                    (end.max(g.label_width + 3), top + bar_height),
                ];
                let _ = root.draw(&Rectangle::new(corners, BAND_COLOURS[band - 1].filled()));
                let _ = root.draw(&Rectangle::new(corners, INK.stroke_width(1)));
            }
            let mut markers: Vec<i32> = Vec::new();
            if let Some(comparison) = row.comparison {
                any_comparison = true;
                let x = g.x(f64::from(comparison));
                markers.push(x);
                let _ = root.draw(&DashedPathElement::new(
                    vec![(x, top - 4), (x, top + bar_height + 4)],
                    3,
                    4,
                    COMPARISON_COLOUR.stroke_width(3),
                ));
                draw_pixel_marker(&root, (x, top - 4), COMPARISON_COLOUR, Marker::Square);
            }
            if let Some(target) = row.target {
                any_target = true;
                let x = g.x(f64::from(target));
                markers.push(x);
                let _ = root.draw(&DashedPathElement::new(
                    vec![(x, top - 4), (x, top + bar_height + 4)],
                    8,
                    4,
                    TARGET_COLOUR.stroke_width(3),
                ));
                draw_pixel_marker(
                    &root,
                    (x, top + bar_height + 4),
                    TARGET_COLOUR,
                    Marker::Diamond,
                );
            }
            // A long value shrinks, down to 12 px, rather than cross a marker; past that, it
            // takes two lines, or is cut short, in the widest free stretch.
            let room = ValueRoom::of((g.label_width, end), &markers, right_edge);
            let mut placed = None;
            for size in (MIN_FONT..=g.font).rev() {
                let width = text_width(&row.value_text, size, true);
                if let Some(place) = room.place(width) {
                    placed = Some((size, vec![row.value_text.clone()], place));
                    break;
                }
            }
            let (value_font, value_lines, (x, h)) = placed.unwrap_or_else(|| {
                let (left, right, h) = room.widest((end + VALUE_GAP, right_edge));
                let room = f64::from(right - left);
                let lines = wrap_within(&row.value_text, room, MIN_FONT, true, 2)
                    .unwrap_or_else(|| vec![cut_to_width(&row.value_text, room, MIN_FONT, true)]);
                let x = if let HPos::Right = h { right } else { left };
                (MIN_FONT, lines, (x, h))
            });
            // Inside a bar, the text contrasts with its band by 4.5:1 at least: white on the
            // two darkest, black on the others (the ink reaches only 3.8:1 on the middle one).
            let colour = match (h, band) {
                (HPos::Right, Some(1 | 2)) => WHITE,
                (HPos::Right, _) => BLACK,
                _ => INK,
            };
            let step = value_font as i32 + 2;
            for (line_index, line) in value_lines.iter().enumerate() {
                let offset = line_offset(line_index, value_lines.len(), step);
                let _ = root.draw(&Text::new(
                    line.clone(),
                    (x, top + bar_height / 2 + offset),
                    bold_text_style(value_font, colour, h, VPos::Center),
                ));
            }
        }
        let mut legend_x = g.label_width.max(16);
        let mut legend_y = bottom + 30;
        if any_target {
            let _ = root.draw(&DashedPathElement::new(
                vec![(legend_x, legend_y - 10), (legend_x, legend_y + 10)],
                8,
                4,
                TARGET_COLOUR.stroke_width(3),
            ));
            draw_pixel_marker(
                &root,
                (legend_x, legend_y + 10),
                TARGET_COLOUR,
                Marker::Diamond,
            );
            let room = f64::from(right_edge - legend_x - 14);
            let (size, text) = fit_line(&bars.target_label, room, 15);
            let _ = root.draw(&Text::new(
                text.clone(),
                (legend_x + 14, legend_y),
                text_style(size, INK, HPos::Left, VPos::Center),
            ));
            if g.legend_stacked() {
                legend_y += 26;
            } else {
                // The next entry follows this one's text, so a long label keeps its room.
                legend_x += 14 + text_width(&text, size, false).ceil() as i32 + 36;
            }
        }
        if any_comparison {
            let _ = root.draw(&DashedPathElement::new(
                vec![(legend_x, legend_y - 10), (legend_x, legend_y + 10)],
                3,
                4,
                COMPARISON_COLOUR.stroke_width(3),
            ));
            draw_pixel_marker(
                &root,
                (legend_x, legend_y - 10),
                COMPARISON_COLOUR,
                Marker::Square,
            );
            let room = f64::from(right_edge - legend_x - 14);
            let (size, text) = fit_line(&bars.comparison_label, room, 15);
            let _ = root.draw(&Text::new(
                text,
                (legend_x + 14, legend_y),
                text_style(size, INK, HPos::Left, VPos::Center),
            ));
        }
        // `expect` would format the error with `Debug`, and compile `std::io`'s messages for it.
        assert!(root.present().is_ok(), "drawing into a string cannot fail");
    }
    finish(svg, &bars.title)
}

fn text_style(size: u32, colour: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    // The SVG backend divides sizes by 1.24; scale back so `size` is the rendered px size.
    (FONT, f64::from(size) * 1.24)
        .into_font()
        .color(&colour)
        .pos(Pos::new(h, v))
}

fn bold_text_style(size: u32, colour: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    (FONT, f64::from(size) * 1.24, FontStyle::Bold)
        .into_font()
        .color(&colour)
        .pos(Pos::new(h, v))
}

fn draw<'a, E>(plane: &Plane<'a>, element: E)
where
    E: plotters::element::Drawable<SvgBackend<'a>>,
    for<'b> &'b E: plotters::element::PointCollection<'b, (f64, f64)>,
{
    // Plotters only fails on backend errors, and a String backend has none.
    let _ = plane.draw(&element);
}

fn closed(mut points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    if let Some(first) = points.first().copied() {
        points.push(first);
    }
    points
}

/// The width of `text` in pixels, at or above what common sans-serif fonts draw: the widths
/// per character class are the widest in DejaVu Sans, Chromium's sans-serif on Linux and wider
/// than Arial or Helvetica, rounded up.
fn text_width(text: &str, size: u32, bold: bool) -> f64 {
    let ems: f64 = text
        .chars()
        .map(|c| {
            let (regular, heavy) = match c {
                'i' | 'j' | 'l' | 'ì'..='ï' | '\'' => (0.28, 0.35),
                'I' | 'J' | 'Ì'..='Ï' | ' ' | ',' | '.' | '·' | '’' | '‘' => (0.32, 0.38),
                ':' | ';' | '/' | '\\' | '|' => (0.34, 0.40),
                'f' | 't' | '(' | ')' | '[' | ']' | '!' | '-' => (0.41, 0.48),
                'r' => (0.42, 0.50),
                'Œ' | 'œ' => (1.08, 1.17),
                'm'
                | 'w'
                | 'M'
                | 'W'
                | '%'
                | '@'
                | '—'
                | '…'
                | 'Æ'
                | 'æ'
                | '©'
                | '®'
                | '¼'..='¾' => (1.0, 1.11),
                '#' | '+' | '<' | '=' | '>' | '^' | '~' | '¬' | '±' | '×' | '÷' => (0.84, 0.9),
                'A'..='Z' | 'À'..='Þ' | '&' | '\u{100}'..='\u{24F}' => (0.8, 0.88),
                '\0'..='\u{FF}' | '–' | '▸' | '€' => (0.64, 0.74),
                // Other scripts and symbols: a full em, as wide as most glyphs get.
                _ => (1.0, 1.1),
            };
            if bold { heavy } else { regular }
        })
        .sum();
    ems * f64::from(size)
}

/// Splits `text` at spaces into lines at most `room` pixels wide, where words allow.
fn wrap_to_width(text: &str, room: f64, size: u32, bold: bool) -> Vec<String> {
    wrap_while(text, &|line| text_width(line, size, bold) <= room)
}

/// Splits `text` at spaces, adding each word to the current line while `fits` the result.
fn wrap_while(text: &str, fits: &dyn Fn(&str) -> bool) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if fits(&format!("{line} {word}")) => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// `text` in at most `max_lines` lines of `room` pixels at `size`, if it fits.
fn wrap_within(
    text: &str,
    room: f64,
    size: u32,
    bold: bool,
    max_lines: usize,
) -> Option<Vec<String>> {
    let lines = wrap_to_width(text, room, size, bold);
    let fits = lines.len() <= max_lines
        && lines
            .iter()
            .all(|line| text_width(line, size, bold) <= room);
    fits.then_some(lines)
}

/// `text` cut to `max_lines` lines of `room` pixels, its last line ending in « … ».
fn shortened(text: &str, room: f64, size: u32, max_lines: usize) -> Vec<String> {
    let mut lines = wrap_to_width(text, room, size, false);
    if lines.len() > max_lines {
        let rest = lines.split_off(max_lines.max(1) - 1).join(" ");
        lines.push(rest);
    }
    lines
        .iter()
        .map(|line| cut_to_width(line, room, size, false))
        .collect()
}

/// `line` as it is if it fits `room` pixels, else cut short with « … ».
fn cut_to_width(line: &str, room: f64, size: u32, bold: bool) -> String {
    if text_width(line, size, bold) <= room {
        return line.to_string();
    }
    let mut kept = line.to_string();
    while !kept.is_empty() && text_width(&format!("{kept}…"), size, bold) > room {
        kept.pop();
    }
    format!("{}…", kept.trim_end())
}

/// One line of `text` in `room` pixels: at `size`, smaller down to 12 px, or cut short.
fn fit_line(text: &str, room: f64, size: u32) -> (u32, String) {
    for size in (MIN_FONT..=size).rev() {
        if text_width(text, size, false) <= room {
            return (size, text.to_string());
        }
    }
    (MIN_FONT, cut_to_width(text, room, MIN_FONT, false))
}

/// Splits a label into lines of at most about `width` characters, at spaces.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_while(text, &|line| line.chars().count() <= width)
}

/// Adds an accessible name and lets CSS size the chart; the width and height attributes stay
/// for standalone SVG files and the PNG export.
fn finish(svg: String, title: &str) -> String {
    let mut escaped = String::new();
    for c in title.chars() {
        match c {
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '&' => escaped.push_str("&amp;"),
            '"' => escaped.push_str("&quot;"),
            other => escaped.push(other),
        }
    }
    match svg.split_once('>') {
        Some((opening, rest)) => format!(
            "{opening} role=\"img\" aria-label=\"{escaped}\" font-family=\"{}\">\n<title>{escaped}</title>{rest}",
            FONT.as_str(),
        ),
        None => svg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_axis_of_every_radar_has_the_standard_sine_and_cosine() {
        for axis_count in 1..=24 {
            for axis in 0..axis_count {
                let angle = std::f64::consts::FRAC_PI_2
                    - axis as f64 * std::f64::consts::TAU / axis_count as f64;
                let (sin, cos) = axis_sin_cos(angle);
                assert!(
                    (sin - angle.sin()).abs() < 1e-15,
                    "sin, axis {axis} of {axis_count}"
                );
                assert!(
                    (cos - angle.cos()).abs() < 1e-15,
                    "cos, axis {axis} of {axis_count}"
                );
            }
        }
    }

    proptest! {
        #[test]
        fn any_angle_within_two_turns_has_the_standard_sine_and_cosine(
            angle in -2.0 * std::f64::consts::TAU..2.0 * std::f64::consts::TAU
        ) {
            let (sin, cos) = axis_sin_cos(angle);
            prop_assert!((sin - angle.sin()).abs() < 1e-15);
            prop_assert!((cos - angle.cos()).abs() < 1e-15);
        }
    }
}
