//! Property tests for dates: ordering agrees with the axis, and the text
//! form round-trips.

use proptest::prelude::*;
use timeline_explorer::model::{Date, Precision, TimeOfDay};

/// Any valid date: years from deep time to the far future, every precision.
fn any_date() -> impl Strategy<Value = Date> {
    let year = prop_oneof![
        -13_800_000_000_i64..=-1,
        -5000_i64..=-1,
        1_i64..=3000,
        1_i64..=1_000_000,
        1990_i64..=2030,
    ];
    (year, 0u8..=4, 1u8..=12, 1u8..=31, 0u8..=23, 0u8..=59).prop_filter_map(
        "impossible day",
        |(y, precision, m, d, h, min)| match precision {
            0 => Date::year(y).ok(),
            1 => Date::ym(y, m).ok(),
            2 => Date::ymd(y, m, d).ok(),
            // Minutes are meaningful (and exactly positioned) in historical time only.
            _ => Date::new(
                y.clamp(-100_000, 100_000),
                Some(m),
                Some(d),
                Some(TimeOfDay {
                    hour: h,
                    minute: min,
                }),
            )
            .ok(),
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn ordering_is_consistent_with_axis_position(a in any_date(), b in any_date()) {
        if a < b {
            prop_assert!(a.axis_days() <= b.axis_days(), "{a:?} < {b:?}");
        }
        if a.axis_days() < b.axis_days() {
            prop_assert!(a < b, "{a:?} is left of {b:?}");
        }
        prop_assert_eq!(a == b, a.cmp(&b) == std::cmp::Ordering::Equal);
    }

    #[test]
    fn iso_text_round_trips(d in any_date()) {
        let text = d.to_iso();
        let back: Date = text.parse().map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        prop_assert_eq!(back, d);
        prop_assert_eq!(back.precision(), d.precision());
    }

    #[test]
    fn a_date_lies_within_its_own_interval(d in any_date()) {
        prop_assert!(d.axis_days() < d.end_axis_days());
        let back = Date::from_axis_days(d.axis_days(), d.precision());
        prop_assert_eq!(back, Some(d));
        // The middle of the interval is still the same date.
        let mid = (d.axis_days() + d.end_axis_days()) / 2.0;
        prop_assert_eq!(Date::from_axis_days(mid, d.precision()), Some(d));
    }

    #[test]
    fn display_never_shows_year_zero(d in any_date()) {
        let shown = d.display();
        prop_assert!(!shown.starts_with("0 ") && shown != "0" && !shown.contains(" 0 BCE"), "{shown}");
        if d.year_value() < 0 {
            prop_assert!(shown.contains("BCE") || shown.contains("years ago"), "{shown}");
        }
    }

    #[test]
    fn parsing_arbitrary_text_never_panics(s in "\\PC{0,24}") {
        let _ = s.parse::<Date>();
    }

    #[test]
    fn parsing_date_like_text_never_panics(s in "-?[0-9]{1,22}(-[0-9]{1,3}){0,3}(T[0-9]{1,3}:[0-9]{1,3})?") {
        if let Ok(d) = s.parse::<Date>() {
            prop_assert_eq!(d.to_iso().parse::<Date>().ok(), Some(d));
        }
    }
}

#[test]
fn precision_is_what_the_date_has() {
    assert_eq!("1944".parse::<Date>().unwrap().precision(), Precision::Year);
    assert_eq!(
        "1944-07".parse::<Date>().unwrap().precision(),
        Precision::Month
    );
    assert_eq!(
        "1944-07-21".parse::<Date>().unwrap().precision(),
        Precision::Day
    );
    assert_eq!(
        "1944-07-21T02:00".parse::<Date>().unwrap().precision(),
        Precision::Minute
    );
}

/// Tables and lists show ancient and deep-time dates as words, modern ones
/// as ISO dates: never `-13800000000` or `0602`.
#[test]
fn compact_dates_are_readable_at_every_scale() {
    use timeline_explorer::Date;
    let d = |s: &str| s.parse::<Date>().unwrap();
    assert_eq!(d("1814-03-30").compact(), "1814-03-30");
    assert_eq!(d("602").compact(), "602");
    assert_eq!(d("-3500").compact(), "3500 BCE");
    let big_bang = Date::year(-13_800_000_000).unwrap().compact();
    assert!(
        big_bang.contains("billion") && !big_bang.contains('-'),
        "{big_bang}"
    );
    assert_eq!(
        timeline_explorer::model::group_thousands(1_234_567),
        "1,234,567"
    );
}
