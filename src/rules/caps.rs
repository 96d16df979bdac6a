//! Display caps: whether a device still shows a campaign, given how often it was shown (amplify-js
//! `isBelowCap`). The one place a cap is read: `select`, the list's ⊘ and the details use it.

use jiff::ZonedDateTime;

use crate::model::Campaign;
use crate::rules::select::Counts;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CapHit {
    Session,
    Daily,
    Total,
}

impl CapHit {
    pub fn label(self) -> &'static str {
        match self {
            Self::Session => "session cap reached",
            Self::Daily => "daily cap reached",
            Self::Total => "total cap reached",
        }
    }
}

/// A cap a campaign has reached: which, its value, and the count that reached it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CapReached {
    pub hit: CapHit,
    pub cap: i32,
    pub shown: u32,
}

/// A cap of 0 or none is unlimited.
pub fn cap_limit(cap: Option<i32>) -> Option<u32> {
    cap.filter(|c| *c > 0).map(|c| c as u32)
}

/// The first cap reached, checked as the device checks them: session, then daily (one counter
/// for every campaign, reset at the device's midnight), then total. A cap of 0 or none is
/// unlimited; otherwise the count must stay below it, so a negative cap is always reached.
pub fn cap_reached(
    campaign: &Campaign,
    counts: &Counts,
    now: &ZonedDateTime,
) -> Option<CapReached> {
    let caps = [campaign.session_cap, campaign.daily_cap, campaign.total_cap];
    if caps.iter().all(|c| c.is_none_or(|c| c == 0)) {
        return None;
    }
    let shown = counts.shown(campaign.campaign_id.as_deref(), now);
    [
        (CapHit::Session, campaign.session_cap, shown.session),
        (CapHit::Daily, campaign.daily_cap, shown.daily),
        (CapHit::Total, campaign.total_cap, shown.total),
    ]
    .into_iter()
    .find_map(|(hit, cap, shown)| {
        let cap = cap.filter(|c| *c != 0 && i64::from(shown) >= i64::from(*c))?;
        Some(CapReached { hit, cap, shown })
    })
}

/// "session 1 · daily 2 · total 5", or "unlimited".
pub fn caps_summary(campaign: &Campaign) -> String {
    let parts: Vec<String> = [
        ("session", campaign.session_cap),
        ("daily", campaign.daily_cap),
        ("total", campaign.total_cap),
    ]
    .into_iter()
    .filter_map(|(name, cap)| cap_limit(cap).map(|c| format!("{name} {c}")))
    .collect();
    if parts.is_empty() {
        "unlimited".into()
    } else {
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn campaign(
        id: &str,
        session: Option<i32>,
        daily: Option<i32>,
        total: Option<i32>,
    ) -> Campaign {
        Campaign {
            campaign_id: Some(id.into()),
            session_cap: session,
            daily_cap: daily,
            total_cap: total,
            ..Default::default()
        }
    }

    fn now() -> ZonedDateTime {
        "2026-11-24T12:00:00+01:00[+01:00]".parse().unwrap()
    }

    fn hit(c: &Campaign, counts: &Counts) -> Option<CapHit> {
        cap_reached(c, counts, &now()).map(|r| r.hit)
    }

    #[test]
    fn zero_or_absent_is_unlimited() {
        let c = campaign("a", Some(0), None, Some(0));
        let mut counts = Counts::new();
        for _ in 0..100 {
            counts.record("a", &now());
        }
        assert_eq!(hit(&c, &counts), None);
        assert_eq!(caps_summary(&c), "unlimited");
    }

    #[test]
    fn daily_counter_is_shared_between_campaigns() {
        let a = campaign("a", None, Some(2), None);
        let mut counts = Counts::new();
        counts.record("b", &now());
        assert_eq!(hit(&a, &counts), None);
        counts.record("c", &now());
        let reached = cap_reached(&a, &counts, &now()).unwrap();
        assert_eq!(
            (reached.hit, reached.cap, reached.shown),
            (CapHit::Daily, 2, 2)
        );
    }

    #[test]
    fn session_then_total_and_a_new_session_resets_the_first() {
        let a = campaign("a", Some(1), None, Some(2));
        let mut counts = Counts::new();
        assert_eq!(hit(&a, &counts), None);
        counts.record("a", &now());
        assert_eq!(hit(&a, &counts), Some(CapHit::Session));
        counts.start_session();
        assert_eq!(hit(&a, &counts), None);
        counts.record("a", &now());
        counts.start_session();
        assert_eq!(hit(&a, &counts), Some(CapHit::Total));
        assert_eq!(caps_summary(&a), "session 1 · total 2");
    }

    #[test]
    fn a_negative_cap_is_always_reached() {
        let a = campaign("a", None, None, Some(-1));
        assert_eq!(hit(&a, &Counts::new()), Some(CapHit::Total));
    }
}
