//! Markwhen 1.x's `.start` and `.end`: dates from the previous event.

use super::dates::{duration_of, end_after, shifted};
use crate::model::{Date, Event, Precision};

/// A signed count of a unit.
type Offset = (i64, Precision);

/// A range from the previous event's `.start` and `.end`, each maybe
/// moved (`.start -10 days / .end 1 day`), or `.start 1 day` (a length
/// from there), as Markwhen 1.x reads them.
pub(super) fn previous_range(text: &str, previous: &Event) -> Option<(Date, Option<Date>)> {
    let last = previous.end.unwrap_or(previous.start);
    let one = |d: &Date, by: i64| shifted(d, by, d.precision(), d.precision());
    // The first moment a side names, and the duration after its name.
    let side = |s: &str| -> Option<(Date, Option<Offset>)> {
        let s = s.trim();
        let (name, rest) = s.split_once(' ').unwrap_or((s, ""));
        let moment = match name {
            ".start" => previous.start,
            ".end" => one(&last, 1)?,
            _ => return None,
        };
        let rest = rest.trim();
        if rest.is_empty() {
            return Some((moment, None));
        }
        let (sign, amount) = match rest.strip_prefix('-') {
            Some(r) => (-1, r),
            None => (1, rest.strip_prefix('+').unwrap_or(rest)),
        };
        let (n, unit, per) = duration_of(amount).filter(|d| d.2 != 0)?;
        Some((moment, Some((sign * n.checked_mul(per)?, unit))))
    };
    let moved = |d: Date, by: Option<Offset>| match by {
        None => Some(d),
        Some((total, unit)) => shifted(&d, total, unit, unit.max(d.precision())),
    };
    for sep in [" / ", " - "] {
        if let Some((a, b)) = text.split_once(sep)
            && let (Some((from, by_a)), Some((to, by_b))) = (side(a), side(b))
        {
            let start = moved(from, by_a)?;
            // The end side names the moment it stops.
            let exclusive = moved(to, by_b)?;
            let p = exclusive.precision();
            let end = if p == Precision::Minute {
                exclusive
            } else {
                shifted(&exclusive, -1, p, p)?
            };
            return (end.end_axis_days() > start.axis_days())
                .then(|| (start, (end != start).then_some(end)));
        }
    }
    // `.start 1 day`: from there, for that long.
    let (from, by) = side(text)?;
    let (total, unit) = by.filter(|(t, _)| *t > 0)?;
    let from = shifted(&from, 0, unit, unit.max(from.precision()))?;
    let end = end_after(&from, (total, unit, 1))?;
    Some((from, (end != from).then_some(end)))
}
