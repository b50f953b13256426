//! The locales agree: every file parses, both languages hold the same message ids with the
//! same arguments, and every id the Rust code names exists and formats.

use super::bundles::{check, sources};
use super::{Lang, Msg, T};
use fluent_syntax::ast;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Message id → the variables it uses (`$count`, …), of one language.
type Messages = BTreeMap<String, BTreeSet<String>>;

fn messages(lang: Lang) -> Messages {
    let mut out = Messages::new();
    for (area, source) in sources(lang) {
        let resource = fluent_syntax::parser::parse(*source).unwrap_or_else(|(_, errors)| {
            panic!("{}/{area}.ftl does not parse: {errors:?}", lang.tag())
        });
        for entry in resource.body {
            match entry {
                ast::Entry::Message(m) => {
                    let mut vars = BTreeSet::new();
                    for p in m.value.iter().chain(m.attributes.iter().map(|a| &a.value)) {
                        pattern_vars(p, &mut vars);
                    }
                    let id = m.id.name.to_owned();
                    assert!(
                        out.insert(id.clone(), vars).is_none(),
                        "{} holds {id} twice",
                        lang.tag()
                    );
                }
                ast::Entry::Junk { content } => {
                    panic!("{}/{area}.ftl holds junk: {content}", lang.tag())
                }
                _ => {}
            }
        }
    }
    out
}

fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &p.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        ast::Expression::Inline(i) => inline_vars(i, vars),
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. }
        | ast::InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for a in &arguments.positional {
                inline_vars(a, vars);
            }
            for a in &arguments.named {
                inline_vars(&a.value, vars);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

#[test]
fn every_language_holds_the_same_messages_with_the_same_arguments() {
    let first = messages(Lang::ALL[0]);
    assert!(first.len() > 600, "only {} messages", first.len());
    for lang in &Lang::ALL[1..] {
        let other = messages(*lang);
        let missing: Vec<_> = first.keys().filter(|id| !other.contains_key(*id)).collect();
        let extra: Vec<_> = other.keys().filter(|id| !first.contains_key(*id)).collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", lang.tag());
        assert!(extra.is_empty(), "{} adds {extra:?}", lang.tag());
        for (id, vars) in &first {
            assert_eq!(
                &other[id],
                vars,
                "{id}: the arguments differ in {}",
                lang.tag()
            );
        }
    }
}

#[test]
fn every_ftl_file_on_disk_is_embedded_in_every_language() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    for lang in Lang::ALL {
        let embedded: BTreeSet<String> = sources(lang)
            .iter()
            .map(|(a, _)| format!("{a}.ftl"))
            .collect();
        let on_disk: BTreeSet<String> = std::fs::read_dir(root.join(lang.tag()))
            .expect("a folder per language")
            .map(|e| {
                e.expect("a readable entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|name| name.ends_with(".ftl"))
            .collect();
        assert_eq!(embedded, on_disk, "{}", lang.tag());
    }
}

/// Every id written in the Rust sources as a fixed text (`T` of a string literal) or as the
/// first argument of `Msg::with`, with the file naming it and whether it is a fixed text. This
/// file is left out: it names a missing message on purpose.
fn ids_in_rust() -> Vec<(String, String, bool)> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("a readable source folder") {
            let path = entry.expect("a readable entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with("i18n/tests.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("a readable source file");
            for (needle, fixed) in [("T(\"", true), ("Msg::with(\"", false)] {
                for (at, _) in text.match_indices(needle) {
                    // A fixed text may follow `(` or a space, but a longer name ending in T
                    // is something else.
                    let before = text[..at].chars().next_back();
                    if fixed && before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    let rest = &text[at + needle.len()..];
                    let id = &rest[..rest.find('"').expect("a closed string")];
                    out.push((id.to_owned(), path.display().to_string(), fixed));
                }
            }
        }
    }
    out
}

#[test]
fn every_message_the_code_names_exists_in_every_language() {
    let ids = ids_in_rust();
    assert!(
        ids.len() > 600,
        "only {} ids found in the sources",
        ids.len()
    );
    for lang in Lang::ALL {
        let known = messages(lang);
        for (id, file, fixed) in &ids {
            let Some(vars) = known.get(id) else {
                panic!("{file} names {id}, which {} lacks", lang.tag());
            };
            if *fixed {
                assert!(
                    vars.is_empty(),
                    "{file}: the fixed text {id} takes {vars:?}"
                );
                check(lang, id, None).unwrap_or_else(|e| panic!("{id} in {}: {e}", lang.tag()));
            }
        }
    }
}

#[test]
fn a_fixed_text_reads_in_each_language() {
    let t = super::texts::errors::NOT_FOUND;
    assert_eq!(t.get(Lang::Zh), "找不到该页面或记录。");
    assert_eq!(t.get(Lang::En), "That page or record does not exist.");
    assert_eq!(T("no-such-message").get(Lang::En), "no-such-message");
}

#[test]
fn an_english_count_takes_its_plural_and_arguments_carry_no_isolation_marks() {
    let sessions = |n: i64| {
        Msg::with(
            "allocation-notice-won",
            [("count", n.into()), ("list", vec!["A-1".to_owned()].into())],
        )
    };
    let one = sessions(1).get(Lang::En);
    let three = sessions(3).get(Lang::En);
    assert!(one.contains("1 session:"), "{one}");
    assert!(three.contains("3 sessions:"), "{three}");
    assert!(
        !three.contains('\u{2068}') && !three.contains('\u{2069}'),
        "{three:?}"
    );
    assert!(sessions(3).get(Lang::Zh).contains("您获得 3 场"));
}

#[test]
fn a_stored_message_reads_back_in_either_language() {
    let m = Msg::with(
        "applications-notice-decided",
        [
            ("market", "城南夜市".into()),
            ("from", "2026-06-01".into()),
            ("to", "2026-06-30".into()),
            ("status", super::texts::applications::APPROVED.into()),
            ("reason", "".into()),
        ],
    );
    let back = Msg::stored(m.id().to_owned(), &m.args_json().to_string());
    for lang in Lang::ALL {
        assert_eq!(back.get(lang), m.get(lang));
    }
    assert!(
        m.get(Lang::En).ends_with("to 2026-06-30): Approved."),
        "{}",
        m.get(Lang::En)
    );
}

#[test]
fn accept_language_prefers_the_highest_quality_known_language() {
    use super::from_accept_language;
    assert_eq!(from_accept_language("en-US,en;q=0.9,zh-CN;q=0.8"), Lang::En);
    assert_eq!(from_accept_language("fr,zh-CN;q=0.5,en;q=0.4"), Lang::Zh);
    assert_eq!(from_accept_language("de"), Lang::Zh);
    assert_eq!(from_accept_language(""), Lang::Zh);
}

#[test]
fn a_login_refusal_names_the_wait_in_seconds_or_whole_minutes() {
    use super::texts::locked_out;
    assert_eq!(
        locked_out(11).get(Lang::Zh),
        "登录尝试次数过多，请 11 秒后再试。"
    );
    assert_eq!(
        locked_out(1).get(Lang::En),
        "Too many login attempts. Try again in one second."
    );
    assert_eq!(
        locked_out(61).get(Lang::Zh),
        "登录尝试次数过多，请 2 分钟后再试。"
    );
    assert_eq!(
        locked_out(900).get(Lang::En),
        "Too many login attempts. Try again in 15 minutes."
    );
}
