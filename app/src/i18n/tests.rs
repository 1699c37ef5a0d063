use super::*;
use domain::verification::HashVerdict;

#[test]
fn negotiation_prefers_the_query_then_the_cookie_then_the_header() {
    assert_eq!(Lang::negotiate(None, None, None), Lang::ZhCn);
    assert_eq!(
        Lang::negotiate(None, None, Some("en-US,en;q=0.9")),
        Lang::En
    );
    assert_eq!(Lang::negotiate(None, Some("zh-CN"), Some("en")), Lang::ZhCn);
    assert_eq!(Lang::negotiate(Some("en"), Some("zh-CN"), None), Lang::En);
    // Unknown values fall through to the next source.
    assert_eq!(
        Lang::negotiate(Some("fr"), Some("xx"), Some("en")),
        Lang::En
    );
    assert_eq!(Lang::negotiate(None, None, Some("fr-FR, de")), Lang::ZhCn);
}

#[test]
fn accept_language_weights_decide() {
    assert_eq!(
        Lang::from_accept_language("fr;q=1, en;q=0.5, zh;q=0.8"),
        Some(Lang::ZhCn)
    );
    assert_eq!(
        Lang::from_accept_language("zh-CN;q=0, en-GB;q=0.1"),
        Some(Lang::En)
    );
    assert_eq!(
        Lang::from_accept_language("en, zh"),
        Some(Lang::En),
        "ties keep order"
    );
    assert_eq!(Lang::from_accept_language("zh-Hans-CN"), Some(Lang::ZhCn));
    assert_eq!(Lang::from_accept_language(""), None);
    assert_eq!(Lang::from_accept_language("*"), None);
    for lang in Lang::ALL {
        assert_eq!(Lang::parse(lang.tag()), Some(lang));
        assert_eq!(lang.catalog().lang, lang);
    }
}

/// Every text that states a rule's number states the rule's current value: the
/// catalogs format them from the constants (checked by reading every such text in both
/// languages, changing nothing).
#[test]
fn texts_state_the_rules_numbers() {
    let rules = Rules::current();
    assert_eq!(rules.postpaid_cutoff, "2018-09-01");
    for lang in Lang::ALL {
        let c = lang.catalog();
        let features = (c.landing_features)(&rules);
        let sections = (c.guide_sections)(&rules);
        let faq = (c.faq_items)(&rules);
        let summary = |kind| (c.template_summary)(kind, &rules);
        let all = |items: &[(String, String)]| {
            items
                .iter()
                .map(|(a, b)| format!("{a} {b}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        for (kind, limit) in [
            (ContractType::Order, rules.orders),
            (ContractType::Filing, rules.filings),
            (ContractType::Recharge, rules.recharges),
        ] {
            let limit = limit.to_string();
            assert!(summary(kind).contains(&limit), "{lang:?} {kind:?}");
            assert!(all(&features).contains(&limit), "{lang:?} landing");
            assert!(all(&sections).contains(&limit), "{lang:?} guide");
        }
        assert!(all(&sections).contains(&rules.postpaid_cutoff), "{lang:?}");
        assert!(all(&faq).contains(&rules.postpaid_cutoff), "{lang:?}");
        assert!(summary(ContractType::Order).contains(&rules.postpaid_cutoff));
        // Both languages say the same number of things.
        assert_eq!(features.len(), (ZH_CN.landing_features)(&rules).len());
        assert_eq!(sections.len(), (ZH_CN.guide_sections)(&rules).len());
        assert_eq!(faq.len(), (ZH_CN.faq_items)(&rules).len());
        assert_eq!(c.guide_steps.len(), ZH_CN.guide_steps.len());
        let max = domain::verification::MAX_UPLOAD_MIB;
        assert!((c.verify_too_large)(max).contains(&max.to_string()));
    }
}

#[test]
fn english_has_no_chinese_outside_the_language_names() {
    let rules = Rules::current();
    let c = &EN;
    let mut texts: Vec<String> = [
        c.app_name,
        c.brand_public,
        c.nav_label,
        c.nav_guide,
        c.nav_templates,
        c.nav_faq,
        c.nav_verify,
        c.nav_console,
        c.language_label,
        c.footer,
        c.landing_title,
        c.landing_description,
        c.landing_heading,
        c.landing_lead,
        c.landing_cta_console,
        c.landing_cta_guide,
        c.landing_features_label,
        c.guide_title,
        c.guide_description,
        c.guide_intro,
        c.guide_diagram_title,
        c.guide_diagram_caption,
        c.templates_title,
        c.templates_description,
        c.templates_intro,
        c.template_version,
        c.template_view,
        c.faq_title,
        c.faq_description,
        c.not_found_title,
        c.not_found_body,
        c.not_found_home,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for (a, b) in (c.landing_features)(&rules)
        .into_iter()
        .chain((c.guide_sections)(&rules))
        .chain((c.faq_items)(&rules))
    {
        texts.push(a);
        texts.push(b);
    }
    texts.push((c.verify_too_large)(10));
    for verdict in [
        HashVerdict::Genuine,
        HashVerdict::NoLongerEffective,
        HashVerdict::Draft,
        HashVerdict::NoMatch,
    ] {
        texts.push((c.verdict)(verdict).into());
    }
    for verdict in domain::verification::SignatureVerdict::ALL {
        texts.push((c.signature_check)(verdict).into());
    }
    for level in domain::verification::SealLevel::ALL {
        texts.push((c.seal_level)(level).into());
    }
    for kind in ContractType::ALL {
        texts.push((c.contract_type)(kind).into());
        texts.push((c.template_summary)(kind, &rules));
    }
    for text in texts {
        assert!(
            !text
                .chars()
                .any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)),
            "{text}"
        );
    }
}
