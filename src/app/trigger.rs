//! The trigger: an event typed at the `t` prompt, and which message a device shows for it on the
//! current endpoint, with every other campaign's reason (`rules::select`, kept up to date here).

use std::collections::BTreeMap;

use super::state::State;
use crate::rules::select::{Event, Exclusion, Selection, select};

/// An event set at the `t` prompt, as typed and as read.
#[derive(Clone, Debug, PartialEq)]
pub struct Trigger {
    pub text: String,
    pub event: Event,
}

/// Reads `purchase plan=pro cart_value:50`: the event name, then `key=value` attributes and
/// `key:number` metrics.
pub fn parse_trigger(text: &str) -> Result<Trigger, String> {
    let mut words = text.split_whitespace();
    let Some(name) = words.next() else {
        return Err("type an event name, e.g. purchase plan=pro cart_value:50".into());
    };
    let mut attributes = BTreeMap::new();
    let mut metrics = BTreeMap::new();
    for word in words {
        if let Some((key, value)) = word.split_once('=').filter(|(k, _)| !k.is_empty()) {
            attributes.insert(key.to_string(), value.to_string());
        } else if let Some((key, number)) = word.split_once(':').filter(|(k, _)| !k.is_empty()) {
            let value: f64 = number
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite())
                .ok_or_else(|| format!("metric {key}: \"{number}\" is not a number"))?;
            metrics.insert(key.to_string(), value);
        } else {
            return Err(format!(
                "\"{word}\": write attributes as key=value and metrics as key:number"
            ));
        }
    }
    Ok(Trigger {
        text: text.split_whitespace().collect::<Vec<_>>().join(" "),
        event: Event {
            name: name.to_string(),
            attributes,
            metrics,
        },
    })
}

/// Decides again which message the trigger shows: after data, counts, the trigger or the clock
/// changed. Campaigns shown as removed are not the device's any more and take no part.
pub fn refresh_selection(state: &mut State) {
    state.selection = match (&state.trigger, state.endpoint()) {
        (Some(trigger), Some(endpoint)) => {
            let live = &endpoint.campaigns[..endpoint.live_count()];
            Some(select(live, &trigger.event, &state.counts, &state.now))
        }
        _ => None,
    };
}

/// A campaign's part in the selection: `None` when there is no trigger or it was removed.
pub fn verdict(state: &State, index: usize) -> Option<Verdict<'_>> {
    let selection: &Selection = state.selection.as_ref()?;
    let decided = selection.verdicts.get(index)?;
    Some(match &decided.excluded_by {
        None => Verdict::Shown,
        Some(why) => Verdict::Excluded(why),
    })
}

pub enum Verdict<'a> {
    Shown,
    Excluded(&'a Exclusion),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trigger_reads_name_attributes_and_metrics() {
        let t = parse_trigger("  purchase plan=pro  cart_value:49.5 ").unwrap();
        assert_eq!(t.text, "purchase plan=pro cart_value:49.5");
        assert_eq!(t.event.name, "purchase");
        assert_eq!(t.event.attributes["plan"], "pro");
        assert_eq!(t.event.metrics["cart_value"], 49.5);
    }

    #[test]
    fn bad_triggers_say_how_to_write_them() {
        assert!(parse_trigger("   ").unwrap_err().contains("event name"));
        let bad = parse_trigger("buy cart:lots").unwrap_err();
        assert!(bad.contains("\"lots\" is not a number"), "{bad}");
        let odd = parse_trigger("buy plan").unwrap_err();
        assert!(odd.contains("key=value"), "{odd}");
        assert!(parse_trigger("buy cart:inf").is_err());
    }
}
