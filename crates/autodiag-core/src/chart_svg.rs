//! The charts' drawing backend: the shapes plotters lays out, as SVG elements in a string.
//!
//! plotters' own SVG backend writes each colour's opacity and each font size with `{}` on an
//! f64, which compiled core's float printer and its tables into the tools bundle (10 KB
//! gzipped with the JSON writer's floats, BENCHMARKS.md). This one writes every number from
//! integers. Writing into a string cannot fail, so its error type has no value.

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle, FontTransform,
};
use std::convert::Infallible;
use std::fmt::Write as _;

type Drawn = Result<(), DrawingErrorKind<Infallible>>;

pub struct SvgBackend<'a> {
    out: &'a mut String,
    size: (u32, u32),
    closed: bool,
}

/// How a shape takes its colour.
#[derive(Clone, Copy)]
enum Paint {
    Fill,
    Stroke(u32),
}

impl<'a> SvgBackend<'a> {
    /// Starts the `<svg>` element of a `width` × `height` drawing in `out`.
    pub fn with_string(out: &'a mut String, (width, height): (u32, u32)) -> SvgBackend<'a> {
        let _ = writeln!(
            out,
            "<svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">"
        );
        SvgBackend {
            out,
            size: (width, height),
            closed: false,
        }
    }

    /// `<name` and its paint, for the caller to add the geometry and end the element; or
    /// nothing, and `false`, for a colour that cannot be seen.
    fn open(&mut self, name: &str, colour: BackendColor, paint: Paint) -> bool {
        if colour.alpha <= 0.0 {
            return false;
        }
        let (r, g, b) = colour.rgb;
        let _ = write!(self.out, "<{name} opacity=\"");
        write_decimal(self.out, colour.alpha.min(1.0));
        let _ = match paint {
            Paint::Fill => write!(
                self.out,
                "\" fill=\"#{r:02X}{g:02X}{b:02X}\" stroke=\"none\""
            ),
            Paint::Stroke(width) => write!(
                self.out,
                "\" fill=\"none\" stroke=\"#{r:02X}{g:02X}{b:02X}\" stroke-width=\"{width}\""
            ),
        };
        true
    }

    fn points(&mut self, path: impl IntoIterator<Item = BackendCoord>) {
        self.out.push_str(" points=\"");
        for (x, y) in path {
            let _ = write!(self.out, "{x},{y} ");
        }
        self.out.push_str("\"/>\n");
    }
}

/// A number from 0 up to three decimals at most: `1`, `0.35`, `10.484`.
fn write_decimal(out: &mut String, value: f64) {
    let thousandths = (value.max(0.0) * 1000.0).round() as i64;
    crate::domain::json_tree::write_plain(out, thousandths, 1000);
}

/// What a text may hold, escaped for an SVG text node or attribute.
fn write_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            other => out.push(other),
        }
    }
}

fn stroke<S: BackendStyle>(style: &S) -> Paint {
    Paint::Stroke(style.stroke_width())
}

fn fill_or_stroke<S: BackendStyle>(style: &S, fill: bool) -> Paint {
    if fill { Paint::Fill } else { stroke(style) }
}

impl DrawingBackend for SvgBackend<'_> {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Drawn {
        Ok(())
    }

    fn present(&mut self) -> Drawn {
        if !self.closed {
            self.out.push_str("</svg>\n");
            self.closed = true;
        }
        Ok(())
    }

    fn draw_pixel(&mut self, (x, y): BackendCoord, colour: BackendColor) -> Drawn {
        if !self.open("rect", colour, Paint::Fill) {
            return Ok(());
        }
        let _ = writeln!(self.out, " x=\"{x}\" y=\"{y}\" width=\"1\" height=\"1\"/>");
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Drawn {
        if !self.open("line", style.color(), stroke(style)) {
            return Ok(());
        }
        let _ = writeln!(
            self.out,
            " x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
            from.0, from.1, to.0, to.1
        );
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        (left, top): BackendCoord,
        (right, bottom): BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn {
        if !self.open("rect", style.color(), fill_or_stroke(style, fill)) {
            return Ok(());
        }
        let _ = writeln!(
            self.out,
            " x=\"{left}\" y=\"{top}\" width=\"{}\" height=\"{}\"/>",
            right - left,
            bottom - top
        );
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        if !self.open("polyline", style.color(), stroke(style)) {
            return Ok(());
        }
        self.points(path);
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        if !self.open("polygon", style.color(), Paint::Fill) {
            return Ok(());
        }
        self.points(path);
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        (x, y): BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Drawn {
        if !self.open("circle", style.color(), fill_or_stroke(style, fill)) {
            return Ok(());
        }
        let _ = writeln!(self.out, " cx=\"{x}\" cy=\"{y}\" r=\"{radius}\"/>");
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        (x, y): BackendCoord,
    ) -> Drawn {
        if !self.open("text", style.color(), Paint::Fill) {
            return Ok(());
        }
        let anchor = match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Center => "middle",
            HPos::Right => "end",
        };
        // Shifts the baseline so that the anchor's vertical position holds.
        let shift = match style.anchor().v_pos {
            VPos::Top => "0.76em",
            VPos::Center => "0.5ex",
            VPos::Bottom => "-0.5ex",
        };
        let _ = write!(
            self.out,
            " x=\"{x}\" y=\"{y}\" dy=\"{shift}\" text-anchor=\"{anchor}\" font-family=\"{}\" font-size=\"",
            style.family().as_str()
        );
        // plotters sizes a font by its line box, which is 1.24 times its em.
        write_decimal(self.out, style.size() / 1.24);
        self.out.push('"');
        match style.style() {
            FontStyle::Normal => {}
            FontStyle::Bold => self.out.push_str(" font-weight=\"bold\""),
            other => {
                let _ = write!(self.out, " font-style=\"{}\"", other.as_str());
            }
        }
        let degrees = match style.transform() {
            FontTransform::Rotate90 => 90,
            FontTransform::Rotate180 => 180,
            FontTransform::Rotate270 => 270,
            _ => 0,
        };
        if degrees != 0 {
            let _ = write!(self.out, " transform=\"rotate({degrees}, {x}, {y})\"");
        }
        self.out.push('>');
        write_escaped(self.out, text);
        self.out.push_str("</text>\n");
        Ok(())
    }
}
