//! The wizard inside an intranet page's frame (`embed=1`): it takes the page's theme and tells
//! the page how tall it is, so the frame never shows a scroll bar of its own.
//!
//! `public/embed.js` frames the wizard as `/?embed=1&host=<the page's origin>&accent=..`. The
//! height goes to `window.parent` with the `host` origin as the target, so the browser delivers
//! it to that origin only; the loader, for its part, accepts it only from its own frame.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::route::Navigator;

/// The `type` of the message that carries the wizard's height; `public/embed.js` expects it.
const HEIGHT_MESSAGE: &str = "signpost:height";

/// Applies the embedding page's theme, and reports the wizard's height to the page that named
/// itself as `host`, when the address says the wizard is embedded. Does nothing otherwise.
pub fn fit_to_host(nav: Navigator) {
    if !nav.with(|r| r.embed) {
        return;
    }
    apply_theme(&Theme::from_params(|name| nav.page_param(name)));
    if let Some(host) = nav.page_param("host").filter(|h| is_origin(h)) {
        report_height_to(host);
    }
}

/// Theme values from the address, each kept only if it is safe and readable.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Theme {
    /// `--sp-accent`, as `#rrggbb`.
    pub accent: Option<String>,
    /// `--sp-font`, a font-family list.
    pub font: Option<String>,
    /// `--sp-radius`, in `px` or `rem`.
    pub radius: Option<String>,
}

impl Theme {
    /// Reads `accent`, `font` and `radius` through `param` and drops any value that fails its
    /// check, so the default from `style/main.css` stays in its place.
    pub fn from_params(param: impl Fn(&str) -> Option<String>) -> Theme {
        Theme {
            accent: param("accent").as_deref().and_then(readable_accent),
            font: param("font").as_deref().and_then(font_family),
            radius: param("radius").as_deref().and_then(radius),
        }
    }

    fn properties(&self) -> [(&'static str, Option<&str>); 3] {
        [
            ("--sp-accent", self.accent.as_deref()),
            ("--sp-font", self.font.as_deref()),
            ("--sp-radius", self.radius.as_deref()),
        ]
    }
}

/// The text on the accent colour (`--sp-accent-text` in `style/main.css`), which the accent must
/// stand out from.
const ACCENT_TEXT: Rgb = Rgb(0xff, 0xff, 0xff);

/// WCAG 2.x level AA for normal text.
const MIN_CONTRAST: f64 = 4.5;

/// A colour in sRGB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rgb` or `#rrggbb`, and nothing else (no names, no `rgb()`, no alpha).
    pub fn parse_hex(text: &str) -> Option<Rgb> {
        let hex = text.strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize| u8::from_str_radix(&hex[i..=i], 16).ok();
        match hex.len() {
            3 => Some(Rgb(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
            6 => {
                let pair = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
                Some(Rgb(pair(0)?, pair(2)?, pair(4)?))
            }
            _ => None,
        }
    }

    /// WCAG 2.x relative luminance: 0 for black, 1 for white.
    pub fn relative_luminance(self) -> f64 {
        let linear = |channel: u8| {
            let c = f64::from(channel) / 255.0;
            match c <= 0.04045 {
                true => c / 12.92,
                false => ((c + 0.055) / 1.055).powf(2.4),
            }
        };
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }

    fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// WCAG 2.x contrast ratio of two colours, from 1 (the same) to 21 (black on white).
pub fn contrast_ratio(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.relative_luminance(), b.relative_luminance());
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The accent as `#rrggbb`, if it is a hex colour that the accent text keeps AA contrast on.
pub fn readable_accent(text: &str) -> Option<String> {
    let accent = Rgb::parse_hex(text.trim())?;
    (contrast_ratio(accent, ACCENT_TEXT) >= MIN_CONTRAST).then(|| accent.to_hex())
}

/// A corner radius of up to 32px or 2rem, such as `4px` or `0.5rem`.
pub fn radius(text: &str) -> Option<String> {
    let text = text.trim();
    let (number, max) = match (text.strip_suffix("px"), text.strip_suffix("rem")) {
        (Some(number), _) => (number, 32.0),
        (_, Some(number)) => (number, 2.0),
        _ => return None,
    };
    let plain = !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && number.bytes().filter(|&b| b == b'.').count() <= 1;
    let value: f64 = number.parse().ok().filter(|_| plain)?;
    (value <= max).then(|| text.to_owned())
}

/// A font-family list made of letters, digits, spaces, commas, hyphens and quotes only, so it
/// can neither end the declaration nor call a function such as `url()`.
pub fn font_family(text: &str) -> Option<String> {
    let text = text.trim();
    let allowed = |c: char| c.is_alphanumeric() || matches!(c, ' ' | ',' | '-' | '\'' | '"');
    (!text.is_empty() && text.chars().count() <= 200 && text.chars().all(allowed))
        .then(|| text.to_owned())
}

/// Whether `text` is a plain `http(s)://host[:port]` origin: never `*` or `/`, which would send
/// the height to any page or to the wizard itself.
pub fn is_origin(text: &str) -> bool {
    let Some(authority) = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
    else {
        return false;
    };
    !authority.is_empty()
        && authority
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
}

/// Sets the theme as custom properties on the root element, through the CSSOM, which the
/// Content-Security-Policy allows where a `style` attribute would not be; removes them again when
/// the guide goes away.
fn apply_theme(theme: &Theme) {
    let Some(style) = root_style() else {
        return;
    };
    for (property, value) in theme.properties() {
        if let Some(value) = value {
            let _ = style.set_property(property, value);
        }
    }
    let set: Vec<&'static str> = theme
        .properties()
        .into_iter()
        .filter(|(_, v)| v.is_some())
        .map(|(p, _)| p)
        .collect();
    on_cleanup(move || {
        if let Some(style) = root_style() {
            for property in set {
                let _ = style.remove_property(property);
            }
        }
    });
}

fn root_style() -> Option<web_sys::CssStyleDeclaration> {
    let root = document().document_element()?;
    Some(root.dyn_into::<web_sys::HtmlElement>().ok()?.style())
}

/// Posts `{ type: "signpost:height", height }` to the parent window, addressed to `host` only,
/// now and whenever the document's height changes.
fn report_height_to(host: String) {
    let Ok(Some(parent)) = window().parent() else {
        return;
    };
    if JsValue::from(&parent) == JsValue::from(window()) {
        return;
    }
    let Some(root) = document().document_element() else {
        return;
    };
    let observed = root.clone();
    let mut last = None;
    // The observer calls back once when it starts observing, then on every change of size.
    let callback = Closure::<dyn FnMut()>::new(move || {
        let height = observed.get_bounding_client_rect().height().ceil();
        if last == Some(height) {
            return;
        }
        last = Some(height);
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
        let _ = parent.post_message(&message, &host);
    });
    let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) else {
        return;
    };
    observer.observe(&root);
    // Kept until the guide goes away: cleanups run before stored values are dropped, so the
    // observer stops before its callback is freed.
    let kept = StoredValue::new_local((observer, callback));
    on_cleanup(move || {
        kept.try_with_value(|(observer, _)| observer.disconnect());
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_ratio_matches_the_wcag_extremes_and_a_known_pair() {
        let (black, white) = (Rgb(0, 0, 0), Rgb(255, 255, 255));
        assert!((contrast_ratio(black, white) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio(white, white) - 1.0).abs() < 1e-9);
        assert_eq!(contrast_ratio(black, white), contrast_ratio(white, black));
        // #767676 on white is the well-known lightest grey that passes AA: 4.54:1.
        let grey = contrast_ratio(Rgb(0x76, 0x76, 0x76), white);
        assert!((grey - 4.54).abs() < 0.01, "{grey}");
    }

    #[test]
    fn an_accent_that_white_text_is_readable_on_is_kept_in_long_form() {
        assert_eq!(readable_accent("#0b5cad").as_deref(), Some("#0b5cad"));
        assert_eq!(readable_accent("#7A1F5C").as_deref(), Some("#7a1f5c"));
        assert_eq!(readable_accent("#036").as_deref(), Some("#003366"));
        assert_eq!(readable_accent("#767676").as_deref(), Some("#767676"));
    }

    #[test]
    fn an_accent_too_light_for_white_text_is_ignored() {
        assert_eq!(readable_accent("#777777"), None);
        assert_eq!(readable_accent("#ffcc00"), None);
        assert_eq!(readable_accent("#fff"), None);
    }

    #[test]
    fn an_accent_in_any_form_but_hex_is_ignored() {
        for bad in [
            "navy",
            "0b5cad",
            "#0b5cad80",
            "#0b5c",
            "#ggg",
            "rgb(0,0,0)",
            "#0b5cad;color:red",
            "",
        ] {
            assert_eq!(readable_accent(bad), None, "{bad}");
        }
    }

    #[test]
    fn radius_takes_small_px_or_rem_lengths_only() {
        assert_eq!(radius("4px").as_deref(), Some("4px"));
        assert_eq!(radius("0.5rem").as_deref(), Some("0.5rem"));
        assert_eq!(radius("0px").as_deref(), Some("0px"));
        for bad in [
            "4",
            "4em",
            "33px",
            "3rem",
            "-4px",
            "1.2.3px",
            "px",
            "4px;",
            "calc(4px)",
            "1e1px",
        ] {
            assert_eq!(radius(bad), None, "{bad}");
        }
    }

    #[test]
    fn font_takes_family_lists_but_nothing_that_could_leave_the_declaration() {
        assert_eq!(
            font_family("Georgia, serif").as_deref(),
            Some("Georgia, serif")
        );
        assert_eq!(
            font_family("\"Open Sans\", sans-serif").as_deref(),
            Some("\"Open Sans\", sans-serif")
        );
        for bad in [
            "",
            "serif; color: red",
            "x}body{",
            "url(https://evil.example/f)",
            "a\\62",
            "a/b",
        ] {
            assert_eq!(font_family(bad), None, "{bad}");
        }
    }

    #[test]
    fn host_must_be_a_plain_origin_never_a_wildcard() {
        assert!(is_origin("https://intranet.example.edu"));
        assert!(is_origin("http://127.0.0.1:8096"));
        for bad in [
            "*",
            "/",
            "",
            "https://",
            "intranet.example.edu",
            "https://a.example/path",
            "javascript:x",
            "null",
        ] {
            assert!(!is_origin(bad), "{bad}");
        }
    }

    #[test]
    fn theme_keeps_the_good_values_and_drops_the_rest() {
        let theme = Theme::from_params(|name| match name {
            "accent" => Some("#ffff00".into()),
            "font" => Some("Georgia, serif".into()),
            "radius" => Some("4px".into()),
            _ => None,
        });
        assert_eq!(
            theme,
            Theme {
                accent: None,
                font: Some("Georgia, serif".into()),
                radius: Some("4px".into())
            }
        );
    }
}
