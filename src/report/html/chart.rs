//! The inline-SVG chart of one claim: every source's value or interval on one axis, the
//! reference value as a shaded band. Unbounded intervals end in an arrow; open bounds are hollow
//! circles, closed bounds filled ones.
//!
//! Bounds reach the chart through [`position`], which maps numbers as they are and ISO dates
//! (`2022-01-12`) to day numbers, so date claims chart on the same code.

use maud::{html, Markup};

use crate::report::{scalar_text, Claim, Report};
use crate::value::{Scalar, Summary};

const WIDTH: f64 = 640.0;
const LABEL: f64 = 150.0;
const ROW: f64 = 26.0;
const PLOT_LEFT: f64 = LABEL + 10.0;
const PLOT_RIGHT: f64 = WIDTH - 20.0;

/// A bound's position on a numeric axis: the number itself, or the day number of an ISO date.
pub fn position(s: &Scalar) -> Option<f64> {
    match s {
        Scalar::Number(n) if n.is_finite() => Some(*n),
        Scalar::Number(_) => None,
        Scalar::Text(t) => day_number(t),
    }
}

/// Days since 1970-01-01 of an ISO date (`2022-01-12`, or the date part of a date-time).
pub fn day_number(iso: &str) -> Option<f64> {
    let date: jiff::civil::Date = iso.get(..10).unwrap_or(iso).parse().ok()?;
    let epoch = jiff::civil::date(1970, 1, 1);
    let days = (date - epoch).get_days();
    Some(f64::from(days))
}

/// The chart for `claim`, or `None` when no source states a value.
pub fn chart(report: &Report, claim: &Claim) -> Option<Markup> {
    let rows: Vec<(String, Option<&Summary>)> = claim
        .observations
        .iter()
        .map(|o| (report.outlet_of(&o.source).to_string(), o.value.as_ref()))
        .collect();
    let reference = claim.reference.as_ref().map(|r| &r.value);
    let axis = Axis::fit(rows.iter().filter_map(|(_, v)| *v).chain(reference))?;
    let height = ROW * rows.len() as f64 + 34.0;
    let title = format!("{} values on one axis", claim.label);
    Some(html! {
        svg.chart xmlns="http://www.w3.org/2000/svg" role="img" aria-label=(title)
            viewBox={ "0 0 " (WIDTH) " " (height) } width=(WIDTH) height=(height) {
            title { (title) }
            @if let Some(r) = reference { (reference_band(&axis, r, height)) }
            @for (i, (name, value)) in rows.iter().enumerate() {
                (row(&axis, i, name, *value))
            }
            (ticks(&axis, height))
        }
    })
}

/// The step chart of a claim judged over time: the figure against time, a step at each
/// figure's first statement, one mark per statement (stale ones marked apart). `None`
/// without a timeline of two figures.
pub fn timeline_chart(report: &Report, claim: &Claim) -> Option<Markup> {
    if claim.timeline.len() < 2 {
        return None;
    }
    let figure = |v: &Summary| v.stated.first().and_then(position);
    let steps: Vec<(f64, f64)> = claim
        .timeline
        .iter()
        .filter_map(|s| Some((s.first_stated.earliest() as f64, figure(&s.figure)?)))
        .collect();
    let marks: Vec<(f64, f64, bool, String)> = claim
        .observations
        .iter()
        .filter(|o| !o.superseded)
        .filter_map(|o| {
            let at = o.published?;
            let y = figure(o.value.as_ref()?)?;
            let stale = claim.stale.iter().any(|s| s.source == o.source);
            let what = format!("{}: {} at {at}", report.outlet_of(&o.source), o.raw);
            Some((at.earliest() as f64, y, stale, what))
        })
        .collect();
    let ts = steps.iter().map(|p| p.0).chain(marks.iter().map(|m| m.0));
    let ys = steps.iter().map(|p| p.1).chain(marks.iter().map(|m| m.1));
    let (t0, t1) = ts.fold((f64::MAX, f64::MIN), |(a, b), t| (a.min(t), b.max(t)));
    let (y0, y1) = ys.fold((f64::MAX, f64::MIN), |(a, b), y| (a.min(y), b.max(y)));
    if t0 > t1 || y0 > y1 {
        return None;
    }
    let (height, left, right, top, bottom) = (200.0, 60.0, WIDTH - 20.0, 14.0, 170.0);
    let x = |t: f64| left + (t - t0) / (t1 - t0).max(1.0) * (right - left);
    let pad = ((y1 - y0) * 0.1).max(1.0);
    let y = |v: f64| bottom - (v - (y0 - pad)) / (y1 - y0 + 2.0 * pad) * (bottom - top);
    let mut path = String::new();
    for (i, &(t, v)) in steps.iter().enumerate() {
        if i == 0 {
            path.push_str(&format!("M{:.1},{:.1}", x(t), y(v)));
        } else {
            path.push_str(&format!(" H{:.1} V{:.1}", x(t), y(v)));
        }
    }
    path.push_str(&format!(" H{:.1}", x(t1)));
    let title = format!("{}: the figure over time", claim.label);
    let first = claim.timeline.first().map(|s| s.first_stated.to_string());
    let last = claim.timeline.last().map(|s| s.last_stated.to_string());
    Some(html! {
        svg.chart.timeline xmlns="http://www.w3.org/2000/svg" role="img" aria-label=(title)
            viewBox={ "0 0 " (WIDTH) " " (height) } width=(WIDTH) height=(height) {
            title { (title) }
            line.axis x1=(left) y1=(bottom) x2=(right) y2=(bottom) {}
            line.axis x1=(left) y1=(top) x2=(left) y2=(bottom) {}
            text.tick-label x=(left - 6.0) y=(format!("{:.1}", y(y1) + 4.0)) text-anchor="end" { (scalar_text(&Scalar::Number(y1))) }
            text.tick-label x=(left - 6.0) y=(format!("{:.1}", y(y0) + 4.0)) text-anchor="end" { (scalar_text(&Scalar::Number(y0))) }
            @if let Some(first) = first { text.tick-label x=(left) y=(bottom + 16.0) { (first) } }
            @if let Some(last) = last { text.tick-label x=(right) y=(bottom + 16.0) text-anchor="end" { (last) } }
            path.step d=(path) {}
            @for (t, v, stale, what) in &marks {
                circle class=(if *stale { "mark stale" } else { "mark" }) cx=(format!("{:.1}", x(*t))) cy=(format!("{:.1}", y(*v))) r="5" {
                    title { (what) @if *stale { " (stale)" } }
                }
            }
        }
    })
}

/// The visible range of a chart.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Axis {
    min: f64,
    max: f64,
    dates: bool,
}

impl Axis {
    /// The smallest padded range that shows every finite bound and stated figure.
    fn fit<'a>(values: impl Iterator<Item = &'a Summary>) -> Option<Axis> {
        let mut points = Vec::new();
        let mut dates = false;
        for v in values {
            let scalars = v.stated.iter().chain(v.low.as_ref()).chain(v.high.as_ref());
            for s in scalars {
                dates |= matches!(s, Scalar::Text(_));
                points.extend(position(s));
            }
        }
        let lo = points.iter().copied().reduce(f64::min)?;
        let hi = points.iter().copied().reduce(f64::max)?;
        let pad = if hi > lo {
            (hi - lo) * 0.15
        } else {
            (lo.abs() * 0.1).max(1.0)
        };
        Some(Axis {
            min: lo - pad,
            max: hi + pad,
            dates,
        })
    }

    fn x(&self, value: f64) -> f64 {
        let t = (value - self.min) / (self.max - self.min);
        PLOT_LEFT + t.clamp(0.0, 1.0) * (PLOT_RIGHT - PLOT_LEFT)
    }

    fn label(&self, value: f64) -> String {
        if self.dates {
            let days = value.round() as i64;
            let epoch = jiff::civil::date(1970, 1, 1);
            return epoch
                .checked_add(jiff::Span::new().days(days))
                .map_or_else(|_| format!("{days}"), |d| d.to_string());
        }
        scalar_text(&Scalar::Number(value))
    }
}

/// A "nice" tick step (1, 2 or 5 times a power of ten) for about four intervals.
fn tick_step(span: f64) -> f64 {
    let raw = span / 4.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let unit = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .find(|m| m * magnitude >= raw)
        .unwrap_or(10.0);
    unit * magnitude
}

fn ticks(axis: &Axis, height: f64) -> Markup {
    let y = height - 22.0;
    let step = tick_step(axis.max - axis.min);
    let first = (axis.min / step).ceil() as i64;
    let last = (axis.max / step).floor() as i64;
    let values: Vec<f64> = (first..=last).map(|k| k as f64 * step).collect();
    html! {
        line.axis x1=(PLOT_LEFT) x2=(PLOT_RIGHT) y1=(y) y2=(y) {}
        @for v in values {
            line.tick x1=(axis.x(v)) x2=(axis.x(v)) y1=(y) y2=(y + 4.0) {}
            text.tick-label x=(axis.x(v)) y=(y + 16.0) text-anchor="middle" { (axis.label(v)) }
        }
    }
}

fn reference_band(axis: &Axis, r: &Summary, height: f64) -> Markup {
    let lo = r
        .low
        .as_ref()
        .and_then(position)
        .map_or(PLOT_LEFT, |v| axis.x(v));
    let hi = r
        .high
        .as_ref()
        .and_then(position)
        .map_or(PLOT_RIGHT, |v| axis.x(v));
    let width = (hi - lo).max(2.0);
    html! {
        rect.reference x=(lo - if width <= 2.0 { 1.0 } else { 0.0 }) y="4" width=(width)
            height=(height - 30.0) {
            title { "reference: " (r.display) }
        }
    }
}

fn row(axis: &Axis, i: usize, name: &str, value: Option<&Summary>) -> Markup {
    let y = 16.0 + ROW * i as f64;
    html! {
        g.row {
            text.source x=(LABEL) y=(y + 4.0) text-anchor="end" { (shorten(name)) }
            @match value {
                Some(v) => (interval(axis, y, v)),
                None => text.unresolved x=(PLOT_LEFT) y=(y + 4.0) { "unresolved" },
            }
        }
    }
}

/// One value: its interval, arrows where it is unbounded, and its bounds as circles.
fn interval(axis: &Axis, y: f64, v: &Summary) -> Markup {
    let low = v.low.as_ref().and_then(position);
    let high = v.high.as_ref().and_then(position);
    let x1 = low.map_or(PLOT_LEFT, |l| axis.x(l));
    let x2 = high.map_or(PLOT_RIGHT, |h| axis.x(h));
    html! {
        g.value {
            title { (v.display) }
            line.span x1=(x1) x2=(x2) y1=(y) y2=(y) {}
            @if low.is_none() { polygon.arrow points=(arrow(x1, y, -1.0)) {} }
            @if high.is_none() { polygon.arrow points=(arrow(x2, y, 1.0)) {} }
            @if let Some(l) = low { (bound(axis.x(l), y, v.low_open)) }
            @if let (Some(h), false) = (high, high == low) { (bound(axis.x(h), y, v.high_open)) }
        }
    }
}

fn bound(x: f64, y: f64, open: bool) -> Markup {
    html! { circle class=(if open { "bound open" } else { "bound" }) cx=(x) cy=(y) r="5" {} }
}

/// A triangle pointing left (`dir` = -1) or right (1) with its tip at `x`.
fn arrow(x: f64, y: f64, dir: f64) -> String {
    let back = x - dir * 9.0;
    format!("{x},{y} {back},{} {back},{}", y - 5.0, y + 5.0)
}

/// A source's name in at most 22 characters, cut between words.
fn shorten(name: &str) -> String {
    crate::text::shorten(name, 22).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_take_numbers_and_iso_dates() {
        assert_eq!(position(&Scalar::Number(13_000.0)), Some(13_000.0));
        assert_eq!(position(&Scalar::Text("1970-01-11".into())), Some(10.0));
        assert_eq!(day_number("2022-01-12T16:53:00-05:00"), Some(19_004.0));
        assert_eq!(position(&Scalar::Text("Orlov".into())), None);
    }

    #[test]
    fn tick_steps_are_round() {
        assert_eq!(tick_step(2_000.0), 500.0);
        assert_eq!(tick_step(7.0), 2.0);
    }

    #[test]
    fn date_axes_label_ticks_as_dates() {
        let axis = Axis {
            min: 0.0,
            max: 40.0,
            dates: true,
        };
        assert_eq!(axis.label(10.0), "1970-01-11");
    }
}
