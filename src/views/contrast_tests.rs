//! The focus ring is visible on every surface it can be drawn over: WCAG 1.4.11 asks for a 3:1
//! contrast between a focus indicator and its adjacent colours. The ring sits `outline-offset`
//! away from the focused element, so what lies next to it is the background of the surface
//! around the element: the page, the header's panel, the notice, guarantee and flash boxes.
//! Computed from the values in static/app.css, so a change of colour there is checked here.

const CSS: &str = include_str!("../../static/app.css");

/// The declarations of the first rule whose selector list is exactly `selector`.
fn rule(selector: &str) -> &'static str {
    let mut rest = CSS;
    while let Some(open) = rest.find('{') {
        let head = rest[..open].rsplit(['}', '/']).next().unwrap_or("").trim();
        let close = open + rest[open..].find('}').expect("closed rule");
        if head == selector {
            return &rest[open + 1..close];
        }
        rest = &rest[close + 1..];
    }
    panic!("no rule for {selector} in app.css")
}

/// The value of `property` in `declarations`, with `var(--x)` resolved from `:root`.
fn value(declarations: &str, property: &str) -> String {
    let found = declarations
        .split(';')
        .find_map(|d| {
            let (name, value) = d.split_once(':')?;
            (name.trim() == property).then(|| value.trim().to_owned())
        })
        .unwrap_or_else(|| panic!("no {property} in {declarations}"));
    match found.strip_prefix("var(").and_then(|v| v.strip_suffix(')')) {
        Some(var) => value(rule(":root"), var),
        None => found,
    }
}

/// The first `#rrggbb` in `text`.
fn hex(text: &str) -> [u8; 3] {
    let start = text
        .find('#')
        .unwrap_or_else(|| panic!("no colour in {text}"));
    let digits = &text[start + 1..start + 7];
    let byte = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).expect("hex colour");
    [byte(0), byte(2), byte(4)]
}

/// WCAG 2.x relative luminance.
fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[test]
fn contrast_formula_matches_wcag_examples() {
    assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 0.01);
    // The old ring, #f0a800 on white: about 2:1.
    assert!((contrast([0xf0, 0xa8, 0x00], [255, 255, 255]) - 2.04).abs() < 0.01);
}

#[test]
fn focus_ring_has_three_to_one_against_every_surface_it_touches() {
    let focus = rule(":focus-visible");
    let ring = hex(&value(focus, "outline"));
    assert!(
        value(focus, "outline").starts_with("3px"),
        "a ring at least 3px thick"
    );
    assert_eq!(
        value(focus, "outline-offset"),
        "2px",
        "the ring stands off the element, over the background around it"
    );
    let surfaces = [
        ("page", value(rule(":root"), "--bg")),
        (
            "panel (header, table headings)",
            value(rule(":root"), "--panel"),
        ),
        (".notice", value(rule(".notice"), "background")),
        (".guarantee", value(rule(".guarantee"), "background")),
        (".flash", value(rule(".flash"), "background")),
    ];
    for (name, background) in surfaces {
        let ratio = contrast(ring, hex(&background));
        assert!(
            ratio >= 3.0,
            "focus ring {ring:?} on {name} {background}: {ratio:.2}:1, WCAG 1.4.11 asks for 3:1"
        );
    }
    // The error summary, focused by the page itself after a failed submit, gets the same ring.
    assert_eq!(hex(&value(rule(".error-summary:focus"), "outline")), ring);
}
