//! Every example phrase of the values issue, and every date, duration and name phrase the
//! bundled sample articles use, read through the public `value::normalise` and pinned here:
//! what each becomes, and how the pairs the issue names compare.

use claimdiff::value::{
    self, Context, Kind, NameSpec, Relation, Summary, Tense, Tolerance, Value, ValueOptions,
};

const PUBLISHED: jiff::civil::Date = jiff::civil::Date::constant(2022, 1, 12);

fn read_with(kind: Kind, text: &str, options: &ValueOptions) -> Value {
    let ctx = Context::published(Some(PUBLISHED)).with_options(options);
    value::normalise(kind, text, &ctx)
        .value
        .unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn read(kind: Kind, text: &str) -> Value {
    read_with(kind, text, &ValueOptions::default())
}

fn summary(kind: Kind, text: &str) -> Summary {
    read(kind, text).summary()
}

fn text(s: &Option<value::Scalar>) -> String {
    match s {
        Some(value::Scalar::Text(t)) => t.clone(),
        Some(value::Scalar::Number(x)) => x.to_string(),
        None => "∞".into(),
    }
}

/// (low, high) of a date as ISO days.
fn days(phrase: &str) -> (String, String) {
    let s = summary(Kind::Date, phrase);
    (text(&s.low), text(&s.high))
}

fn figure(phrase: &str) -> f64 {
    match read(Kind::Count, phrase) {
        Value::Count(m) => m.stated.0,
        other => panic!("{other:?}"),
    }
}

#[test]
fn issue_number_words_and_scales() {
    assert_eq!(figure("two and a half million"), 2_500_000.0);
    assert_eq!(figure("a dozen"), 12.0);
    assert_eq!(figure("half a million"), 500_000.0);
    assert_eq!(figure("three hundred and thirty-eight thousand"), 338_000.0);
    assert_eq!(figure("3.5bn"), 3.5e9);
    let s = summary(Kind::Count, "$10 to $15 billion");
    assert_eq!(
        (text(&s.low), text(&s.high)),
        ("10000000000".into(), "15000000000".into())
    );
}

#[test]
fn issue_shares_and_vague_magnitudes() {
    assert_eq!(figure("nine in ten"), 90.0);
    assert_eq!(figure("a quarter"), 25.0);
    let s = summary(Kind::Count, "almost 30 per cent");
    assert_eq!(
        (text(&s.low), text(&s.high), s.high_open),
        ("27".into(), "30".into(), true)
    );
    for (phrase, low, high) in [
        ("hundreds of", "100", "1000"),
        ("thousands of", "1000", "10000"),
        ("tens of thousands of", "10000", "100000"),
    ] {
        let s = summary(Kind::Count, phrase);
        assert_eq!(
            (text(&s.low), text(&s.high)),
            (low.into(), high.into()),
            "{phrase}"
        );
        assert!(s.high_open && s.approx, "{phrase}");
    }
}

#[test]
fn issue_hedges_all_bound_the_figure() {
    let hedges = [
        "more than",
        "over",
        "above",
        "at least",
        "fewer than",
        "under",
        "up to",
        "at most",
        "nearly",
        "almost",
        "just under",
        "close to",
        "about",
        "around",
        "roughly",
        "some",
        "an estimated",
        "approximately",
    ];
    for h in hedges {
        let s = summary(Kind::Count, &format!("{h} 1,000"));
        assert_ne!(s.qualifier, Some(value::Qualifier::Exact), "{h}");
        assert_eq!(s.stated, vec![value::Scalar::Number(1000.0)], "{h}");
    }
}

#[test]
fn issue_absolute_dates() {
    let one = |d: &str| (d.to_string(), d.to_string());
    assert_eq!(days("January 12, 2022"), one("2022-01-12"));
    assert_eq!(days("12 January"), one("2022-01-12"));
    assert_eq!(days("Jan. 12"), one("2022-01-12"));
    assert_eq!(
        days("July 2019"),
        ("2019-07-01".into(), "2019-07-31".into())
    );
    assert_eq!(days("2019"), ("2019-01-01".into(), "2019-12-31".into()));
    assert_eq!(days("mid-2019"), ("2019-05-01".into(), "2019-08-31".into()));
}

#[test]
fn issue_relative_dates() {
    let one = |d: &str| (d.to_string(), d.to_string());
    assert_eq!(days("on Wednesday"), one("2022-01-12"));
    assert_eq!(
        days("last year"),
        ("2021-01-01".into(), "2021-12-31".into())
    );
    assert_eq!(
        days("in October last year"),
        ("2021-10-01".into(), "2021-10-31".into())
    );
    assert_eq!(
        days("last fall"),
        ("2021-09-01".into(), "2021-11-30".into())
    );
    assert_eq!(
        days("this week"),
        ("2022-01-10".into(), "2022-01-16".into())
    );
    assert_eq!(days("the day before"), one("2022-01-11"));
    let s = summary(Kind::Date, "seven years ago");
    assert!(s.approx);
    assert_eq!(s.stated[0], value::Scalar::Text("2015-01-01".into()));
    let s = summary(Kind::Date, "two decades ago");
    assert!(s.approx);
    assert_eq!(s.stated[0], value::Scalar::Text("2002-01-01".into()));
}

#[test]
fn issue_spans_and_since() {
    assert_eq!(
        days("on Sunday and Monday"),
        ("2022-01-09".into(), "2022-01-10".into())
    );
    assert_eq!(
        days("January 9-10"),
        ("2022-01-09".into(), "2022-01-10".into())
    );
    assert_eq!(summary(Kind::Date, "since 2019").display, "since 2019");
}

#[test]
fn issue_granularity_semantics() {
    let t = Tolerance::default();
    let rel = |a: &str, b: &str| read(Kind::Date, a).relate(&read(Kind::Date, b), &t);
    assert_eq!(rel("2019", "July 2019"), Relation::Same);
    assert_eq!(rel("July 2019", "2015"), Relation::Conflict);
    let no_day = value::normalise(Kind::Date, "on Wednesday", &Context::default());
    assert_eq!(
        no_day.value.unwrap_err().reason,
        claimdiff::value::Reason::NoPublicationDate
    );
}

#[test]
fn sample_article_dates() {
    let one = |d: &str| (d.to_string(), d.to_string());
    for (phrase, expected) in [
        ("Wednesday", one("2022-01-12")),
        ("on Jan. 12", one("2022-01-12")),
        ("January 12, 2022", one("2022-01-12")),
        ("on Monday", one("2022-01-10")),
        ("On Jan. 10", one("2022-01-10")),
        // Past tense: a day without a year is the most recent one on or before publication.
        ("on Jan. 13", one("2021-01-13")),
        ("since 2019", ("2019-01-01".into(), "2019-12-31".into())),
        (
            "since July 2019",
            ("2019-07-01".into(), "2019-07-31".into()),
        ),
        ("in July 2019", ("2019-07-01".into(), "2019-07-31".into())),
        ("in 2014", ("2014-01-01".into(), "2014-12-31".into())),
        (
            "In October 2021",
            ("2021-10-01".into(), "2021-10-31".into()),
        ),
        ("in more than two years", ("∞".into(), "2020-01-11".into())),
        ("after 1997", ("1998-01-01".into(), "∞".into())),
    ] {
        assert_eq!(days(phrase), expected, "{phrase}");
    }
    let future = ValueOptions {
        tense: Tense::Future,
        ..ValueOptions::default()
    };
    let thursday = read_with(Kind::Date, "On Thursday", &future).summary();
    assert_eq!(text(&thursday.low), "2022-01-13");
    let jan13 = read_with(Kind::Date, "on Jan. 13", &future).summary();
    assert_eq!(text(&jan13.low), "2022-01-13");
}

#[test]
fn sample_article_last_meeting_statements_agree() {
    let t = Tolerance::default();
    let phrases = [
        "since 2019",
        "since July 2019",
        "in more than two years",
        "in July 2019",
    ];
    for a in phrases {
        for b in phrases {
            let rel = read(Kind::Date, a).relate(&read(Kind::Date, b), &t);
            assert_eq!(rel, Relation::Same, "{a} / {b}");
        }
    }
    let geneva =
        read(Kind::Date, "on Monday").relate(&read(Kind::Date, "On Sunday and Monday"), &t);
    assert_eq!(geneva, Relation::Differ);
    let crimea = read(Kind::Date, "in 2014").relate(&read(Kind::Date, "seven years ago"), &t);
    assert_eq!(crimea, Relation::Same);
}

#[test]
fn issue_durations() {
    let t = Tolerance::default();
    let d = |p: &str| read(Kind::Duration, p);
    let seconds = |p: &str| match d(p) {
        Value::Duration(m) => m.stated.0,
        other => panic!("{other:?}"),
    };
    assert_eq!(seconds("nearly four hours"), 14_400.0);
    assert_eq!(seconds("a four-hour"), 14_400.0);
    assert_eq!(seconds("nearly four-hour"), 14_400.0);
    assert_eq!(seconds("two and a half years"), 2.5 * 365.2425 * 86_400.0);
    assert_eq!(seconds("two decades"), 20.0 * 365.2425 * 86_400.0);
    let more = summary(Kind::Duration, "more than two years");
    assert!(more.low_open && more.high.is_none());
    assert_eq!(
        d("nearly four hours").relate(&d("nearly four-hour"), &t),
        Relation::Same
    );
}

#[test]
fn issue_names_and_titles() {
    let fomin = ValueOptions {
        name: Some(NameSpec {
            canonical: "Alexander Fomin".into(),
            aliases: vec![],
            threshold: 0.85,
        }),
        ..ValueOptions::default()
    };
    let t = Tolerance::default();
    let n = |p: &str| read_with(Kind::Name, p, &fomin);
    assert_eq!(
        n("Alexander formin.").relate(&n("Alexander Fomin"), &t),
        Relation::Differ
    );
    assert_eq!(
        n("Fomin as saying").relate(&n("Alexander Fomin"), &t),
        Relation::Same
    );
    assert_eq!(
        n("Alexander Grushko").relate(&n("Alexander Fomin"), &t),
        Relation::Conflict
    );
    let title = ValueOptions {
        name: Some(NameSpec {
            canonical: "Deputy Secretary of State".into(),
            aliases: vec![],
            threshold: 0.85,
        }),
        ..ValueOptions::default()
    };
    let ti = |p: &str| read_with(Kind::Name, p, &title);
    assert_eq!(
        ti("Deputy Secretary of State").relate(&ti("Deputy State Secretary"), &t),
        Relation::Differ
    );
    assert_eq!(
        ti("U.S. Deputy Secretary of State").relate(&ti("Deputy Secretary of State"), &t),
        Relation::Same
    );
}
