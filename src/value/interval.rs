//! Intervals on the real line: what a stated value allows the true value to be.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

/// A possibly unbounded, possibly open interval. `None` bounds are infinite.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    /// Lower bound; `None` is minus infinity.
    pub low: Option<f64>,
    /// Upper bound; `None` is plus infinity.
    pub high: Option<f64>,
    /// The lower bound itself is excluded.
    pub low_open: bool,
    /// The upper bound itself is excluded.
    pub high_open: bool,
}

impl Interval {
    /// `[x, x]`.
    pub fn point(x: f64) -> Self {
        Self::closed(x, x)
    }

    /// `[low, high]`.
    pub fn closed(low: f64, high: f64) -> Self {
        Interval {
            low: Some(low),
            high: Some(high),
            low_open: false,
            high_open: false,
        }
    }

    /// True when some value lies in both intervals.
    pub(crate) fn overlaps(&self, other: &Interval) -> bool {
        !ends_before(self, other) && !ends_before(other, self)
    }

    /// True when `x` lies in the interval.
    pub fn contains(&self, x: f64) -> bool {
        let above_low = match self.low {
            None => true,
            Some(l) if self.low_open => x > l,
            Some(l) => x >= l,
        };
        let below_high = match self.high {
            None => true,
            Some(h) if self.high_open => x < h,
            Some(h) => x <= h,
        };
        above_low && below_high
    }

    /// True when every value of `other` lies in `self`.
    pub(crate) fn covers(&self, other: &Interval) -> bool {
        let low_ok = match (self.low, other.low) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(a), Some(b)) => a < b || (a == b && (!self.low_open || other.low_open)),
        };
        let high_ok = match (self.high, other.high) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(a), Some(b)) => a > b || (a == b && (!self.high_open || other.high_open)),
        };
        low_ok && high_ok
    }
}

/// True when every value of `a` is below every value of `b`.
fn ends_before(a: &Interval, b: &Interval) -> bool {
    match (a.high, b.low) {
        (Some(h), Some(l)) => match h.partial_cmp(&l) {
            Some(Ordering::Less) => true,
            Some(Ordering::Equal) => a.high_open || b.low_open,
            _ => false,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn above(x: f64) -> Interval {
        Interval {
            low: Some(x),
            high: None,
            low_open: true,
            high_open: false,
        }
    }

    #[test]
    fn lower_bounds_always_overlap() {
        assert!(above(13_000.0).overlaps(&above(14_000.0)));
    }

    #[test]
    fn distinct_points_are_disjoint() {
        assert!(!Interval::point(3_000.0).overlaps(&Interval::point(10_000.0)));
    }

    #[test]
    fn open_ends_that_touch_do_not_overlap() {
        assert!(!above(5.0).overlaps(&Interval::closed(1.0, 5.0)));
        assert!(Interval::closed(5.0, 6.0).overlaps(&Interval::closed(1.0, 5.0)));
    }

    #[test]
    fn contains_and_covers() {
        assert!(!above(5.0).contains(5.0));
        assert!(Interval::closed(1.0, 10.0).covers(&Interval::point(3.0)));
        assert!(!Interval::point(3.0).covers(&Interval::closed(1.0, 10.0)));
    }
}
