//! Display caps: how often a device still shows a campaign, given the displays recorded so far.

use std::collections::HashMap;

use crate::model::Campaign;

/// Displays recorded in this session of pinview, standing in for a device's own counters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Displays {
    /// One counter shared by every campaign, as Amplify keeps it.
    pub today: u32,
    /// Per campaign: (this session, all time). A session and "all time" coincide in pinview.
    pub per_campaign: HashMap<String, u32>,
}

impl Displays {
    pub fn record(&mut self, campaign_id: &str) {
        self.today += 1;
        *self
            .per_campaign
            .entry(campaign_id.to_string())
            .or_default() += 1;
    }

    pub fn of(&self, campaign_id: &str) -> u32 {
        self.per_campaign.get(campaign_id).copied().unwrap_or(0)
    }
}

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

/// A cap of 0 or none is unlimited.
pub fn cap_limit(cap: Option<i32>) -> Option<u32> {
    cap.filter(|c| *c > 0).map(|c| c as u32)
}

/// The first cap the recorded displays have reached, if any.
pub fn cap_reached(campaign: &Campaign, displays: &Displays) -> Option<CapHit> {
    let mine = displays.of(campaign.id());
    let reached = |cap: Option<i32>, count: u32| cap_limit(cap).is_some_and(|c| count >= c);
    if reached(campaign.session_cap, mine) {
        Some(CapHit::Session)
    } else if reached(campaign.daily_cap, displays.today) {
        Some(CapHit::Daily)
    } else if reached(campaign.total_cap, mine) {
        Some(CapHit::Total)
    } else {
        None
    }
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

    #[test]
    fn zero_or_absent_is_unlimited() {
        let c = campaign("a", Some(0), None, Some(0));
        let mut d = Displays::default();
        for _ in 0..100 {
            d.record("a");
        }
        assert_eq!(cap_reached(&c, &d), None);
        assert_eq!(caps_summary(&c), "unlimited");
    }

    #[test]
    fn daily_counter_is_shared_between_campaigns() {
        let a = campaign("a", None, Some(2), None);
        let mut d = Displays::default();
        d.record("b");
        assert_eq!(cap_reached(&a, &d), None);
        d.record("c");
        assert_eq!(cap_reached(&a, &d), Some(CapHit::Daily));
    }

    #[test]
    fn session_then_total() {
        let a = campaign("a", Some(1), None, Some(5));
        let mut d = Displays::default();
        assert_eq!(cap_reached(&a, &d), None);
        d.record("a");
        assert_eq!(cap_reached(&a, &d), Some(CapHit::Session));
        assert_eq!(caps_summary(&a), "session 1 · total 5");
    }
}
