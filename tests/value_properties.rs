//! Property tests of the value model: comparison is symmetric, a value's interval holds its
//! stated figure, normalisation is deterministic, and no parser panics on any input.

use claimdiff::value::{self, Context, Kind, Tolerance, Value, ValueOptions};
use proptest::prelude::*;

const HEDGES: &[&str] = &[
    "",
    "more than ",
    "over ",
    "above ",
    "at least ",
    "fewer than ",
    "under ",
    "up to ",
    "at most ",
    "nearly ",
    "almost ",
    "just under ",
    "close to ",
    "about ",
    "around ",
    "roughly ",
    "some ",
    "an estimated ",
    "approximately ",
    "just over ",
];
const NUMBERS: &[&str] = &[
    "3",
    "13,000",
    "1.2 million",
    "3.5bn",
    "eight",
    "a dozen",
    "two and a half million",
    "half a million",
    "thirty-eight",
    "100K",
    "10 to 15 billion",
    "nine in ten",
    "a quarter",
    "30 per cent",
];
const UNITS: &[&str] = &[
    "hours", "hour", "years", "minutes", "days", "decades", "weeks",
];
const MONTHS: &[&str] = &["January", "Jan.", "July", "October", "Dec."];
const WEEKDAYS: &[&str] = &["Monday", "Wednesday", "Thursday", "Sunday and Monday"];
const LEADS: &[&str] = &["", "on ", "in ", "since ", "after ", "before ", "about "];
const PLACES: &[&str] = &[
    "Itaewon",
    "Seoul's Itaewon",
    "the Itaewon district of Seoul",
    "Itaewon, Seoul",
    "Itaewn",
    "Seoul",
    "Hongdae in Seoul",
];

const NAMES: &[&str] = &[
    "Alexander Fomin",
    "Aleksandr Fomin",
    "Фомин",
    "Mr Fomin",
    "Fomin Alexander",
    "Fomenko",
    "Alexander V. Fomin",
    "Han Seong-min",
    "Sung-min Han",
    "Han",
    "Alexander formin",
    "Fomin",
    "Alexander Grushko",
    "Wendy Sherman",
    "Deputy Secretary of State",
    "Deputy State Secretary",
    "deputy foreign minister",
];

fn published() -> Option<jiff::civil::Date> {
    Some(jiff::civil::Date::constant(2022, 1, 12))
}

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    proptest::sample::select(list)
}

fn count_phrase() -> impl Strategy<Value = String> {
    (pick(HEDGES), pick(NUMBERS)).prop_map(|(h, n)| format!("{h}{n}"))
}

fn duration_phrase() -> impl Strategy<Value = String> {
    (pick(HEDGES), 1u32..100, pick(UNITS)).prop_map(|(h, n, u)| format!("{h}{n} {u}"))
}

fn date_phrase() -> impl Strategy<Value = String> {
    let day = (pick(MONTHS), 1u8..29, proptest::option::of(1990i32..2030))
        .prop_map(|(m, d, y)| y.map_or(format!("{m} {d}"), |y| format!("{m} {d}, {y}")));
    let month = (pick(MONTHS), 1990i32..2030).prop_map(|(m, y)| format!("{m} {y}"));
    let year = (1900i32..2030).prop_map(|y| y.to_string());
    let ago = (1u32..30, pick(&["years", "decades", "months", "days"]))
        .prop_map(|(n, u)| format!("{n} {u} ago"));
    let weekday = pick(WEEKDAYS).prop_map(String::from);
    let rel = pick(&[
        "last year",
        "last fall",
        "this week",
        "the day before",
        "in more than two years",
    ])
    .prop_map(String::from);
    let core = prop_oneof![day, month, year, ago, weekday, rel];
    (pick(LEADS), core).prop_map(|(l, c)| format!("{l}{c}"))
}

fn normalise(kind: Kind, text: &str) -> Result<Value, value::Unresolved> {
    let options = ValueOptions {
        name: Some(value::NameSpec {
            canonical: "Alexander Fomin".into(),
            aliases: vec![],
            threshold: 0.85,
        }),
        ..ValueOptions::default()
    };
    let ctx = Context::published(published()).with_options(&options);
    value::normalise(kind, text, &ctx).value
}

fn phrase_of(kind: Kind) -> BoxedStrategy<String> {
    match kind {
        Kind::Count => count_phrase().boxed(),
        Kind::Date => date_phrase().boxed(),
        Kind::Duration => duration_phrase().boxed(),
        Kind::Name => pick(NAMES).prop_map(String::from).boxed(),
        Kind::Place => pick(PLACES).prop_map(String::from).boxed(),
    }
}

fn kind() -> impl Strategy<Value = Kind> {
    proptest::sample::select(Kind::ALL.to_vec())
}

fn pair() -> impl Strategy<Value = (Kind, String, String)> {
    kind().prop_flat_map(|k| (Just(k), phrase_of(k), phrase_of(k)))
}

/// The stated figure (or first stated day) lies in the closure of what the value allows.
fn stated_in_closure(v: &Value) -> bool {
    match v {
        Value::Count(m) | Value::Duration(m) => {
            let i = m.interval;
            let closure = value::Interval {
                low_open: false,
                high_open: false,
                ..i
            };
            closure.contains(m.stated.0) && closure.contains(m.stated.1)
        }
        Value::Date(d) => {
            let allowed = d.allowed();
            let closure = value::Interval {
                low: allowed.low.map(|l| l - 1.0),
                high: allowed.high.map(|h| h + 1.0),
                ..allowed
            };
            let stated = d.stated();
            closure.contains(stated.low.unwrap_or(0.0))
                || closure.contains(stated.high.unwrap_or(0.0))
        }
        Value::Name(_) | Value::Place(_) => true,
    }
}

proptest! {
    #[test]
    fn relate_is_symmetric((k, a, b) in pair(), abs in 0.0f64..10.0, rel in 0.0f64..0.2) {
        let tol = Tolerance { absolute: abs, relative: rel };
        if let (Ok(x), Ok(y)) = (normalise(k, &a), normalise(k, &b)) {
            prop_assert_eq!(x.relate(&y, &tol), y.relate(&x, &tol), "{} / {}", a, b);
            prop_assert_eq!(x.relate(&x, &tol), value::Relation::Same);
        }
    }

    #[test]
    fn generated_phrases_hold_their_stated_figure((k, a, _b) in pair()) {
        if let Ok(v) = normalise(k, &a) {
            prop_assert!(stated_in_closure(&v), "{}: {:?}", a, v);
        }
    }

    #[test]
    fn normalising_twice_gives_the_same_value((k, a, _b) in pair()) {
        prop_assert_eq!(normalise(k, &a), normalise(k, &a));
    }

    #[test]
    fn no_parser_panics_on_any_text(text in "\\PC{0,60}", k in kind()) {
        let _ = normalise(k, &text);
        let _ = value::normalise(k, &text, &Context::default());
    }

    #[test]
    fn no_parser_panics_on_phrase_like_text(
        words in proptest::collection::vec(
            pick(&["more", "than", "two", "years", "ago", "since", "in", "on", "2019", "July",
                   "-", "and", "a", "half", "hour", "Jan.", "12", ",", "last", "fall", "$", "%",
                   "99999999999999999999", "0", "Monday", "of", "hundreds", "in", "ten"]),
            0..8,
        ),
        k in kind(),
    ) {
        let _ = normalise(k, &words.join(" "));
    }
}

proptest! {
    /// Names are compared word run by word run with each written word folded once: that is
    /// right only if folding a run equals folding its words one by one.
    #[test]
    fn folding_a_run_folds_its_words_one_by_one(
        words in proptest::collection::vec("[A-Za-zÀ-ÿǄ-ǌ\u{300}-\u{36f}ßØłİ.'’,-]{1,8}", 1..6)
    ) {
        use claimdiff::value::name::fold;
        let whole = fold(&words.join(" "));
        let parts: Vec<String> = words.iter().map(|w| fold(w)).filter(|f| !f.is_empty()).collect();
        prop_assert_eq!(whole, parts.join(" "));
    }
}
