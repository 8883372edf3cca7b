//! Operator listing filters from the query string: any query is refused or parses to a filter
//! whose canonical query string parses back to the same filter.
#![no_main]

use libfuzzer_sys::fuzz_target;
use multipartner::listing::ListingFilter;
use multipartner::listing::filters::Params;
use multipartner::listing::{AuditFilter, CustomerFilter, InvitationFilter, RelationshipFilter};

macro_rules! round_trips {
    ($filter:ty, $params:expr) => {
        if let Ok(filter) = <$filter>::parse($params) {
            let query = filter.query();
            let again = <$filter>::parse(&Params::parse(&query));
            assert_eq!(again, Ok(filter), "{query}");
        }
    };
}

fuzz_target!(|query: &str| {
    let params = Params::parse(query);
    round_trips!(RelationshipFilter, &params);
    round_trips!(InvitationFilter, &params);
    round_trips!(AuditFilter, &params);
    round_trips!(CustomerFilter, &params);
    let _ = params.after();
});
