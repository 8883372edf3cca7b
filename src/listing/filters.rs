//! Listing filters, decoded from query parameters into typed values. Blank parameters mean
//! "no filter" (an empty form field); malformed ones are an error the page explains (400).

use chrono::NaiveDate;

use crate::domain::{
    AuditAction, FreeText, InvitationState, RecordId, RelationshipState, RelationshipType,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("invalid filter: {0}")]
pub struct FilterError(pub &'static str);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// Newest first (the default).
    #[default]
    Desc,
    Asc,
}

impl Order {
    pub fn as_str(self) -> &'static str {
        match self {
            Order::Desc => "desc",
            Order::Asc => "asc",
        }
    }
}

/// The query string as pairs; later duplicates are ignored.
pub struct Params<'a>(Vec<(std::borrow::Cow<'a, str>, std::borrow::Cow<'a, str>)>);

impl<'a> Params<'a> {
    pub fn parse(query: &'a str) -> Params<'a> {
        Params(url::form_urlencoded::parse(query.as_bytes()).collect())
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    fn id(&self, name: &str, error: &'static str) -> Result<Option<i64>, FilterError> {
        self.get(name)
            .map(|v| {
                v.parse::<RecordId>()
                    .map(RecordId::get)
                    .map_err(|_| FilterError(error))
            })
            .transpose()
    }

    fn date(&self, name: &str) -> Result<Option<NaiveDate>, FilterError> {
        self.get(name)
            .map(|v| {
                NaiveDate::parse_from_str(v, "%Y-%m-%d")
                    .map_err(|_| FilterError("listing-error-date"))
            })
            .transpose()
    }

    fn order(&self) -> Result<Order, FilterError> {
        match self.get("order") {
            None | Some("desc") => Ok(Order::Desc),
            Some("asc") => Ok(Order::Asc),
            Some(_) => Err(FilterError("listing-error-order")),
        }
    }

    fn parsed<T: std::str::FromStr>(
        &self,
        name: &str,
        error: &'static str,
    ) -> Result<Option<T>, FilterError> {
        self.get(name)
            .map(|v| v.parse::<T>().map_err(|_| FilterError(error)))
            .transpose()
    }

    /// Search text, lowercased (names are matched as lowercase prefixes), at most 100
    /// characters and free of misleading characters.
    fn search(&self, name: &str, error: &'static str) -> Result<Option<String>, FilterError> {
        // Lowercase before measuring: some characters grow ('İ' becomes two), and the stored
        // form must pass this same check when a next-page link brings it back.
        match self.get(name).map(|q| q.to_lowercase()) {
            None => Ok(None),
            Some(q) => FreeText::<100>::optional(&q)
                .map(|q| q.map(String::from))
                .map_err(|_| FilterError(error)),
        }
    }

    /// The partner filter: `partner` (an id, from links) or `partner_name` (typed).
    fn partner(&self) -> Result<(Option<i64>, Option<String>), FilterError> {
        Ok((
            self.id("partner", "listing-error-partner")?,
            self.search("partner_name", "listing-error-partner-name")?,
        ))
    }

    /// The raw cursor text (validated by the codec, not here).
    pub fn after(&self) -> Option<String> {
        self.get("after").map(str::to_owned)
    }
}

fn date_range(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<(), FilterError> {
    match (from, to) {
        (Some(f), Some(t)) if f > t => Err(FilterError("listing-error-date-range")),
        _ => Ok(()),
    }
}

/// Builds a query string from the set filters (for links that keep them).
struct Query(Vec<(&'static str, String)>);

impl Query {
    fn new() -> Query {
        Query(Vec::new())
    }
    fn opt(mut self, name: &'static str, value: Option<impl ToString>) -> Query {
        if let Some(v) = value {
            self.0.push((name, v.to_string()));
        }
        self
    }
    /// The partner filter: its id once known, else the name typed.
    fn partner(self, id: Option<i64>, name: &Option<String>) -> Query {
        self.opt("partner", id).opt(
            "partner_name",
            id.is_none().then_some(name.as_deref()).flatten(),
        )
    }
    fn order(self, order: Order) -> Query {
        if order == Order::Asc {
            self.opt("order", Some("asc"))
        } else {
            self
        }
    }
    fn finish(self) -> String {
        url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(self.0)
            .finish()
    }
}

/// A listing's filter: parsed from the query string into typed values, and written back as
/// a canonical query string for links that keep it (next page, CSV export).
pub trait ListingFilter: Sized {
    fn parse(p: &Params<'_>) -> Result<Self, FilterError>;
    fn query(&self) -> String;
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RelationshipFilter {
    pub partner: Option<i64>,
    /// A partner's name as typed, until it is resolved to `partner`.
    pub partner_name: Option<String>,
    pub kind: Option<RelationshipType>,
    pub state: Option<RelationshipState>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub order: Order,
}

impl RelationshipFilter {
    /// Whether the filter form shows this type as chosen.
    pub fn has_kind(&self, kind: &RelationshipType) -> bool {
        self.kind == Some(*kind)
    }

    pub fn has_state(&self, state: &RelationshipState) -> bool {
        self.state == Some(*state)
    }
}

impl ListingFilter for RelationshipFilter {
    fn parse(p: &Params<'_>) -> Result<Self, FilterError> {
        let (partner, partner_name) = p.partner()?;
        let f = RelationshipFilter {
            partner,
            partner_name,
            kind: p.parsed("type", "listing-error-type")?,
            state: p.parsed("state", "listing-error-state")?,
            from: p.date("from")?,
            to: p.date("to")?,
            order: p.order()?,
        };
        date_range(f.from, f.to)?;
        Ok(f)
    }

    fn query(&self) -> String {
        Query::new()
            .partner(self.partner, &self.partner_name)
            .opt("type", self.kind.map(|k| k.as_str()))
            .opt("state", self.state.map(|s| s.as_str()))
            .opt("from", self.from)
            .opt("to", self.to)
            .order(self.order)
            .finish()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InvitationFilter {
    pub partner: Option<i64>,
    /// A partner's name as typed, until it is resolved to `partner`.
    pub partner_name: Option<String>,
    pub state: Option<InvitationState>,
    pub order: Order,
}

impl InvitationFilter {
    /// Whether the filter form shows this state as chosen.
    pub fn has_state(&self, state: &InvitationState) -> bool {
        self.state == Some(*state)
    }
}

impl ListingFilter for InvitationFilter {
    fn parse(p: &Params<'_>) -> Result<Self, FilterError> {
        let (partner, partner_name) = p.partner()?;
        Ok(InvitationFilter {
            partner,
            partner_name,
            state: p.parsed("state", "listing-error-state")?,
            order: p.order()?,
        })
    }

    fn query(&self) -> String {
        Query::new()
            .partner(self.partner, &self.partner_name)
            .opt("state", self.state.map(|s| s.as_str()))
            .order(self.order)
            .finish()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub actor_tenant: Option<i64>,
    pub action: Option<AuditAction>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub order: Order,
}

impl AuditFilter {
    /// Whether the filter form shows this action as chosen.
    pub fn has_action(&self, action: &AuditAction) -> bool {
        self.action == Some(*action)
    }
}

impl ListingFilter for AuditFilter {
    fn parse(p: &Params<'_>) -> Result<Self, FilterError> {
        let f = AuditFilter {
            actor_tenant: p.id("tenant", "listing-error-tenant")?,
            action: p.parsed("action", "listing-error-action")?,
            from: p.date("from")?,
            to: p.date("to")?,
            order: p.order()?,
        };
        date_range(f.from, f.to)?;
        Ok(f)
    }

    fn query(&self) -> String {
        Query::new()
            .opt("tenant", self.actor_tenant)
            .opt("action", self.action.map(|a| a.as_str()))
            .opt("from", self.from)
            .opt("to", self.to)
            .order(self.order)
            .finish()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerFilter {
    /// At least this many active partners (1–100).
    pub min_partners: Option<i32>,
    /// Customers of this partner (active relationship).
    pub partner: Option<i64>,
    /// A partner's name as typed, until it is resolved to `partner`.
    pub partner_name: Option<String>,
    /// A name prefix, or a domain prefix when it contains a dot.
    pub q: Option<String>,
}

impl CustomerFilter {
    /// Searching by domain (the query has a dot) lists in domain order instead of name order.
    pub fn by_domain(&self) -> bool {
        self.q.as_deref().is_some_and(|q| q.contains('.'))
    }
}

impl ListingFilter for CustomerFilter {
    fn parse(p: &Params<'_>) -> Result<Self, FilterError> {
        let min_partners = p
            .parsed::<i32>("min_partners", "listing-error-min-partners")?
            .map(|n| {
                if (1..=100).contains(&n) {
                    Ok(n)
                } else {
                    Err(FilterError("listing-error-min-partners"))
                }
            })
            .transpose()?;
        let (partner, partner_name) = p.partner()?;
        Ok(CustomerFilter {
            min_partners,
            partner,
            partner_name,
            q: p.search("q", "listing-error-search")?,
        })
    }

    fn query(&self) -> String {
        Query::new()
            .opt("min_partners", self.min_partners)
            .partner(self.partner, &self.partner_name)
            .opt("q", self.q.as_deref())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationship_filters_parse_and_round_trip() {
        let q = "partner=7&type=indirect_reseller&state=active&from=2026-01-01&to=2026-02-01&order=asc&junk=1";
        let f = RelationshipFilter::parse(&Params::parse(q)).unwrap();
        assert_eq!(f.partner, Some(7));
        assert_eq!(f.kind, Some(RelationshipType::IndirectReseller));
        assert_eq!(f.order, Order::Asc);
        assert_eq!(
            RelationshipFilter::parse(&Params::parse(&f.query())).unwrap(),
            f
        );
        // Blank fields are no filter.
        assert_eq!(
            RelationshipFilter::parse(&Params::parse("partner=&type=&state=&from=&to=")).unwrap(),
            RelationshipFilter::default()
        );
    }

    #[test]
    fn malformed_filters_are_refused_with_a_reason() {
        let bad = |q: &str| RelationshipFilter::parse(&Params::parse(q)).unwrap_err().0;
        assert_eq!(bad("partner=abc"), "listing-error-partner");
        assert_eq!(bad("partner=-3"), "listing-error-partner");
        assert_eq!(bad("type=wizard"), "listing-error-type");
        assert_eq!(bad("state=%27%3B--"), "listing-error-state");
        assert_eq!(bad("from=2026-13-01"), "listing-error-date");
        assert_eq!(
            bad("from=2026-02-01&to=2026-01-01"),
            "listing-error-date-range"
        );
        assert_eq!(bad("order=sideways"), "listing-error-order");
        let audit = |q: &str| AuditFilter::parse(&Params::parse(q)).unwrap_err().0;
        assert_eq!(audit("action=DROP%20TABLE"), "listing-error-action");
        let customers = |q: &str| CustomerFilter::parse(&Params::parse(q)).unwrap_err().0;
        assert_eq!(customers("min_partners=0"), "listing-error-min-partners");
        assert_eq!(customers("min_partners=101"), "listing-error-min-partners");
        assert_eq!(
            customers(&format!("q={}", "x".repeat(101))),
            "listing-error-search"
        );
        let invitations = |q: &str| InvitationFilter::parse(&Params::parse(q)).unwrap_err().0;
        assert_eq!(invitations("state=maybe"), "listing-error-state");
    }

    #[test]
    fn customer_search_picks_name_or_domain_order() {
        let f = CustomerFilter::parse(&Params::parse("q=Contoso")).unwrap();
        assert_eq!(f.q.as_deref(), Some("contoso"));
        assert!(!f.by_domain());
        let f = CustomerFilter::parse(&Params::parse("q=contoso.partner")).unwrap();
        assert!(f.by_domain());
    }

    /// Every accepted search survives its own next-page link, even where lowercasing makes
    /// the text longer (a review against the `listing_filters` fuzz invariant found this).
    #[test]
    fn accepted_searches_round_trip_through_their_query() {
        for q in [
            "İ".repeat(51),
            "İ".repeat(100),
            "Straße".into(),
            "ΣΊΣΥΦΟΣ".into(),
        ] {
            let query = format!(
                "q={}",
                url::form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>()
            );
            if let Ok(filter) = CustomerFilter::parse(&Params::parse(&query)) {
                assert_eq!(
                    CustomerFilter::parse(&Params::parse(&filter.query())),
                    Ok(filter),
                    "{q}"
                );
            }
        }
        // 51 dotted capitals lowercase to 102 characters: refused up front, not on page two.
        assert!(
            CustomerFilter::parse(&Params::parse(&format!("q={}", "%C4%B0".repeat(51)))).is_err()
        );
    }
}
