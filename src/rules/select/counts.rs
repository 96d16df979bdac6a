//! The display counters a device keeps for caps: per campaign this session and in all, and one
//! daily counter for every campaign that starts again at local midnight.
//!
//! As Amplify keeps them (amplify-js `inAppMessaging/providers/pinpoint/utils/
//! messageProcessingHelpers.ts`: `incrementMessageCounts`, `getMessageCounts`, `getDailyCount`,
//! `sessionStateChangeHandler`).

use std::collections::BTreeMap;

use jiff::ZonedDateTime;
use jiff::civil::Date;

/// A device's display counters. The device's time zone is the zone of the `ZonedDateTime`s
/// handed in: "today" is the local day there.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Counts {
    session: BTreeMap<String, u32>,
    total: BTreeMap<String, u32>,
    daily: u32,
    /// Local midnight of the day `daily` counts, as the device stores it (`lastCountTimestamp`,
    /// the instant of local midnight): a different day, or a different zone, reads as 0.
    daily_day: Option<ZonedDateTime>,
}

/// The three counts a device compares against a campaign's caps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shown {
    pub session: u32,
    pub daily: u32,
    pub total: u32,
}

impl Counts {
    /// Counters of a fresh install: nothing shown yet.
    pub fn new() -> Counts {
        Counts::default()
    }

    /// A message was displayed at `at`: its session and total counts go up by one, and so does
    /// the daily counter (which starts from 0 when `at` is on a later local day).
    ///
    /// `campaign_id` is the message's id as the device holds it: the `CampaignId`, or `""` when
    /// the campaign has none. The device reads every count of an empty id as 0, so a display of
    /// a campaign without an id sets the daily counter to 1, whatever it was.
    pub fn record(&mut self, campaign_id: &str, at: &ZonedDateTime) {
        let before = self.shown(Some(campaign_id), at);
        self.session
            .insert(campaign_id.to_string(), before.session + 1);
        self.daily = before.daily + 1;
        self.daily_day = at.start_of_day().ok();
        self.total.insert(campaign_id.to_string(), before.total + 1);
    }

    /// A new session started (on the web: the page became visible; in React Native: the app came
    /// to the foreground): every session count is 0 again. Daily and total counts stay.
    pub fn start_session(&mut self) {
        self.session.clear();
    }

    /// Sets the daily counter for the local day of `at`.
    pub fn set_daily(&mut self, count: u32, at: &ZonedDateTime) {
        self.daily = count;
        self.daily_day = at.start_of_day().ok();
    }

    /// Displays of this campaign since the session started.
    pub fn session(&self, campaign_id: &str) -> u32 {
        self.session.get(campaign_id).copied().unwrap_or(0)
    }

    /// Displays of this campaign since the app was installed.
    pub fn total(&self, campaign_id: &str) -> u32 {
        self.total.get(campaign_id).copied().unwrap_or(0)
    }

    /// Displays of every campaign on the local day of `at`: 0 once local midnight has passed
    /// since the last display.
    pub fn daily(&self, at: &ZonedDateTime) -> u32 {
        // Finding the local day takes a time-zone lookup; with nothing counted there is none to do.
        if self.daily == 0 {
            return 0;
        }
        let today = at.start_of_day().ok();
        match (&self.daily_day, today) {
            (Some(day), Some(today)) if day.timestamp() == today.timestamp() => self.daily,
            _ => 0,
        }
    }

    /// The local date the daily counter counts for, if anything was shown yet.
    pub fn daily_date(&self) -> Option<Date> {
        self.daily_day.as_ref().map(ZonedDateTime::date)
    }

    /// The counts the device compares with a campaign's caps at `at`. A campaign without a
    /// `CampaignId` (or with an empty one) reads 0 for all three, so its caps never stop it.
    pub fn shown(&self, campaign_id: Option<&str>, at: &ZonedDateTime) -> Shown {
        match campaign_id {
            Some(id) if !id.is_empty() => Shown {
                session: self.session(id),
                daily: self.daily(at),
                total: self.total(id),
            },
            _ => Shown::default(),
        }
    }
}
