//! The rules `pinview check` applies: stable ids, default severities, and the words `--rules`,
//! `--explain`, SARIF and the README's table are made from. Ids never change meaning; a retired
//! rule's id is not reused.

use super::Severity;

/// One rule of the catalogue.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// `PV012`.
    pub id: &'static str,
    /// `body-too-long`: a short name for SARIF and tables.
    pub name: &'static str,
    pub severity: Severity,
    /// One line.
    pub summary: &'static str,
    /// Why it matters and what to do, for `--explain`.
    pub explanation: &'static str,
    /// Only looked at with `--images` (needs the network).
    pub needs_images: bool,
}

macro_rules! rules {
    ($($konst:ident = $id:literal $name:literal $sev:ident $img:literal $summary:literal $expl:literal;)*) => {
        $(pub const $konst: &Rule = &Rule {
            id: $id,
            name: $name,
            severity: Severity::$sev,
            summary: $summary,
            explanation: $expl,
            needs_images: $img,
        };)*
        /// Every rule, in id order.
        pub const RULES: &[&Rule] = &[$($konst),*];
    };
}

rules! {
    DUPLICATE_ID = "PV001" "duplicate-campaign-id" Error false
        "two campaigns of one endpoint share a CampaignId"
        "Devices remember the answer of each event check by CampaignId and count displays by it (amplify-js processInAppMessages, isBelowCap): the second campaign gets the first one's answers and caps, whatever its own filter says. Give every campaign its own id.";
    CAPS_CONTRADICT = "PV002" "caps-contradict" Warning false
        "TotalCap is below SessionCap"
        "Both count this campaign's displays, so the total cap stops it before the session cap can be reached, and the larger cap never acts. Raise TotalCap or lower SessionCap to what was meant. A DailyCap above TotalCap can still act: devices keep one daily count for all campaigns (amplify-js getDailyCount), so other messages shown today bring it nearer.";
    NO_CONTENT = "PV003" "no-content" Error false
        "the message has no Content"
        "With no card to draw, devices show an empty frame with only its close button. Add a card with a header or body.";
    NEGATIVE_CAP = "PV004" "negative-cap" Error false
        "a cap is negative"
        "Devices show a campaign while its count is below the cap (amplify-js isBelowCap); no count is below a negative cap, so the campaign never shows. Use 0 or leave the cap out for no limit.";
    CAPS_WITHOUT_ID = "PV005" "caps-without-id" Warning false
        "caps on a campaign without a CampaignId"
        "Devices count displays by CampaignId (amplify-js getMessageCounts); without one the counts stay at zero and no cap ever stops the campaign. Give it its id.";
    HEADER_LENGTH = "PV011" "header-too-long" Error false
        "header over 64 characters"
        "Pinpoint documents at most 64 characters for a header; its console refused longer ones. Devices wrap longer text (React Native) or cut it to one line with an ellipsis (web).";
    BODY_LENGTH = "PV012" "body-too-long" Error false
        "body over 150 characters"
        "Pinpoint documents at most 150 characters for a message body; its console refused longer ones. A longer body pushes the buttons down and, in a banner, off the card on small screens.";
    BUTTON_TEXT_LENGTH = "PV013" "button-text-too-long" Error false
        "button text over 64 characters"
        "Pinpoint documents at most 64 characters for a button's text. The two buttons share one row with equal widths, so long text wraps inside a narrow button.";
    TOO_MANY_CARDS = "PV014" "too-many-cards" Error false
        "more than 5 cards"
        "Pinpoint documents at most 5 cards, for carousels. Split the message or drop cards.";
    TOO_MANY_CUSTOM = "PV015" "too-many-custom-config" Error false
        "more than 10 CustomConfig pairs"
        "Pinpoint documents at most 10 key-value pairs in CustomConfig. Apps read them in their own code; move the rest into one JSON value or into the app.";
    IMAGE_FORMAT = "PV016" "image-format" Warning false
        "ImageUrl is not a .png or .jpg"
        "Pinpoint documents PNG and JPEG images for in-app messages. Other formats may not decode on every device; a failed image is left out and the message shown without it.";
    NO_EVENT_FILTER = "PV021" "no-event-filter" Error false
        "no EventFilter or no EventType: never shown"
        "Devices show a message only for an event named in Schedule.EventFilter.Dimensions.EventType.Values (amplify-js matchesEventType). Without them no event ever matches and the campaign never shows. Add the event, e.g. _session.start.";
    EXCLUSIVE_IGNORED = "PV022" "exclusive-ignored" Warning false
        "EventType DimensionType EXCLUSIVE is ignored"
        "amplify-js never reads DimensionType: an EXCLUSIVE event type acts as INCLUSIVE, so the message shows on exactly the listed events instead of all others. List the events it should show on.";
    ATTRIBUTE_TYPE_IGNORED = "PV023" "attribute-type-ignored" Warning false
        "an attribute's AttributeType is ignored"
        "amplify-js matchesAttributes never reads AttributeType: EXCLUSIVE, CONTAINS, BEFORE, AFTER, BETWEEN and ON all act as INCLUSIVE, an exact match against Values.";
    METRIC_NEVER_MATCHES = "PV024" "metric-never-matches" Error false
        "a metric with Value 0 or an unknown operator never matches"
        "amplify-js matchesMetrics treats a Value of 0 (or none) as no match, and knows only EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL, LESS_THAN and LESS_THAN_OR_EQUAL. Such a metric never matches, so the campaign never shows.";
    QUIET_TIME_IGNORED = "PV025" "quiet-time-ignored" Note false
        "QuietTime is not enforced by devices"
        "amplify-js has an isQuietTime helper but never calls it: devices show the message during quiet time too. Use an EndDate or the app's own logic if the time matters.";
    PRIORITY_ZERO = "PV026" "priority-zero" Warning false
        "Priority 0 counts as no priority"
        "amplify-js processInAppMessages reads 0 as no priority, so any campaign with a priority from 1 beats it. Use 1 for the most important campaign.";
    NEVER_WINS = "PV027" "never-wins" Error false
        "another campaign with the same trigger always wins"
        "A campaign with the same trigger, a better priority (or an equal one that ends no later and comes first), no caps and no earlier end is eligible whenever this one is, so devices always choose it (amplify-js processInAppMessages and the default conflict handler). This campaign can never be shown.";
    ATTRIBUTE_NEVER_MATCHES = "PV028" "attribute-never-matches" Error false
        "an attribute filter lists no values"
        "Devices show the campaign only when the event's value for each attribute is among its Values (amplify-js matchesAttributes); an empty list holds none, so no event shows it. List the values, or remove the attribute.";
    UNKNOWN_LAYOUT = "PV031" "unknown-layout" Error false
        "a Layout devices do not know"
        "Devices still select a campaign with an unknown Layout, then amplify-ui's useMessage draws nothing for it: the user sees nothing and lower-priority messages for the same event are blocked.";
    CARDS_OUTSIDE_CAROUSEL = "PV032" "cards-outside-carousel" Warning false
        "several cards outside a CAROUSEL: only the first is shown"
        "Banners, the modal and full screen draw Content[0] only; only CAROUSEL draws every card.";
    CAROUSEL_ON_WEB = "PV033" "carousel-on-web" Warning false
        "CAROUSEL is not drawn on web"
        "amplify-ui's web CarouselMessage returns nothing: browsers select the campaign and show nothing, blocking lower-priority messages for the event.";
    BUTTON_NO_DEFAULT = "PV034" "button-without-default-config" Error false
        "a button with no DefaultConfig is not drawn"
        "amplify-ui getButtonConfig merges a platform override over DefaultConfig; with no DefaultConfig there is no button at all, on every platform, whatever the overrides say.";
    RADIUS_ZERO = "PV035" "border-radius-zero" Note false
        "BorderRadius 0 is rounded anyway on phones"
        "React Native devices treat a BorderRadius of 0 as unset and draw the default radius of 4; web draws 0 as square corners.";
    NO_LAYOUT = "PV036" "layout-missing" Note false
        "no Layout: drawn as TOP_BANNER"
        "amplify-js normalizeMessages uses TOP_BANNER when Layout is absent. State the layout to make the intent clear.";
    UNKNOWN_ALIGNMENT = "PV037" "unknown-alignment" Warning false
        "a text Alignment devices do not know: drawn LEFT"
        "Header and body alignment is LEFT, CENTER or RIGHT; anything else is drawn as LEFT.";
    BUTTON_NO_TEXT = "PV038" "button-without-text" Error false
        "a button with no Text"
        "Devices draw the button as an empty box the user cannot read.";
    UNKNOWN_ACTION = "PV039" "unknown-button-action" Error false
        "a ButtonAction devices do not know"
        "ButtonAction is LINK, DEEP_LINK or CLOSE. Devices do nothing but close the message for any other value.";
    END_DATE_PAST = "PV041" "end-date-past" Warning false
        "EndDate has passed: never shown"
        "amplify-js isBeforeEndDate shows a message only while now is before its EndDate. Remove the campaign or move its end.";
    END_DATE_UNREADABLE = "PV042" "end-date-unreadable" Error false
        "EndDate is not a date: never shown"
        "An EndDate JavaScript's Date cannot read is never before now, so devices never show the campaign. Write an ISO 8601 date-time with an offset, e.g. 2027-01-15T00:00:00Z.";
    END_DATE_LOCAL = "PV043" "end-date-without-offset" Warning false
        "EndDate has no offset: each device reads it in its own time zone"
        "JavaScript's Date reads a date-time without an offset in the device's local time zone, so the campaign ends at different instants around the world (a date alone is read as UTC). Add Z or an offset.";
    CONTRAST_ERROR = "PV051" "contrast-below-3" Error false
        "text contrast below 3:1"
        "WCAG 2.2 asks for 4.5:1 between text and what is behind it (3:1 for large text); below 3:1 many users cannot read it. Computed after alpha is composited over the card, and the card over a white screen.";
    CONTRAST_WARNING = "PV052" "contrast-below-4.5" Warning false
        "text contrast below 4.5:1"
        "WCAG 2.2 success criterion 1.4.3 asks for at least 4.5:1 between normal text and its background. Computed after alpha is composited over the card, and the card over a white screen.";
    BAD_COLOUR = "PV053" "colour-unreadable" Error false
        "a colour that does not parse"
        "Colours are #RGB, #RRGGBB, #RRGGBBAA or a CSS name. Devices fall back to their default colour for anything else, which may not be what the design meant.";
    LINK_MISSING = "PV061" "link-missing" Error false
        "LINK or DEEP_LINK without a Link"
        "The button does nothing but close the message: there is nowhere to go.";
    LINK_NOT_WEB = "PV062" "link-not-web-url" Error false
        "a LINK that is not an absolute http(s) URL"
        "LINK opens the address in a browser; a relative or non-web address fails to open. Use DEEP_LINK for an app's own scheme.";
    DEEP_LINK_NO_SCHEME = "PV063" "deep-link-without-scheme" Error false
        "a DEEP_LINK without a scheme"
        "A deep link needs a scheme the app registers, e.g. myapp://cart; without one the operating system has nothing to open.";
    CLOSE_WITH_LINK = "PV064" "close-link-ignored" Warning false
        "CLOSE with a Link: the link is ignored"
        "A CLOSE button only closes the message; its Link is never opened. Use LINK or DEEP_LINK if it should go somewhere.";
    IMAGE_UNREACHABLE = "PV071" "image-unreachable" Error true
        "the image cannot be loaded"
        "Devices leave out an image that fails to load and show the message without it. Checked only with --images.";
    IMAGE_TOO_LARGE = "PV072" "image-too-large" Warning true
        "the image file is over 1 MB"
        "Devices wait for the image before showing the message; a large file delays it or drops it on a slow network. Pinpoint recommends 100x100 for banners and 300x200 for carousel and full screen. Checked only with --images.";
    IMAGE_ASPECT = "PV073" "image-aspect" Note true
        "the image is not the aspect Pinpoint recommends for the layout"
        "Devices keep the image's aspect inside a square of 0.2 (banners) or 0.6 (others) of the screen's short side: 1:1 for banners and 3:2 for carousel and full screen fill it. Checked only with --images.";
}

/// The rule with this id, e.g. `PV012` (any case).
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.id.eq_ignore_ascii_case(id.trim()))
}
